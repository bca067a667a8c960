"""Named misconceptions: wrong-but-plausible computations a wrong answer can be matched against.

A catalogue lists what common mistakes would have produced. `candidates()` evaluates it on one
call's inputs, giving plain (description, value) pairs (which a student template can ship as
recorded data); `diagnose()` names the first candidate a failing answer equals.
"""
from dataclasses import dataclass
from typing import Callable

from autograder.judge.compare import Mismatch, assert_close, close_to, same_values


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

    A candidate whose values are the expected ones, in whatever shape, explains nothing: on a
    one-step sequence "only the last step" is every step. On a small counterexample two
    mistakes can give the same numbers; both are then named.
    """
    names = list(dict.fromkeys(description for description, wrong in found
                               if close_to(actual, wrong) and not same_values(expected, wrong)))
    if not names:
        return ""
    return f"Likely mistake: your output is what {' — or '.join(names)} gives."


def assert_explained(name, *, expected, actual, wrong, **comparison):
    """`assert_close`, its Mismatch followed by the misconception in `wrong` that explains the
    answer; none when only the structure is wrong (the values are right, nothing to explain)."""
    try:
        assert_close(name, expected=expected, actual=actual, **comparison)
    except Mismatch as mismatch:
        raise mismatch.followed_by("" if mismatch.credit else diagnose(wrong, actual, expected)) from None


def assert_outputs_explained(names, *, expected, actual, wrong, **comparison):
    """`assert_explained` on each output of a function that returns several, `names` in order
    (y and h); the failure keeping the least credit is raised, the first of equals: a right
    value in the wrong shape never hides a wrong value beside it."""
    found = []
    for output, name in enumerate(names):
        try:
            assert_explained(name, expected=expected[output], actual=actual[output], wrong=wrong[output], **comparison)
        except Mismatch as mismatch:
            found.append(mismatch)
    if found:
        raise min(found, key=lambda mismatch: mismatch.credit)
