"""Rubric items and questions: what is graded, for how many points, why, and who may run it."""
from dataclasses import dataclass


class RubricError(ValueError):
    """A rubric that cannot be graded with; `str()` is one line naming the file and the fix."""


@dataclass(frozen=True)
class Question:
    number: int
    module: str  # the student's module name, e.g. "forward_pass"
    title: str
    points: int
    cost: float = 1.0  # seconds the reference takes to grade here: balances parallel grading
    imports: tuple = ("numpy",)  # what its workers need: the fork server imports it once for all


@dataclass(frozen=True)
class Item:
    """One graded check; `number` is "Q.k" (question Q, item k).

    Every item enforces a requirement the students were given: `quote` is that sentence, word
    for word ("…" between fragments), and `source` where it stands ("CONTRACT.md Q3", "tutorial Q4").
    """

    number: str
    name: str
    points: float
    public: bool  # public items are what `autograder check` runs on a student's laptop
    source: str = ""
    quote: str = ""

    @property
    def question(self):
        return int(self.number.split(".")[0])


@dataclass(frozen=True)
class Rubric:
    """All items of one assignment, in the order they are reported."""

    assignment: str
    questions: tuple
    items: tuple

    def __post_init__(self):
        self._check_citations()
        self._check_totals()

    @property
    def where(self):
        """The file that defines this rubric, for error messages."""
        return f"autograder/graders/{self.assignment}/__init__.py"

    def _check_citations(self):
        """Every item says which sentence given to the students it enforces."""
        for item in self.items:
            if not (item.source.strip() and item.quote.strip()):
                raise RubricError(f"{self.where}: item {item.number} cites no requirement: give it source= (where "
                                  f"the sentence stands) and quote= (the sentence it enforces), or remove the item")

    def _check_totals(self):
        """Each question's items add up to its points."""
        for question in self.questions:
            total = sum(item.points for item in self.items if item.question == question.number)
            if total != question.points:
                raise RubricError(f"{self.where}: Q{question.number} items add up to {total:g}, not "
                                  f"{question.points}: change their points to add up to {question.points}")

    @property
    def max_score(self):
        return sum(question.points for question in self.questions)

    def item(self, number):
        for item in self.items:
            if item.number == number:
                return item
        raise KeyError(f"no rubric item {number} in {self.assignment}")

    def question(self, number):
        return next(question for question in self.questions if question.number == number)

    def mark(self, number):
        """The pytest marker that ties a grader test to item `number`."""
        import pytest  # here, so that the command line can import RubricError without pytest

        return pytest.mark.rubric_item(self.item(number).number)
