"""`autograder release --out DIR`: the student repository template.

It holds the generated skeletons, a student README, the public checks (the public build of
this package, with the reference's values recorded, never its code), `requirements.txt`, and
the GitHub Classroom workflow. Nothing from `solutions/` is copied.
"""
from pathlib import Path

from autograder import paths
from autograder.release import classroom, public, stubs

PUBLIC_PYPROJECT = """\
[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "autograder"
version = "{version}"
description = "Public checks for the course's exercises (the hidden items run on the grading server)."
requires-python = ">=3.10"
dependencies = ["torch>=2.2,<2.15", "numpy>=1.24", "pytest>=8.0", "hypothesis>=6.90", "matplotlib>=3.7",
                "exceptiongroup>=1.0; python_version < '3.11'"]

[project.scripts]
autograder = "autograder.cli:main"

[tool.setuptools.packages.find]
include = ["autograder*"]

[tool.setuptools.package-data]
"*" = ["*.bin", "*.ini"]
"""

STUDENT_README = """\
# {title}

Fill in every `raise NotImplementedError(...)` in `assignments/{assignment}/`; the docstrings
give the shapes and the equations. Change nothing else: names, signatures and the given
constants are what the graders call.

## Set up once

```sh
python3 -m venv .venv && .venv/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu && .venv/bin/pip install -r requirements.txt
```

## Check your work (offline, a few seconds per question)

```sh
.venv/bin/autograder check          # every question
.venv/bin/autograder check q2       # one question
```

`check` runs the **public** items below on your code and explains each failure: which of
type, shape, dtype, finiteness or values is wrong, the inputs, what was expected, and the
likely mistake when it recognises one. It exits 0 when every public item passes.

## How your work is graded

Every push runs the full grading in GitHub Classroom (the Actions tab shows it; the points
appear in Classroom). Grading adds **hidden** items: random inputs checked against the
reference (a failure shows the smallest failing input), your training loop run from a fixed
starting model, and your own model trained by your loop and judged from its predictions.
Your code runs in a sandbox with time and memory limits: a function that hangs or crashes
loses only the items that need it. The same code always gets the same score.

The workflow (`.github/workflows/classroom.yml`) and the checks live in your repository, so
whoever can push to it can change them, and with them the points Classroom shows: those points
are feedback, not your grade. Your grade comes from your instructor's own run of the grader on
the code you submit (`autograder grade-all`, or Gradescope), in its sandbox.

## Points

| item | what is checked | points | run by `check` |
| --- | --- | --- | --- |
{rows}
"""


def write(out, assignment):
    """Write the template for `assignment` (an `Assignment`) into `out`."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise paths.UsageError(f"{out} is not empty: give a new folder for the template")
    rubric = assignment.rubric
    stubs.generate(assignment.solutions, out / "assignments" / assignment.name)
    public.build(out / ".autograder", assignment)
    from autograder import __version__

    (out / ".autograder" / "pyproject.toml").write_text(PUBLIC_PYPROJECT.format(version=__version__))
    (out / "requirements.txt").write_text("# The public checks; torch's CPU build is installed first (see README).\n"
                                          "./.autograder\n")
    rows = "\n".join(f"| {item.number} | {item.name} | {item.points:g} | {'yes' if item.public else 'no (hidden)'} |"
                     for item in rubric.items)
    (out / "README.md").write_text(STUDENT_README.format(
        title=f"Assignment {rubric.assignment}", assignment=rubric.assignment, rows=rows))
    workflow = out / ".github" / "workflows" / "classroom.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(classroom.WORKFLOW)
    (out / ".gitignore").write_text(".venv/\n__pycache__/\nresults.json\n*.egg-info/\nbuild/\n")
    return out
