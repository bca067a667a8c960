"""Random cases: a check run on hypothesis's examples, and the counterexample every failure shows.

A failing case shows what went wrong, then the call with its inputs: a wrong answer, or an error
the student's code raised, hung or crashed on. An answer with the right values in the wrong
container or shape is no failure to hypothesis: the search goes on for wrong values, and only
when none turn up does the item lose the structure's share (see `compare.STRUCTURE_SHARE`).
"""
import copy
from contextlib import contextmanager

from hypothesis import given, settings

from autograder.judge.compare import Mismatch
from autograder.judge.strategies import GRADING
from autograder.runner import errors


@contextmanager
def counterexample(call):
    """Mismatches and student errors raised inside are followed by `call`, the inputs that caused
    them: the verdict first, then the evidence."""
    try:
        yield
    except Mismatch as mismatch:
        raise mismatch.followed_by(call) from None
    except errors.StudentError as error:
        raise _followed_by(error, call) from None


def _followed_by(error, call):
    """A copy of a student error, followed by the call that caused it.

    Errors of the whole module (missing, not implemented yet, failing to import) are not the
    inputs' doing and stay one line. A function that hung or crashed fails again at once on
    later calls, with the same error: that keeps naming the call that first caused it.
    """
    if isinstance(error, (errors.MissingModule, errors.NotImplementedYet)) or str(error).startswith("importing "):
        return error
    first = error.__dict__.setdefault("counterexample", call)
    followed = copy.copy(error)
    followed.args = (f"{error}\n{first}",)
    return followed


def check_cases(strategy, check, **overrides):
    """Run `check(case)` on hypothesis's examples of `strategy` (GRADING settings, `overrides`).

    A wrong value or an error is shrunk and raised. When there is none, the shortest failure
    that kept credit (right values, wrong structure) is raised, and the item keeps that credit.
    """
    kept = []

    @settings(GRADING, **overrides)
    @given(strategy)
    def run(case):
        try:
            check(case)
        except Mismatch as mismatch:
            if not mismatch.credit:
                raise
            kept.append(mismatch)

    run()
    if kept:
        raise min(kept, key=lambda mismatch: len(str(mismatch)))
