"""Q1 graders: softmax and cross-entropy on the handout's examples, on random cases, and for large logits."""
import numpy as np
from hypothesis import strategies as st

from autograder.graders.warmup import item
from autograder.graders.warmup.checks import assert_named, scalar_as_array
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.feedback import show_call
from autograder.judge.strategies import arrays

MODULE = "q1_softmax"
RANDOM = "Counterexample (shrunk by hypothesis)"
# Both references are exact to ~1e-15 here; 1e-6 accepts float32 work (loosened by assert_close
# to 1e-4/1e-5 for float32 answers) and rejects every catalogued mistake by orders of magnitude.
RTOL, ATOL = 1e-6, 1e-9
# Logits the handout promises to handle: as large as 1000 (exp overflows float64 beyond ~709).
LARGE_Z = [
    (np.array([1000.0, 0.0, -1000.0]), -1),
    (np.array([-1000.0, -1000.0]), -1),  # exp underflows to 0: 0 / 0 without the max subtraction
    (np.array([[1000.0, 999.0, 0.0], [-1000.0, -999.0, 5.0]]), -1),
    (np.array([[1000.0, 999.0, 0.0], [-1000.0, -999.0, 5.0]]), 0),
]
LARGE_LOGITS = (np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 999.0]]), np.array([0, 2]))


def check_softmax(student, reference, mistakes, z, axis, context):
    """softmax(z, axis) (axis left out when None) against the reference, led by the call."""
    kwargs = {} if axis is None else {"axis": axis}
    expected = reference.softmax(z, **kwargs)
    wrong = mistakes.softmax_misconceptions(z, **kwargs)  # asked first: a template ships the answers
    with counterexample(f"{context}: {show_call('softmax', ('z',), (z,), kwargs)}"):
        assert_named("softmax(z)", expected=expected, actual=student.call("softmax", z, **kwargs), wrong=wrong,
                     rtol=RTOL, atol=ATOL)


def check_cross_entropy(student, reference, mistakes, logits, targets, context):
    """cross_entropy(logits, targets) against the reference; any real scalar is accepted."""
    expected = np.asarray(reference.cross_entropy(logits, targets), dtype=np.float64)
    wrong = mistakes.cross_entropy_misconceptions(logits, targets)
    with counterexample(f"{context}: {show_call('cross_entropy', ('logits', 'targets'), (logits, targets))}"):
        actual = scalar_as_array(student.call("cross_entropy", logits, targets))
        assert_named("cross_entropy(logits, targets)", expected=expected, actual=actual, wrong=wrong,
                     rtol=RTOL, atol=ATOL)


@st.composite
def softmax_cases(draw):
    """(z, axis): an array of 1 to 3 dimensions of 1 to 4 entries each, and one of its axes."""
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    z = draw(arrays(*shape))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    return z, axis


@st.composite
def batches(draw):
    """(logits, targets): N rows of C classes and one integer class per row."""
    n, c = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    logits = draw(arrays(n, c))
    targets = np.array(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)), dtype=np.int64)
    return logits, targets


@item("1.1")
def test_softmax_on_the_handout_vector(student, reference, mistakes):
    """softmax([1, 2, 3]) = [0.0900, 0.2447, 0.6652], with axis left at its default."""
    check_softmax(student, reference, mistakes, reference.Z_EXAMPLE, None, "On the handout's vector")


@item("1.1")
def test_softmax_on_the_handout_matrix(student, reference, mistakes):
    """softmax(M_EXAMPLE, axis=0): each column sums to 1."""
    check_softmax(student, reference, mistakes, reference.M_EXAMPLE, 0, "On the handout's matrix, along axis 0")


@item("1.2")
def test_softmax_on_random_arrays(student, reference, mistakes):
    """Any shape, any axis (negative ones included)."""
    check_cases(softmax_cases(), lambda case: check_softmax(student, reference, mistakes, *case, RANDOM),
                max_examples=25)


@item("1.3")
def test_cross_entropy_on_the_handout_example(student, reference, mistakes):
    """cross_entropy(LOGITS_EXAMPLE, TARGETS_EXAMPLE) = 0.3185."""
    check_cross_entropy(student, reference, mistakes, reference.LOGITS_EXAMPLE, reference.TARGETS_EXAMPLE,
                        "On the handout's example")


@item("1.4")
def test_softmax_for_large_logits(student, reference, mistakes):
    """Finite and right for logits of ±1000, along either axis."""
    for z, axis in LARGE_Z:
        check_softmax(student, reference, mistakes, z, axis, "For large logits")


@item("1.5")
def test_cross_entropy_on_random_batches(student, reference, mistakes):
    """Any N and C, any targets."""
    check_cases(batches(), lambda case: check_cross_entropy(student, reference, mistakes, *case, RANDOM),
                max_examples=25)


@item("1.5")
def test_cross_entropy_for_large_logits(student, reference, mistakes):
    """Finite and right for logits of ±1000."""
    check_cross_entropy(student, reference, mistakes, *LARGE_LOGITS, "For large logits")
