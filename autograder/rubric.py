"""Rubric items and questions: what is graded, for how many points, and who may run it."""
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Question:
    number: int
    module: str  # the student's module name, e.g. "q1_rnn_forward"
    title: str
    points: int
    cost: float = 1.0  # seconds the reference takes to grade here: balances parallel grading
    imports: tuple = ("numpy",)  # what its workers need: the fork server imports it once for all


@dataclass(frozen=True)
class Item:
    """One graded check; `number` is "Q.k" (question Q, item k)."""

    number: str
    name: str
    points: float
    public: bool  # public items are what `autograder check` runs on a student's laptop

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
        for question in self.questions:
            total = sum(item.points for item in self.items if item.question == question.number)
            if total != question.points:
                raise ValueError(f"Q{question.number} items add up to {total}, not {question.points}")

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
        return pytest.mark.rubric_item(self.item(number).number)
