"""Does grading honour --device: CPU always, CUDA where this machine has a GPU?"""
import subprocess
import sys

import pytest
import torch

from conftest import SOLUTIONS, grade_quick
from autograder.grading import grade
from autograder.runner.host import Host
from autograder.runner.limits import Limits
from autograder.runner.proxy import StudentModule

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


def test_no_process_that_forks_initialises_cuda(monkeypatch, tmp_path):
    """A CUDA build touches CUDA as soon as anyone asks: the judge (which forks) and the fork
    server must not, or CUDA fails in their children. A fake stands in for CUDA's start."""
    started = []
    monkeypatch.setattr(torch.cuda, "_lazy_init", lambda: started.append("judge"))
    assert grade(SOLUTIONS, device="auto", questions=[3], limits=Limits(call_seconds=20)).score == 25
    assert started == []
    (tmp_path / "look.py").write_text("import torch\ndef initialised():\n    return torch.cuda.is_initialized()\n")
    with Host(Limits(), preload=("numpy", "torch")) as host, StudentModule("look", tmp_path, host=host) as student:
        assert student.call("initialised") is False
