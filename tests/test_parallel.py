"""Does spreading the questions over processes change nothing but the wall time?"""
from autograder.grading import grade, grade_in_parallel
from conftest import QUICK, SUBMISSIONS, mutate, reference_source


def test_parallel_grading_gives_the_sequential_report(make_submission):
    modules = {"q1_rnn_forward": mutate("q1_rnn_forward", ("W.T @ h_prev", "W @ h_prev")),
               "q3_lstm_mapping": (SUBMISSIONS / "style_time_major" / "q3_lstm_mapping.py").read_text()}
    folder = make_submission(**modules)
    sequential = grade(folder, limits=QUICK)
    parallel = grade_in_parallel(folder, jobs=2, limits=QUICK)
    assert [(i.number, i.score, i.status, i.feedback) for i in parallel.items] == \
        [(i.number, i.score, i.status, i.feedback) for i in sequential.items]
    assert parallel.score == 8 + 25 and parallel.status == "missing file"


def test_a_worker_that_kills_its_fork_server_costs_only_its_own_items(make_submission):
    killer = ("\n\ndef jordan_forward(*a, **k):\n    import os, signal\n    try:\n"
              "        os.kill(os.getppid(), signal.SIGKILL)\n    except PermissionError:  # a worker of its own user\n"
              "        pass\n    os._exit(1)\n")
    folder = make_submission(q1_rnn_forward=reference_source("q1_rnn_forward") + killer,
                             q3_lstm_mapping=reference_source("q3_lstm_mapping"))
    report = grade_in_parallel(folder, jobs=2, questions=[1, 3], limits=QUICK)
    assert {i.number for i in report.items if i.score < i.max_score} == {"1.4", "1.5", "1.6"}
    assert all("the process running it" in i.feedback for i in report.items if i.number in {"1.4", "1.5", "1.6"})
