"""Does grading honour --device: CPU always, CUDA where this machine has a GPU?"""
import subprocess
import sys

import pytest
import torch

from conftest import SOLUTIONS, grade_quick
from autograder.grading import grade

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@needs_cuda
def test_reference_scores_100_on_cuda():
    report = grade(SOLUTIONS, device="cuda")
    assert report.score == 100, [(i.number, i.feedback) for i in report.items if i.feedback]


@needs_cuda
def test_a_loop_that_leaves_data_on_the_cpu_fails_on_cuda(make_submission):
    from conftest import mutate

    source = mutate("q3_lstm_mapping", ("    x = torch.as_tensor(x, dtype=torch.float32).to(device)\n    y = torch.as_tensor(y, dtype=torch.float32).to(device)\n    optimizer",
                                        "    x = torch.as_tensor(x, dtype=torch.float32)\n    y = torch.as_tensor(y, dtype=torch.float32)\n    optimizer"))
    report = grade(make_submission(q3_lstm_mapping=source), device="cuda", questions=[3])
    assert {"3.3", "3.4"} <= {i.number for i in report.items if i.score < i.max_score}


def test_cpu_is_the_default_and_auto_falls_back_to_it():
    report = grade_quick(SOLUTIONS, questions=(3,))
    assert report.score == 25
    assert grade(SOLUTIONS, device="auto", questions=[1]).score == 20


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_cuda_without_a_gpu_is_a_usage_error():
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", str(SOLUTIONS), "--device", "cuda"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "no usable GPU" in run.stderr and len(run.stderr.splitlines()) == 1
