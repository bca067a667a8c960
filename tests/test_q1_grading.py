"""Does Q1 grading give full marks to right work, zero to the skeleton, and dock mistakes precisely?"""
import shutil

import numpy as np
import pytest
from hypothesis import find, given, settings

from autograder.graders.tutorial8_rnn.test_q1_rnn_forward import rnn_cases
from autograder.judge.strategies import GRADING
from conftest import SKELETONS, SOLUTIONS, SUBMISSIONS, feedback, grade_quick, mutate

Q1 = "q1_rnn_forward"
ALL = {"1.1", "1.2", "1.3", "1.4", "1.5", "1.6"}
ELMAN, JORDAN = {"1.1", "1.2", "1.3"}, {"1.4", "1.5", "1.6"}


def lost(report):
    return {item.number for item in report.items if item.score < item.max_score}


def test_reference_scores_full_marks():
    report = grade_quick(SOLUTIONS)
    assert report.score == report.max_score == 20, [i.feedback for i in report.items]


def test_untouched_skeleton_scores_zero_saying_not_implemented():
    report = grade_quick(SKELETONS)
    assert report.score == 0 and len(report.items) == 6
    for item in report.items:
        assert "not implemented yet" in item.feedback and "Traceback" not in item.feedback


@pytest.mark.parametrize("style", ["style_manual_cells", "style_time_major"])
def test_correct_work_in_other_styles_scores_full_marks(style):
    report = grade_quick(SUBMISSIONS / style)
    assert report.score == 20, [i.feedback for i in report.items if i.feedback]


def test_a_student_repository_layout_is_found(tmp_path):
    shutil.copytree(SOLUTIONS, tmp_path / "assignments" / "tutorial8_rnn")
    assert grade_quick(tmp_path).score == 20


MISTAKES = {
    "W instead of W transposed": (
        [("h_prev = np.tanh(U.T @ x_t + W.T @ h_prev + b)", "h_prev = np.tanh(U.T @ x_t + W @ h_prev + b)")],
        ELMAN, "W instead of Wᵀ"),
    "sigmoid hidden layer": (
        [("h_prev = np.tanh(U.T @ x_t + W.T @ h_prev + b)", "h_prev = sigmoid(U.T @ x_t + W.T @ h_prev + b)")],
        ELMAN, "sigmoid hidden layer"),
    "no output bias in Jordan": (
        [("y_prev = sigmoid(V.T @ h_t + c)", "y_prev = sigmoid(V.T @ h_t)")],
        JORDAN, "leaving out the output bias c"),
    "Jordan feeds back the pre-sigmoid output": (
        [("        y_prev = sigmoid(V.T @ h_t + c)  # (O,)\n        hs.append(h_t)\n        ys.append(y_prev)",
          "        a_t = V.T @ h_t + c\n        hs.append(h_t)\n        ys.append(sigmoid(a_t))\n        y_prev = a_t")],
        {"1.4", "1.6"}, "output before the sigmoid"),
    "Elman starts from ones": (
        [("h_prev = np.zeros(W.shape[0]) if h0 is None", "h_prev = np.ones(W.shape[0]) if h0 is None")],
        {"1.1", "1.3"}, "non-zero initial state"),
    "Elman ignores the given h0": (
        [("h_prev = np.zeros(W.shape[0]) if h0 is None else np.asarray(h0, dtype=np.float64)",
          "h_prev = np.zeros(W.shape[0])")],
        {"1.2", "1.3"}, "ignoring the given initial state"),
    "Elman returns the last step only": (
        [("return np.reshape(ys, (len(x), V.shape[1])), np.reshape(hs, (len(x), W.shape[0]))",
          "return np.array(ys[-1]), np.array(hs[-1])")],
        ELMAN, "only the last step"),
    "Jordan returns (h, y)": (
        [("return np.reshape(ys, (len(x), V.shape[1])), np.reshape(hs, (len(x), U.shape[1]))",
          "return np.reshape(hs, (len(x), U.shape[1])), np.reshape(ys, (len(x), V.shape[1]))")],
        JORDAN, "returning (h, y)"),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_realistic_mistakes_lose_exactly_their_items_and_are_named(name, make_submission):
    replacements, expected_lost, named = MISTAKES[name]
    report = grade_quick(make_submission(**{Q1: mutate(Q1, *replacements)}))
    assert lost(report) == expected_lost
    first = sorted(expected_lost)[0]
    assert named in feedback(report, first), feedback(report, first)


def test_list_outputs_fail_the_type_check(make_submission):
    source = mutate(Q1, ("return np.reshape(ys, (len(x), V.shape[1])), np.reshape(hs, (len(x), W.shape[0]))",
                         "return [list(v) for v in ys], [list(v) for v in hs]"))
    report = grade_quick(make_submission(**{Q1: source}))
    assert lost(report) == ELMAN
    assert "y is a list" in feedback(report, "1.1") and "expected a numpy array" in feedback(report, "1.1")


RETURN = "return np.reshape(ys, (len(x), V.shape[1])), np.reshape(hs, (len(x), W.shape[0]))"


@pytest.mark.parametrize("returned, says", [
    ("return np.ravel(ys), np.reshape(hs, (len(x), W.shape[0]))", "Wrong shape: y has shape (4,); expected (4, 1)"),
    ("import torch\n    return torch.tensor(np.reshape(ys, (len(x), V.shape[1]))), torch.tensor(np.array(hs))",
     "Wrong type: y is a torch tensor; expected a numpy array"),
])
def test_right_values_in_the_wrong_shape_or_container_lose_only_that_share(returned, says, make_submission):
    """A flattened (T,) y or tensors for arrays: each Elman item keeps three quarters, and the
    feedback names the shape or container asked, without a misconception that does not apply."""
    report = grade_quick(make_submission(**{Q1: mutate(Q1, (RETURN, returned))}))
    assert {item.number: item.score / item.max_score for item in report.items if item.number in ELMAN} == \
        dict.fromkeys(ELMAN, 0.75)
    assert report.score == 20 - 0.25 * (4 + 3 + 5)
    assert says in feedback(report, "1.1") and "The values are right" in feedback(report, "1.1")
    assert not any("Likely mistake" in feedback(report, number) for number in ELMAN)


def test_an_error_on_a_random_case_shows_the_error_then_the_call(make_submission):
    source = reference_with("\n\n_reference = elman_forward\n\n\ndef elman_forward(x, U, W, V, b, c, h0=None):\n"
                            "    if np.shape(U)[0] == 2:\n        raise ValueError('two inputs')\n"
                            "    return _reference(x, U, W, V, b, c, h0)\n")
    report = grade_quick(make_submission(**{Q1: source}))
    assert lost(report) == {"1.3"}
    lines = feedback(report, "1.3").splitlines()
    assert "elman_forward in q1_rnn_forward.py raised ValueError: two inputs" in lines[0]
    assert lines[1].startswith("Counterexample (shrunk by hypothesis): elman_forward(x, U, W, V, b, c")
    assert any(line.strip().startswith("U = ") for line in lines[2:])


@pytest.mark.parametrize("kind", ["elman", "jordan"])
def test_an_empty_sequence_comes_only_as_an_array_of_shape_0_by_n_in(kind):
    """The contract's promise: T = 0, if drawn, is an ndarray (0, n_in), never a list `[]`."""
    @settings(GRADING, max_examples=300)
    @given(rnn_cases(kind))
    def check(case):
        (x, U, *_), _ = case
        if len(x) == 0:
            assert isinstance(x, np.ndarray) and x.shape == (0, np.shape(U)[0])

    check()
    (x, U, *_), _ = find(rnn_cases(kind), lambda case: len(case[0][0]) == 0, settings=settings(GRADING))
    assert isinstance(x, np.ndarray) and x.shape == (0, np.shape(U)[0])


def test_always_equal_array_subclass_scores_zero_on_what_it_fakes(make_submission):
    fake = (
        "\n\nclass AlwaysEqual(np.ndarray):\n"
        "    def __eq__(self, other):\n        return np.ones(np.shape(other), dtype=bool)\n"
        "    def __array_function__(self, func, types, args, kwargs):\n        return True\n\n\n"
        "def elman_forward(x, U, W, V, b, c, h0=None):\n"
        "    fake = np.zeros((len(x), 1)).view(AlwaysEqual)\n"
        "    return fake, np.zeros((len(x), 2)).view(AlwaysEqual)\n"
    )
    report = grade_quick(make_submission(**{Q1: reference_with(fake)}))
    assert lost(report) == ELMAN


def reference_with(extra):
    """The reference module with `extra` appended (redefining a function overrides it)."""
    return (SOLUTIONS / f"{Q1}.py").read_text() + extra


@pytest.mark.parametrize("prepend, says", [
    ("while True:\n    pass\n", "importing q1_rnn_forward.py did not finish within"),
    ("import os\nos._exit(0)\n", "importing q1_rnn_forward.py: the process running it exited with code 0"),
    ("def broken(:\n", "importing q1_rnn_forward.py raised SyntaxError"),
])
def test_hostile_imports_score_zero_with_one_clear_line(prepend, says, make_submission):
    report = grade_quick(make_submission(**{Q1: prepend + (SOLUTIONS / f"{Q1}.py").read_text()}))
    assert report.score == 0
    for item in report.items:
        assert says in item.feedback and "\n" not in item.feedback


def test_a_hang_in_one_function_loses_only_its_items(make_submission):
    source = reference_with("\n\ndef elman_forward(*args, **kwargs):\n    while True:\n        pass\n")
    report = grade_quick(make_submission(**{Q1: source}))
    assert lost(report) == ELMAN
    assert "elman_forward in q1_rnn_forward.py did not finish within 5 s" in feedback(report, "1.1")


def test_printing_and_exiting_inside_a_function(make_submission):
    source = reference_with(
        "\n\nprint('{\"score\": 20, \"max_score\": 20}')\n"
        "def jordan_forward(*args, **kwargs):\n    import sys\n    print('all tests passed')\n    sys.exit(0)\n"
    )
    report = grade_quick(make_submission(**{Q1: source}))
    assert lost(report) == JORDAN
    assert "raised SystemExit" in feedback(report, "1.4")


def test_missing_file_scores_zero_with_a_message(make_submission):
    report = grade_quick(make_submission(other="x = 1\n"))
    assert report.score == 0
    assert all("q1_rnn_forward.py is missing from the submission" in item.feedback for item in report.items)


def test_grading_twice_gives_identical_results(make_submission):
    folder = make_submission(**{Q1: mutate(Q1, ("W.T @ h_prev", "W @ h_prev"))})
    first, second = grade_quick(folder), grade_quick(folder)
    assert [(i.number, i.score, i.feedback) for i in first.items] == [(i.number, i.score, i.feedback) for i in second.items]

