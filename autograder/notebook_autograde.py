"""What `nbgrader autograde` runs in place of its Execute step, so that the points come from the sandbox.

nbgrader runs a submitted notebook in a kernel with no sandbox, the student's cells before the
autograded test cells: code in an answer cell could decide what those cells return (replace
`NotebookGrader.points`, print a number) or, as the user running autograde, rewrite the grader
on disk for every notebook graded after it. `SandboxedExecute` instead writes the code cells of
the submitted file (nbgrader has already restored the instructor's locked cells) as the
question's module, runs `autograder grade` on it in a separate process, and sets each
autograded test cell's outputs to that grade's feedback and points, a number nbgrader's
SaveAutoGrades records as the cell's partial credit. By default the notebook itself is not run
at all; `c.SandboxedExecute.run_kernel = True` also runs it (after the grade) for the outputs of
the student's own cells, at the risk above for the notebooks graded later.
"""
import ast
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from traitlets import Bool

from autograder import assignment as assignments
from autograder.notebook import MARKER, grade_id

_IPYTHON_ONLY = re.compile(r"^\s*[%!]")  # magics and shell escapes: meaningful only in a kernel


class SandboxedExecute(Execute):
    """nbgrader's Execute, with each autograded test cell's points from a sandboxed grade of the file."""

    run_kernel = Bool(False, help="Also run the notebook, unsandboxed, for the outputs of the student's own "
                                  "cells; its code can then change files that later notebooks' grades read."
                      ).tag(config=True)

    def preprocess(self, nb, resources):
        module, name = resources["nbgrader"]["notebook"], resources["nbgrader"].get("assignment")
        assignment = assignments.load(name if name in assignments.available() else None)
        question = assignment.question_of(module)
        if question is None:  # not one of this assignment's notebooks: nbgrader's own grading
            return super().preprocess(nb, resources)
        tests = self.sandboxed_grade(assignment, question, module_source(nb.cells))
        if self.run_kernel:
            nb, resources = super().preprocess(nb, resources)
        for cell in nb.cells:
            number = _item_of(cell, assignment.rubric)
            if number in tests:
                cell.outputs = _outputs(tests[number], cell.execution_count)
        return nb, resources

    def sandboxed_grade(self, assignment, question, source):
        """{item number: Gradescope test} from `autograder grade` on `source` as the question's module."""
        with tempfile.TemporaryDirectory() as folder:
            submission, results = Path(folder) / "submission", Path(folder) / "results.json"
            submission.mkdir()
            (submission / f"{question.module}.py").write_text(source)
            # Run from that folder: `-m` puts the working directory first on sys.path, and the
            # course folder is one the notebooks' own code could have written a package into.
            run = subprocess.run([sys.executable, "-m", "autograder", "grade", str(submission), "--jobs", "1",
                                  "--assignment", assignment.name, "--questions", str(question.number),
                                  "--results", str(results)],
                                 cwd=folder, capture_output=True, text=True)
            if run.returncode != 0 or not results.is_file():
                raise RuntimeError(f"autograder grade failed on {question.module}: "
                                   f"{(run.stderr.strip().splitlines() or ['no output'])[-1]}")
            for line in run.stdout.splitlines():
                if line.startswith("warning:"):
                    self.log.warning("%s: %s", question.module, line.removeprefix("warning:").strip())
            return {test["number"]: test for test in json.loads(results.read_text())["tests"]}


def autograde_steps():
    """nbgrader's autograde preprocessors with its Execute replaced by SandboxedExecute."""
    steps = Autograde.class_traits()["autograde_preprocessors"].default()
    if Execute not in steps:
        raise RuntimeError("this nbgrader's autograde has no Execute step to replace: install nbgrader 0.9")
    return [SandboxedExecute if step is Execute else step for step in steps]


def module_source(cells):
    """The question's module: the notebook's code cells in order, less the grading cells.

    A cell that is not Python on its own loses its magic and shell lines (`%matplotlib inline`,
    `!pip …`), which mean something only in a kernel; any other error stays for the grade to report.
    """
    parts = []
    for cell in cells:
        if cell.cell_type != "code" or MARKER in cell.source:
            continue
        source = cell.source
        try:
            ast.parse(source)
        except SyntaxError:
            source = "\n".join("# " + line if _IPYTHON_ONLY.match(line) else line for line in source.splitlines())
        parts.append(source)
    return "\n\n".join(parts) + "\n"


def _item_of(cell, rubric):
    """The rubric item whose autograded test cell this is, or None."""
    identifier = cell.metadata.get("nbgrader", {}).get("grade_id")
    return next((item.number for item in rubric.items if grade_id(item.number) == identifier), None)


def _outputs(test, execution_count):
    """A test cell's outputs: the feedback when points were lost, then the points as its result."""
    outputs = [] if test["score"] >= test["max_score"] else \
        [new_output("stream", name="stdout", text=f"{test['number']} {test['name']}: {test['output']}\n")]
    return outputs + [new_output("execute_result", data={"text/plain": repr(float(test["score"]))},
                                 execution_count=execution_count)]
