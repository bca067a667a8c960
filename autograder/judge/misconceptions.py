"""Named misconceptions: wrong-but-plausible computations a wrong answer can be matched against.

A grader lists, next to its reference, what common mistakes would have produced. When a
student's value fails and equals one of those (and not the right answer), the feedback names
the mistake instead of only printing numbers.
"""
from dataclasses import dataclass
from typing import Callable

from autograder.judge.compare import close_to


@dataclass(frozen=True)
class Misconception:
    """`compute(*args, **kwargs)` returns what a submission with this mistake would return."""

    description: str  # completes "your output is what ... gives"
    compute: Callable

    def explains(self, actual, expected, args, kwargs):
        try:
            wrong = self.compute(*args, **kwargs)
        except (ValueError, TypeError, IndexError):  # the mistake is impossible for these shapes
            return False
        return close_to(actual, wrong) and not close_to(expected, wrong)


def diagnose(catalogue, actual, expected, args, kwargs=None):
    """The feedback line for the first misconception that explains `actual`, or ''."""
    for misconception in catalogue:
        if misconception.explains(actual, expected, args, kwargs or {}):
            return f"Likely mistake: your output is what {misconception.description} gives."
    return ""
