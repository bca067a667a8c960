"""Where things are: the reference solutions, the committed skeletons, a submission's modules."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """A mistake in how a command was called; the message is one line with the fix."""


def solutions_dir(assignment):
    """The hidden reference solutions (override the root with AUTOGRADER_SOLUTIONS)."""
    root = Path(os.environ.get("AUTOGRADER_SOLUTIONS", PROJECT_ROOT / "solutions"))
    return root / assignment


def assignments_dir(assignment):
    """The committed student skeletons."""
    return PROJECT_ROOT / "assignments" / assignment


def submission_folder(path):
    """`path` as a Path, or a UsageError when it is no folder."""
    path = Path(path)
    if not path.is_dir():
        raise UsageError(f"{path}: no such directory (give the folder that holds the question modules, "
                         f"or a student repository)")
    return path


def locate_submission(path, assignment, modules):
    """The folder that holds a submission's modules: `path` itself or its assignments/<name>/."""
    path = submission_folder(path)
    if any((path / f"{module}.py").is_file() for module in modules):
        return path
    nested = path / "assignments" / assignment
    return nested if all(_real_folder(folder) for folder in (nested.parent, nested)) else path


def _real_folder(path):
    """A folder, not a link to one: a student's link could lead anywhere on the grading machine."""
    return path.is_dir() and not path.is_symlink()
