"""`autograder nbgrader --course-dir DIR`: an nbgrader course from the percent-format solutions.

Each solution file becomes `source/<assignment>/<module>.ipynb` through jupytext: cells with a
solution region are nbgrader solution cells, every other cell is locked, the reference's demo
cell (`if __name__ == "__main__"`) is left out, and one autograded test cell per rubric item,
worth the item's points, shows the item's score from the same sandboxed graders. The points
`nbgrader autograde` records come from a sandboxed grade of the submitted file, and autograde
runs no notebook code outside the sandbox (`autograder.notebook_autograde`, set in nbgrader_config.py).
"""
from pathlib import Path

from autograder.notebook import MARKER, grade_id
from autograder.release.stubs import BEGIN

CONFIG = """\
c = get_config()  # noqa: F821 (provided by nbgrader)
c.CourseDirectory.course_id = "{course}"
c.CourseDirectory.db_assignments = [dict(name="{assignment}")]
# Training items take seconds; the default of 30 s per cell is too short for the slowest students.
c.ExecutePreprocessor.timeout = 900
c.ClearSolutions.code_stub = dict(python='# YOUR CODE HERE\\nraise NotImplementedError("not implemented yet")')
# The points recorded come from a sandboxed grade of each submitted file, and the notebook's code
# never runs outside the sandbox (see autograder/notebook_autograde.py). To show the outputs of
# the students' own cells too, at the risk it describes: c.SandboxedExecute.run_kernel = True
from autograder.notebook_autograde import autograde_steps  # noqa: E402
c.Autograde.autograde_preprocessors = autograde_steps()
"""


def write_course(course_dir, assignment, course="deep-learning"):
    """Write nbgrader_config.py and source/<assignment>/*.ipynb into `course_dir`."""
    import jupytext

    course_dir = Path(course_dir)
    source = course_dir / "source" / assignment.name
    source.mkdir(parents=True, exist_ok=True)
    (course_dir / "nbgrader_config.py").write_text(CONFIG.format(course=course, assignment=assignment.name))
    for question in assignment.questions:
        path = assignment.solutions / f"{question.module}.py"
        notebook = jupytext.reads(path.read_text(), fmt="py:percent")
        notebook.cells = [cell for cell in notebook.cells if '__name__ == "__main__"' not in cell.source]
        for index, cell in enumerate(notebook.cells):
            solution = cell.cell_type == "code" and BEGIN in cell.source
            cell.metadata["nbgrader"] = _metadata(f"{question.module}_cell{index}", solution=solution, locked=not solution)
        notebook.cells += _grading_cells(assignment, question)
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        jupytext.write(notebook, source / f"{question.module}.ipynb")
    return course_dir


def _grading_cells(assignment, question):
    from nbformat.v4 import new_code_cell, new_markdown_cell

    header = new_markdown_cell(f"## Autograded tests ({question.points} points)\n\n"
                               "Each cell below runs the course's graders on your code above, in a sandbox.")
    header.metadata["nbgrader"] = _metadata(f"{question.module}_tests", locked=True)
    setup = new_code_cell(f"{MARKER}\nfrom autograder.notebook import NotebookGrader\n"
                          f"grader = NotebookGrader({question.module!r}, assignment={assignment.name!r})")
    setup.metadata["nbgrader"] = _metadata(f"{question.module}_grader", locked=True)
    cells = [header, setup]
    for item in assignment.rubric.items:
        if item.question == question.number:
            cell = new_code_cell(f"{MARKER}: {item.number} {item.name}\ngrader.points({item.number!r})")
            cell.metadata["nbgrader"] = _metadata(grade_id(item.number), grade=True,
                                                  locked=True, points=item.points)
            cells.append(cell)
    return cells


def _metadata(name, *, solution=False, grade=False, locked=False, points=None):
    metadata = {"grade": grade, "solution": solution, "locked": locked, "grade_id": name, "schema_version": 3}
    if points is not None:
        metadata["points"] = points
    return metadata
