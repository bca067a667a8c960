"""Q2 graders: sgd_step against the reference; fit_line's parameters and losses against the
reference's, and its line judged by the mean squared error the judge computes itself."""
import numpy as np
from hypothesis import strategies as st

from autograder.graders.warmup import item
from autograder.graders.warmup.checks import assert_named, scalar_as_array, sequence_as_array
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.compare import Mismatch
from autograder.judge.feedback import show, show_call
from autograder.judge.strategies import arrays

MODULE = "q2_sgd_step"
RANDOM = "Counterexample (shrunk by hypothesis)"
# One step is exact; 200 steps of the reference agree with any correct float64 loop to ~1e-12
# (float32 answers are loosened by assert_close to 1e-4/1e-5). Every catalogued mistake misses by > 1e-2.
RTOL, ATOL = 1e-6, 1e-9
# Data the judge fits lines to (not in the handout): a fixed noisy line y = -1.5 x + 0.5.
X_FIT = np.array([-1.5, -1.3333, -1.1667, -1.0, -0.8333, -0.6667, -0.5, -0.3333, -0.1667, 0.0, 0.1667, 0.3333, 0.5,
                  0.6667, 0.8333, 1.0])
Y_FIT = np.array([2.85, 2.75, 2.35, 1.61, 2.02, 1.63, 1.09, 1.17, 0.86, 0.59, 0.26, 0.16, -0.47, -0.55, -0.89, -0.82])
# The handout's promise: the fitted line's MSE within 0.1% of the best line's. Calibrated on X_FIT,
# Y_FIT: the reference and its float64 variants (no factor 2, 100 steps) come within 1e-8; the
# closest broken fits (30 steps instead of 200, lr 0.01, b never updated) miss by 2.9% to 900%.
MAX_GAP = 1e-3
# (args, kwargs) of fit_line whose losses are compared: other data, rates and step counts.
LOSS_CASES = [
    ((X_FIT, Y_FIT), {"lr": 0.05, "n_steps": 30}),
    ((X_FIT[:5], Y_FIT[:5]), {"lr": 0.2, "n_steps": 7}),
    ((X_FIT, Y_FIT), {"lr": 0.1, "n_steps": 1}),
]


def check_sgd_step(student, reference, mistakes, params, grads, lr, context):
    """sgd_step(params, grads, lr) against the reference, array by array, led by the call."""
    expected = reference.sgd_step(params, grads, lr)
    wrong = [mistakes.sgd_step_misconceptions(i, params, grads, lr) for i in range(len(params))]
    with counterexample(f"{context}: {show_call('sgd_step', ('params', 'grads', 'lr'), (params, grads, lr))}"):
        actual = student.call("sgd_step", params, grads, lr)
        if not isinstance(actual, (list, tuple)) or len(actual) != len(params):
            raise Mismatch("type", f"Wrong type: sgd_step returned {show(actual)}; expected a list of "
                                   f"{len(params)} arrays, one per parameter")
        for i, (want, got) in enumerate(zip(expected, actual)):
            assert_named(f"sgd_step(...)[{i}]", expected=want, actual=got, wrong=wrong[i], rtol=RTOL, atol=ATOL)


def call_fit_line(student, args, kwargs):
    """The student's (a, b, losses), each a plain value the judge can compare; else a Mismatch."""
    result = student.call("fit_line", *args, **kwargs)
    if not isinstance(result, (list, tuple)) or len(result) != 3:
        raise Mismatch("type", f"Wrong type: fit_line returned {show(result)}; expected a tuple (a, b, losses)")
    a, b, losses = result
    return scalar_as_array(a), scalar_as_array(b), sequence_as_array(losses)


def fit_call(args, kwargs, context):
    return f"{context}: {show_call('fit_line', ('x', 'y'), args, kwargs)}"


@st.composite
def steps(draw):
    """(params, grads, lr): 1 to 3 parameters of 1 or 2 dimensions, their gradients, a rate."""
    shapes = draw(st.lists(st.lists(st.integers(1, 3), min_size=1, max_size=2), min_size=1, max_size=3))
    params = [draw(arrays(*shape)) for shape in shapes]
    grads = [draw(arrays(*shape)) for shape in shapes]
    return params, grads, draw(st.sampled_from([0.5, 0.1, 0.01, 1.0]))


@item("2.1")
def test_sgd_step_on_the_handout_example(student, reference, mistakes):
    """sgd_step(PARAMS_EXAMPLE, GRADS_EXAMPLE, 0.1) = [array([0.9, 2.2]), array([[-0.05]])]."""
    check_sgd_step(student, reference, mistakes, reference.PARAMS_EXAMPLE, reference.GRADS_EXAMPLE, 0.1,
                   "On the handout's example")


@item("2.2")
def test_sgd_step_on_random_parameters(student, reference, mistakes):
    """Any number of parameters, any shapes, any rate."""
    check_cases(steps(), lambda case: check_sgd_step(student, reference, mistakes, *case, RANDOM), max_examples=25)


@item("2.3")
def test_fit_line_parameters_on_the_handout_data(student, reference, mistakes):
    """fit_line(X_LINE, Y_LINE) with the defaults ends at the reference's a = 1.9214, b = 1.0045."""
    args, kwargs = (reference.X_LINE, reference.Y_LINE), {}
    expected = reference.fit_line(*args)
    wrong = [mistakes.fit_line_misconceptions(output, args, kwargs) for output in (0, 1)]
    with counterexample(fit_call(args, kwargs, "On the handout's data, with the defaults")):
        a, b, _ = call_fit_line(student, args, kwargs)
        for name, want, got, known in zip("ab", expected[:2], (a, b), wrong):
            assert_named(name, expected=np.asarray(want, dtype=np.float64), actual=got, wrong=known, rtol=RTOL, atol=ATOL)


@item("2.4")
def test_fit_line_losses(student, reference, mistakes):
    """n_steps losses, each the MSE at the start of its step, as the reference records them."""
    for args, kwargs in [((reference.X_LINE, reference.Y_LINE), {}), *LOSS_CASES]:
        expected = np.asarray(reference.fit_line(*args, **kwargs)[2], dtype=np.float64)
        wrong = mistakes.fit_line_misconceptions(2, args, kwargs)
        with counterexample(fit_call(args, kwargs, "The losses")):
            _, _, losses = call_fit_line(student, args, kwargs)
            assert_named("losses", expected=expected, actual=losses, wrong=wrong, rtol=RTOL, atol=ATOL)


@item("2.5")
def test_fit_line_fits_the_data(student):
    """The judge's own MSE of the student's a and b on data of its own: within MAX_GAP of the best line."""
    with counterexample(fit_call((X_FIT, Y_FIT), {}, "On the judge's data, with the defaults")):
        a, b, _ = call_fit_line(student, (X_FIT, Y_FIT), {})
        for name, value in (("a", a), ("b", b)):
            if not (isinstance(value, np.ndarray) and value.size == 1 and np.isfinite(value).all()):
                raise Mismatch("type", f"Wrong type: {name} is {show(value)}; expected a finite float")
        mse = float(np.mean((float(a) * X_FIT + float(b) - Y_FIT) ** 2))
        best = float(np.mean((np.polyval(np.polyfit(X_FIT, Y_FIT, 1), X_FIT) - Y_FIT) ** 2))
        gap = mse / best - 1.0
        if not np.isfinite(gap) or gap > MAX_GAP:
            raise Mismatch("values", f"Wrong values: your line a = {float(a):.4g}, b = {float(b):.4g} has mean squared "
                                     f"error {mse:.4g} on this data; the best line's is {best:.4g}, and the handout "
                                     f"asks for no more than {MAX_GAP:.1%} above it (yours: {mse / best:.4g} times it)")
