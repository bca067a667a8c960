"""Q1 graders: Elman and Jordan forward passes, on the tutorial's numbers and on random cases."""
from hypothesis import strategies as st

from autograder.graders.tutorial8_rnn import item
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.compare import Mismatch
from autograder.judge.feedback import show_call
from autograder.judge.misconceptions import assert_outputs_explained, diagnose
from autograder.judge.strategies import CONTAINERS, arrays, in_container, lengths, numbers

MODULE = "q1_rnn_forward"
STATE = {"elman": "h0", "jordan": "y0"}
PARAMETERS = ("x", "U", "W", "V", "b", "c")
RANDOM = "Counterexample (shrunk by hypothesis)"


def check_forward(student, reference, mistakes, kind, args, kwargs, context):
    """Call `<kind>_forward` in the student's process and judge (y, h) against the reference;
    every failure is led by the call."""
    function = f"{kind}_forward"
    expected = getattr(reference, function)(*args, **kwargs)
    # Asked before the student's answer is known, so a student template can ship the answers.
    wrong = [mistakes.misconceptions(kind, output, args, kwargs) for output in (0, 1)]
    with counterexample(f"{context}: {show_call(function, PARAMETERS, args, kwargs)}"):
        actual = student.call(function, *args, **kwargs)
        if not isinstance(actual, (tuple, list)) or len(actual) != 2:
            raise Mismatch("type", f"{function} must return a pair (y, h)").followed_by(
                diagnose(wrong[0], actual, expected[0]))
        assert_outputs_explained("yh", expected=expected, actual=actual, wrong=wrong, rtol=1e-6, atol=1e-6)


@st.composite
def rnn_cases(draw, kind):
    """(args, kwargs) for a random Elman or Jordan network and sequence, in one container."""
    container = draw(st.sampled_from(CONTAINERS))
    steps = draw(lengths(container, 8))
    n_in, n_hidden, n_out = (draw(st.integers(1, 6)) for _ in range(3))
    recurrent = (n_out, n_hidden) if kind == "jordan" else (n_hidden, n_hidden)
    shapes = [(steps, n_in), (n_in, n_hidden), recurrent, (n_hidden, n_out), (n_hidden,)]
    args = [in_container(draw(arrays(*shape)), container) for shape in shapes]
    args.append(draw(st.one_of(numbers(), arrays(n_out).map(lambda c: in_container(c, container)))))
    state_size = n_out if kind == "jordan" else n_hidden
    how = draw(st.sampled_from(["omitted", "None", "given"]))
    kwargs = {} if how == "omitted" else {STATE[kind]: None}
    if how == "given":
        kwargs[STATE[kind]] = in_container(draw(arrays(state_size)), container)
    return tuple(args), kwargs


def tutorial_args(reference, kind):
    weights = reference.W_JORDAN if kind == "jordan" else reference.W_ELMAN
    return reference.X_SEQ, reference.U, weights, reference.V, reference.B, reference.C


def single_step(reference, kind):
    """x(2) alone, starting from the state the tutorial's first step ends in."""
    x, *weights = tutorial_args(reference, kind)
    y, h = getattr(reference, f"{kind}_forward")(x[:1], *weights)
    start = y[0] if kind == "jordan" else h[0]
    return (x[1:2], *weights), {STATE[kind]: start}


@item("1.1")
def test_elman_on_the_tutorial_sequence(student, reference, mistakes):
    """Does elman_forward reproduce the tutorial's y = (0.2707, 0.7284, 0.9432, 0.1126)?"""
    check_forward(student, reference, mistakes, "elman", tutorial_args(reference, "elman"), {}, "On the tutorial's sequence")


@item("1.2")
def test_elman_single_step(student, reference, mistakes):
    """Is one Elman step right on its own, from the state after the tutorial's first step?"""
    args, kwargs = single_step(reference, "elman")
    check_forward(student, reference, mistakes, "elman", args, kwargs, "One step (T = 1) from a given h0")


@item("1.3")
def test_elman_matches_reference(student, reference, mistakes):
    """Does elman_forward agree with the reference for any sizes, containers and h0?"""
    check_cases(rnn_cases("elman"), lambda case: check_forward(student, reference, mistakes, "elman", *case, RANDOM))


@item("1.4")
def test_jordan_on_the_tutorial_sequence(student, reference, mistakes):
    """Does jordan_forward reproduce the tutorial's y = (0.2707, 0.7115, 0.9635, 0.1563)?"""
    check_forward(student, reference, mistakes, "jordan", tutorial_args(reference, "jordan"), {}, "On the tutorial's sequence")


@item("1.5")
def test_jordan_single_step(student, reference, mistakes):
    """Is one Jordan step right on its own, from the output after the tutorial's first step?"""
    args, kwargs = single_step(reference, "jordan")
    check_forward(student, reference, mistakes, "jordan", args, kwargs, "One step (T = 1) from a given y0")


@item("1.6")
def test_jordan_matches_reference(student, reference, mistakes):
    """Does jordan_forward agree with the reference for any sizes, containers and y0?"""
    check_cases(rnn_cases("jordan"), lambda case: check_forward(student, reference, mistakes, "jordan", *case, RANDOM))
