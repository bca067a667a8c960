"""An assignment, found by name: its questions and rubric, graders, hidden material and reference.

An assignment is a package `autograder.graders.<name>` whose `__init__` defines `RUBRIC` (and
`item = RUBRIC.mark` for its grader modules). Beside it lie one grader module per question,
`test_<module>.py`, and its hidden knowledge, `hidden/<module>.py`; its reference solutions
are `solutions/<name>/` and its skeletons `assignments/<name>/`. Every verb reads questions,
modules and totals from here: nothing else in the framework names an assignment or a question.
"""
import importlib
import os
import pkgutil
from dataclasses import dataclass
from pathlib import Path

from autograder import graders, paths
from autograder.rubric import Rubric

PACKAGES = graders.__name__


@dataclass(frozen=True)
class Assignment:
    """One assignment's rubric and where its parts live."""

    name: str
    rubric: Rubric
    folder: Path  # the grader package's folder

    @property
    def questions(self):
        return self.rubric.questions

    @property
    def modules(self):
        """The students' module names, one per question."""
        return [question.module for question in self.rubric.questions]

    @property
    def solutions(self):
        return paths.solutions_dir(self.name)

    @property
    def skeletons(self):
        return paths.assignments_dir(self.name)

    def grader_path(self, question):
        """The pytest module that grades `question`."""
        return self.folder / f"test_{question.module}.py"

    def hidden_module(self, module):
        """The import name of the hidden knowledge module of a question's `module`."""
        return f"{PACKAGES}.{self.name}.hidden.{module}"

    def question_of(self, module):
        """The question whose student module is `module`, or None."""
        return next((question for question in self.questions if question.module == module), None)


def available():
    """The names of the assignments this installation holds."""
    return sorted(info.name for info in pkgutil.iter_modules(graders.__path__) if info.ispkg)


def load(name=None):
    """The assignment called `name`; without a name, the only one there is.

    `name` may already be an Assignment (then it is returned as it is).
    """
    if isinstance(name, Assignment):
        return name
    names = available()
    if name is None:
        if len(names) != 1:
            raise paths.UsageError(f"this installation holds the assignments {', '.join(names)}: "
                                   f"choose one with --assignment")
        name = names[0]
    if name not in names:
        raise paths.UsageError(f"no assignment {name!r} here (available: {', '.join(names) or 'none'})")
    package = importlib.import_module(f"{PACKAGES}.{name}")
    return Assignment(name, package.RUBRIC, Path(package.__file__).parent)


def of_submission(path, name=None):
    """The assignment `name`; else the one a submission folder names: a student repository's
    `assignments/<name>/`, a folder called <name>, or the assignment whose modules it holds;
    else the only one there is."""
    if name is None:
        named = detect(paths.submission_folder(path))
        name = named[0] if len(named) == 1 else None
    return load(name)


def detect(folder):
    """The assignments a submission folder could be of, by its layout, its name, its files."""
    names = available()
    for clue in (lambda n: (folder / "assignments" / n).is_dir(), lambda n: folder.name == n):
        found = [n for n in names if clue(n)]
        if found:
            return found
    held = {n: sum(os.path.lexists(folder / f"{module}.py") for module in load(n).modules) for n in names}
    most = max(held.values(), default=0)
    return [n for n, count in held.items() if count == most and most > 0]
