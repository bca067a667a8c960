"""Comparisons the warm-up's graders share: scalars and lists as arrays, and misconceptions
named even when they (like the student's answer) are NaN or inf."""
import numpy as np

from autograder.judge.compare import Mismatch
from autograder.judge.misconceptions import assert_explained


def scalar_as_array(value):
    """A Python or numpy real number as a 0-d float64 array (the judge compares arrays); anything
    else unchanged, for `assert_close` to name its type or shape."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)):
        return np.asarray(value, dtype=np.float64)
    return value


def sequence_as_array(value):
    """A list or tuple of real numbers as a float64 array (the handout allows either); anything
    else unchanged."""
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, float, np.integer, np.floating))
                                                and not isinstance(v, (bool, np.bool_)) for v in value):
        return np.asarray(value, dtype=np.float64)
    return value


def _same_with_nan(actual, wrong):
    """Is `actual` the (non-finite) `wrong` value, NaN for NaN and inf for inf?"""
    try:
        got, want = np.asarray(actual, dtype=np.float64), np.asarray(wrong, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return (got.shape == want.shape and got.size > 0 and not np.isfinite(want).all()
            and np.allclose(got, want, rtol=1e-4, atol=1e-5, equal_nan=True))


def assert_named(name, *, expected, actual, wrong, **comparison):
    """`assert_explained`, naming also the mistakes whose answers hold NaN or inf (which
    `assert_explained` never matches: NaN equals nothing)."""
    try:
        assert_explained(name, expected=expected, actual=actual, wrong=wrong, **comparison)
    except Mismatch as mismatch:
        if mismatch.credit or "Likely mistake" in str(mismatch):
            raise
        names = list(dict.fromkeys(description for description, value in wrong if _same_with_nan(actual, value)))
        if not names:
            raise
        raise mismatch.followed_by(f"Likely mistake: your output is what {' — or '.join(names)} gives.") from None
