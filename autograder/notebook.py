"""Grading from inside a notebook: what nbgrader's autograded test cells call.

The first `points()` call of a notebook writes the code the kernel has run (its input
history, less the grading cells) to a module file in a temporary folder, grades that module
once in the sandbox, and caches the report; each test cell then returns its item's points,
which nbgrader takes as the cell's partial score. Nothing is written to stderr, since nbgrader
zeroes a test cell that writes there. This is feedback only: code in the notebook runs in the
same kernel and could change these cells, so `nbgrader autograde` takes the points from
`notebook_autograde` instead, and should it run these cells they grade nothing (and score 0
should the course's config be missing).
"""
import contextlib
import io
import os
import tempfile
import warnings
from pathlib import Path

from autograder import assignment as assignments

MARKER = "# autograder: grading cell"


def grade_id(number):
    """The nbgrader grade_id of the autograded test cell of rubric item `number` ("1.2" → "item_1_2")."""
    return "item_" + number.replace(".", "_")


class NotebookGrader:
    """Grades one question's notebook; `points(number)` is an item's score."""

    def __init__(self, module, source=None, assignment=None):
        self.module, self.source, self._report = module, source, None
        self.assignment = assignments.load(assignment)
        self.question = self.assignment.question_of(module).number

    def points(self, number):
        if os.environ.get("NBGRADER_EXECUTION") == "autograde":  # SandboxedExecute replaces this output
            print("autograde without this course's nbgrader_config.py: 0 points (rewrite it with `autograder nbgrader`)")
            return 0.0
        item = next(item for item in self.report().items if item.number == number)
        if not item.passed:
            print(f"{item.number} {item.name}: {item.feedback}")
        return item.score

    def report(self):
        if self._report is None:
            from autograder.grading import grade

            with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings(), \
                    contextlib.redirect_stderr(io.StringIO()):
                warnings.simplefilter("ignore")
                (Path(folder) / f"{self.module}.py").write_text(self.source or kernel_source())
                self._report = grade(folder, assignment=self.assignment, questions=[self.question])
        return self._report


def kernel_source():
    """The cells this IPython kernel has run, in order, without the grading cells."""
    from IPython import get_ipython

    cells = get_ipython().user_ns.get("In", [])
    return "\n\n".join(cell for cell in cells if cell and MARKER not in cell)
