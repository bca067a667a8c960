"""`autograder new NAME`: a new assignment that grades its own reference 100 and its skeleton 0.

It writes the three parts every assignment has (see docs/authoring.md): the reference solution
with its solution region, the skeleton generated from it, and the grader package with a rubric,
one value item and one hypothesis item. Everything in them is meant to be replaced.
"""
import keyword
import re
from pathlib import Path

from autograder import paths
from autograder.release import stubs

MODULE = "q_scaling"  # the skeletons are generated from solutions/NAME/q*.py

SOLUTION = '''# %% [markdown]
# # Q1: scaling a vector
#
# Write `scale(x, factor=2.0)`: the numpy array `x` (any shape) times `factor`.

# %%
import numpy as np

FACTOR = 2.0


# %%
def scale(x, factor=FACTOR):
    """`x` (an array, a tensor or a nested list) times `factor`, as a float64 numpy array."""
    ### BEGIN SOLUTION
    return np.asarray(x, dtype=np.float64) * factor
    ### END SOLUTION
'''

PACKAGE = '''"""Graders for {name}: the rubric, and one pytest module per question."""
from autograder.rubric import Item, Question, Rubric

RUBRIC = Rubric(
    assignment="{name}",
    questions=(
        Question(1, "{module}", "Scaling a vector", 10),
    ),
    items=(
        Item("1.1", "scale on the example in the handout", 4, public=True,
             source="handout Q1", quote="the numpy array x (any shape) times factor"),
        Item("1.2", "scale on random arrays and factors", 6, public=False,
             source="handout Q1", quote="the numpy array x (any shape) times factor"),
    ),
)

item = RUBRIC.mark
'''

GRADER = '''"""Q1 graders: a value item on the handout's example, a hypothesis item on random cases."""
from hypothesis import strategies as st

from autograder.graders.{name} import item
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.compare import assert_close
from autograder.judge.strategies import arrays

MODULE = "{module}"


def check_scale(student, reference, x, factor, context):
    """scale(x, factor) must be the reference's, led by the call when it is not."""
    expected = reference.scale(x, factor)
    with counterexample(f"{{context}}: scale({{x.tolist()}}, {{factor}})"):
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
'''


def create(name, root=None):
    """Write the assignment `name` under `root` (default: this checkout); return what was written."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or keyword.iskeyword(name):
        raise paths.UsageError(f"{name!r} is not a usable assignment name: lower-case letters, digits and _")
    root = Path(root or paths.PROJECT_ROOT)
    package = root / "autograder" / "graders" / name
    solutions, skeletons = root / "solutions" / name, root / "assignments" / name
    taken = [str(path) for path in (package, solutions, skeletons) if path.exists()]
    if taken:
        raise paths.UsageError(f"{', '.join(taken)} already exist(s): choose another name")
    solutions.mkdir(parents=True)
    (solutions / f"{MODULE}.py").write_text(SOLUTION)
    stubs.generate(solutions, skeletons)
    (package / "hidden").mkdir(parents=True)
    (package / "__init__.py").write_text(PACKAGE.format(name=name, module=MODULE))
    (package / "hidden" / "__init__.py").write_text(f'"""Hidden knowledge of {name}: never in a student template."""\n')
    (package / f"test_{MODULE}.py").write_text(GRADER.format(name=name, module=MODULE))
    return [solutions, skeletons, package]
