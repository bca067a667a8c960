"""Q1 graders: a value item on the handout's example, a hypothesis item on random cases."""
from hypothesis import strategies as st

from autograder.graders.warmup import item
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.compare import assert_close
from autograder.judge.strategies import arrays

MODULE = "q1_scaling"


def check_scale(student, reference, x, factor, context):
    """scale(x, factor) must be the reference's, led by the call when it is not."""
    expected = reference.scale(x, factor)
    with counterexample(f"{context}: scale({x.tolist()}, {factor})"):
        assert_close("scale(x, factor)", expected=expected, actual=student.call("scale", x, factor),
                     rtol=1e-9, atol=1e-12)


@item("1.1")
def test_scale_on_the_handout_example(student, reference):
    """Is scale([1, 2, 3], 2.0) the handout's answer?"""
    import numpy as np

    check_scale(student, reference, np.array([1.0, 2.0, 3.0]), 2.0, "On the handout's example")


@item("1.2")
def test_scale_on_random_cases(student, reference):
    """Any shape, any factor?"""
    cases = st.tuples(st.integers(0, 5).flatmap(arrays), st.floats(-10, 10))
    check_cases(cases, lambda case: check_scale(student, reference, *case, "Counterexample (shrunk by hypothesis)"),
                max_examples=20)
