"""Are the student skeletons exactly what generation makes from the reference solutions?"""
import pytest

from autograder.release import stubs
from conftest import SKELETONS, SOLUTIONS


def test_committed_skeletons_equal_generation():
    """Has anyone edited assignments/ by hand, or changed a solution without regenerating?"""
    assert stubs.drifted(SOLUTIONS, SKELETONS) == []
    assert sorted(p.name for p in SKELETONS.glob("q*.py")) == sorted(p.name for p in SOLUTIONS.glob("q*.py"))


def test_region_becomes_a_raise_that_names_function_and_todo():
    source = (
        "def f(x):\n"
        "    \"\"\"Doc.\"\"\"\n"
        "    # TODO: double x.\n"
        "    ### BEGIN SOLUTION\n"
        "    return 2 * x\n"
        "    ### END SOLUTION\n"
    )
    stub = stubs.stub_source(source)
    assert "return 2 * x" not in stub
    assert "raise NotImplementedError('f: not implemented yet (double x.)')" in stub
    namespace = {}
    exec(compile(stub, "stub", "exec"), namespace)
    with pytest.raises(NotImplementedError, match="not implemented yet"):
        namespace["f"](1)


def test_skeletons_hold_no_solution_code():
    """Is every solution region's body gone from the skeleton?"""
    for solution in SOLUTIONS.glob("q*.py"):
        skeleton = (SKELETONS / solution.name).read_text()
        for body in _regions(solution.read_text()):
            for line in body:
                if line.strip() and not line.strip().startswith("#"):
                    assert line not in skeleton.splitlines(), f"{solution.name}: {line.strip()!r} leaked"


@pytest.mark.parametrize("source, problem", [
    ("def f():\n    ### BEGIN SOLUTION\n    pass\n", "never closed"),
    ("def f():\n    ### END SOLUTION\n", "without"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "inside a function"),
])
def test_malformed_markers_are_reported(source, problem):
    with pytest.raises(stubs.RegionError, match=problem):
        stubs.stub_source(source, "bad.py")


def _regions(source):
    body, inside = [], False
    for line in source.splitlines():
        if line.strip() == stubs.BEGIN:
            inside, body = True, []
        elif line.strip() == stubs.END:
            inside = False
            yield body
        elif inside:
            body.append(line)
