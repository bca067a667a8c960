"""Named misconceptions: wrong-but-plausible computations a wrong answer can be matched against.

A catalogue lists what common mistakes would have produced. `candidates()` evaluates it on one
call's inputs, giving plain (description, value) pairs (which a student template can ship as
recorded data); `diagnose()` names the first candidate a failing answer equals.
"""
from dataclasses import dataclass
from typing import Callable

from autograder.judge.compare import close_to


@dataclass(frozen=True)
class Misconception:
    """`compute(*args, **kwargs)` returns what a submission with this mistake would return."""

    description: str  # completes "your output is what ... gives"
    compute: Callable


def candidates(catalogue, *args, **kwargs):
    """[(description, wrong value)] of every mistake that is possible for these inputs."""
    found = []
    for misconception in catalogue:
        try:
            found.append((misconception.description, misconception.compute(*args, **kwargs)))
        except (ValueError, TypeError, IndexError, KeyError):  # impossible for these shapes
            continue
    return found


def diagnose(found, actual, expected):
    """The feedback line naming every candidate that explains `actual` (and not `expected`), or ''.

    On a small counterexample two mistakes can give the same numbers; both are then named.
    """
    names = list(dict.fromkeys(description for description, wrong in found
                               if close_to(actual, wrong) and not close_to(expected, wrong)))
    if not names:
        return ""
    return f"Likely mistake: your output is what {' — or '.join(names)} gives."
