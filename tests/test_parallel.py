"""Does spreading the questions over processes change nothing but the wall time?"""
from autograder.grading import grade, grade_in_parallel
from conftest import QUICK, SUBMISSIONS, mutate


def test_parallel_grading_gives_the_sequential_report(make_submission):
    modules = {"q1_rnn_forward": mutate("q1_rnn_forward", ("W.T @ h_prev", "W @ h_prev")),
               "q3_lstm_mapping": (SUBMISSIONS / "style_time_major" / "q3_lstm_mapping.py").read_text()}
    folder = make_submission(**modules)
    sequential = grade(folder, limits=QUICK)
    parallel = grade_in_parallel(folder, jobs=2, limits=QUICK)
    assert [(i.number, i.score, i.status, i.feedback) for i in parallel.items] == \
        [(i.number, i.score, i.status, i.feedback) for i in sequential.items]
    assert parallel.score == 8 + 25 and parallel.status == "missing file"
