"""Q1 graders: Elman and Jordan forward passes, on the tutorial's numbers and on random cases."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from autograder.graders.tutorial8_rnn import item
from autograder.judge.compare import Mismatch, assert_close
from autograder.judge.feedback import show_call
from autograder.judge.misconceptions import Misconception, diagnose
from autograder.judge.strategies import CONTAINERS, GRADING, arrays, in_container, numbers

MODULE = "q1_rnn_forward"
STATE = {"elman": "h0", "jordan": "y0"}
PARAMETERS = ("x", "U", "W", "V", "b", "c")


def _sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


def _forward(x, U, W, V, b, c, state=None, *, jordan, transpose_w=True, hidden=np.tanh,
             squash=_sigmoid, use_b=True, use_c=True, start=None, feed="y", carry=True):
    """The Q1 forward pass with switches for the mistakes students make; defaults are correct."""
    x, U, W, V, b, c = (np.asarray(a, dtype=np.float64) for a in (x, U, W, V, b, c))
    size = V.shape[1] if jordan else W.shape[0]
    first = np.zeros(size) if state is None else np.asarray(state, dtype=np.float64)
    first = first if start is None else start(size)
    recurrent = W.T if transpose_w else W
    ys, hs, previous = [], [], first
    for x_t in x.reshape(len(x), -1) if x.size else []:
        h = hidden(U.T @ x_t + recurrent @ previous + (b if use_b else 0))  # (H,)
        a = V.T @ h + (c if use_c else 0)  # (O,)
        y = squash(a)
        ys.append(y)
        hs.append(h)
        previous = ({"y": y, "h": h, "a": a}[feed] if jordan else h) if carry else first
    return np.reshape(ys, (len(ys), V.shape[1])), np.reshape(hs, (len(hs), U.shape[1]))


def _state(kwargs):
    """The h0/y0 keyword argument of a call, or None."""
    return next(iter(kwargs.values()), None)


def _variant(jordan, output, **mistake):
    return lambda *args, **kwargs: _forward(*args, _state(kwargs), jordan=jordan, **mistake)[output]


def _last_step(jordan, keep_dim):
    def compute(*args, **kwargs):
        y = _forward(*args, _state(kwargs), jordan=jordan)[0]
        return y[-1:] if keep_dim else y[-1]
    return compute


def _catalogue(kind, output):
    """What common mistakes would have returned as output 0 (y) or 1 (h)."""
    jordan = kind == "jordan"
    state = "y(t-1)" if jordan else "h(t-1)"
    mistakes = [
        ("feeding back the hidden state h(t-1) instead of the output y(t-1)", dict(feed="h")),
        ("feeding back the output before the sigmoid instead of y(t-1)", dict(feed="a")),
    ] if jordan else []
    mistakes += [
        ("W instead of Wᵀ", dict(transpose_w=False)),
        ("a sigmoid hidden layer instead of tanh", dict(hidden=_sigmoid)),
        ("leaving out the output sigmoid", dict(squash=lambda a: a)),
        ("leaving out the hidden bias b", dict(use_b=False)),
        ("leaving out the output bias c", dict(use_c=False)),
        ("starting from a non-zero initial state (ones) instead of zeros", dict(start=np.ones)),
        ("ignoring the given initial state (starting from zeros)", dict(start=np.zeros)),
        (f"not carrying {state} from one step to the next", dict(carry=False)),
    ]
    catalogue = [Misconception(text, _variant(jordan, output, **flags)) for text, flags in mistakes]
    catalogue.append(Misconception("returning (h, y) instead of (y, h)", _variant(jordan, 1 - output)))
    if output == 0:
        catalogue += [Misconception("returning only the last step's output", _last_step(jordan, keep))
                      for keep in (False, True)]
    return catalogue


CATALOGUES = {(kind, output): _catalogue(kind, output) for kind in STATE for output in (0, 1)}


def check_forward(student, reference, kind, args, kwargs, context):
    """Call `<kind>_forward` in the student's process and judge (y, h) against the reference."""
    function = f"{kind}_forward"
    expected = getattr(reference, function)(*args, **kwargs)
    actual = student.call(function, *args, **kwargs)
    call = f"{context}: {show_call(function, PARAMETERS, args, kwargs)}"
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        hint = diagnose(CATALOGUES[kind, 0], actual, expected[0], args, kwargs)
        raise Mismatch("type", "\n".join(filter(None, [call, f"{function} must return a pair (y, h)", hint])))
    for output, name in enumerate("yh"):
        try:
            assert_close(name, expected=expected[output], actual=actual[output], rtol=1e-6, atol=1e-6)
        except Mismatch as mismatch:
            hint = diagnose(CATALOGUES[kind, output], actual[output], expected[output], args, kwargs)
            raise mismatch.with_context(call) if not hint else Mismatch(
                mismatch.broke, f"{call}\n{mismatch}\n{hint}")


@st.composite
def rnn_cases(draw, kind):
    """(args, kwargs) for a random Elman or Jordan network and sequence."""
    steps = draw(st.integers(0, 8))
    n_in, n_hidden, n_out = (draw(st.integers(1, 6)) for _ in range(3))
    recurrent = (n_out, n_hidden) if kind == "jordan" else (n_hidden, n_hidden)
    shapes = [(steps, n_in), (n_in, n_hidden), recurrent, (n_hidden, n_out), (n_hidden,)]
    container = draw(st.sampled_from(CONTAINERS))
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
def test_elman_on_the_tutorial_sequence(student, reference):
    """Does elman_forward reproduce the tutorial's y = (0.2707, 0.7284, 0.9432, 0.1126)?"""
    check_forward(student, reference, "elman", tutorial_args(reference, "elman"), {}, "On the tutorial's sequence")


@item("1.2")
def test_elman_single_step(student, reference):
    """Is one Elman step right on its own, from the state after the tutorial's first step?"""
    args, kwargs = single_step(reference, "elman")
    check_forward(student, reference, "elman", args, kwargs, "One step (T = 1) from a given h0")


@item("1.3")
@GRADING
@given(case=rnn_cases("elman"))
def test_elman_matches_reference(student, reference, case):
    """Does elman_forward agree with the reference for any sizes, containers and h0?"""
    check_forward(student, reference, "elman", *case, "Counterexample (shrunk by hypothesis)")


@item("1.4")
def test_jordan_on_the_tutorial_sequence(student, reference):
    """Does jordan_forward reproduce the tutorial's y = (0.2707, 0.7115, 0.9635, 0.1563)?"""
    check_forward(student, reference, "jordan", tutorial_args(reference, "jordan"), {}, "On the tutorial's sequence")


@item("1.5")
def test_jordan_single_step(student, reference):
    """Is one Jordan step right on its own, from the output after the tutorial's first step?"""
    args, kwargs = single_step(reference, "jordan")
    check_forward(student, reference, "jordan", args, kwargs, "One step (T = 1) from a given y0")


@item("1.6")
@GRADING
@given(case=rnn_cases("jordan"))
def test_jordan_matches_reference(student, reference, case):
    """Does jordan_forward agree with the reference for any sizes, containers and y0?"""
    check_forward(student, reference, "jordan", *case, "Counterexample (shrunk by hypothesis)")
