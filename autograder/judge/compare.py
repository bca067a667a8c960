"""The one comparison the graders use: type, then shape, then dtype, then finiteness, then values.

Each failure is a `Mismatch` that says which of the five broke, so feedback can tell a student
"your output has shape (4,) but should have (4, 1)" before it ever talks about numbers. Right
values in the wrong container, shape or dtype lose only the structure's share of an item: the
Mismatch then carries the `credit` the item keeps.
"""
import numpy as np

from autograder.judge.feedback import show

BROKE = {"type": "Wrong type", "shape": "Wrong shape", "dtype": "Wrong dtype",
         "finiteness": "Not finite", "values": "Wrong values"}
SMALL = 24  # arrays up to this size are shown whole in feedback
STRUCTURE_SHARE = 0.25  # what right values in the wrong container, shape or dtype lose of an item


class Mismatch(AssertionError):
    """A student value that differs from the expected one; `str()` is the feedback.

    `credit` is the share of the item's points kept: 0 unless only the structure was wrong.
    """

    def __init__(self, broke, message, credit=0.0):
        super().__init__(message)
        self.broke, self.credit = broke, credit

    def with_context(self, *lines):
        """The same mismatch with lines of context (the call, a named misconception) added."""
        return Mismatch(self.broke, "\n".join([*[line for line in lines if line], str(self)]), self.credit)

    def followed_by(self, *lines):
        """The same mismatch with lines (a named misconception) after its message."""
        return Mismatch(self.broke, "\n".join([str(self), *[line for line in lines if line]]), self.credit)


def _broke(broke, text):
    """A Mismatch whose first words say which of the five checks failed."""
    return Mismatch(broke, f"{BROKE[broke]}: {text}")


def is_tensor(value):
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def as_numpy(value):
    """A plain float64/integer ndarray view of an array or tensor (judge-side values only)."""
    return value.detach().cpu().numpy() if is_tensor(value) else np.asarray(value)


def assert_structure(name, *, actual, shape, kind="tensor", dtype_kind="f"):
    """Raise `Mismatch` unless `actual` is a finite `kind` of `shape` and dtype kind ('f', 'i')."""
    _check_type(name, actual, kind)
    got = as_numpy(actual)
    if got.shape != tuple(shape):
        raise _broke("shape", f"{name} has shape {tuple(got.shape)}; expected {tuple(shape)}")
    if got.dtype.kind not in dtype_kind:
        wanted = "floating point" if dtype_kind == "f" else "integer"
        raise _broke("dtype", f"{name} has dtype {_dtype(actual)}; expected {wanted} values")
    if got.dtype.kind == "f" and not np.isfinite(got).all():
        raise _broke("finiteness", f"{name} contains NaN or inf: {show(actual)}")
    return got


def assert_close(name, *, expected, actual, rtol, atol, kind="ndarray", dtype=None, loose=(1e-4, 1e-5)):
    """Raise `Mismatch` unless `actual` is a `kind` ("ndarray" or "tensor") close to `expected`.

    `dtype` is the exact dtype asked (e.g. torch.float32); None asks for any floating point.
    Floating results of lower precision than float64 are compared at `loose` = (rtol, atol)
    (None: no loosening). Two empty arrays always match, whatever their shapes. A wrong type,
    shape or dtype with the right values keeps 1 - STRUCTURE_SHARE of the item.
    """
    want = as_numpy(expected)
    if loose and _itemsize(actual) < 8:
        rtol, atol = max(rtol, loose[0]), max(atol, loose[1])
    right = _same_values(actual, want, rtol, atol)
    _check_type(name, actual, kind, right)
    got = as_numpy(actual)
    if want.size == 0 and got.size == 0:
        return
    if got.shape != want.shape:
        flattened = " (flattened: keep every axis, even one of size 1)" if right and got.ndim == 1 < want.ndim else ""
        raise _structure("shape", f"{name} has shape {tuple(got.shape)}; expected {tuple(want.shape)}{flattened}",
                         right)
    if (got.dtype.kind != "f") if dtype is None else (_dtype(actual) != _dtype_name(dtype)):
        wanted = "floating point values" if dtype is None else _dtype_name(dtype)
        raise _structure("dtype", f"{name} has dtype {_dtype(actual)}; expected {wanted}", right)
    if not np.isfinite(got).all() and np.isfinite(want).all():
        raise _broke("finiteness", f"{name} contains NaN or inf: {show(actual)}")
    bad = ~np.isclose(got, want, rtol=rtol, atol=atol)
    if bad.any():
        raise _broke("values", _value_report(name, expected, actual, want, got, bad))


def _structure(broke, text, right_values):
    """A type, shape or dtype Mismatch; with right values it keeps all but STRUCTURE_SHARE."""
    if not right_values:
        return _broke(broke, text)
    return Mismatch(broke, f"{BROKE[broke]}: {text}. The values are right: only the {broke} costs points "
                           f"({STRUCTURE_SHARE:.0%} of this item)", credit=1 - STRUCTURE_SHARE)


def _same_values(actual, want, rtol, atol):
    """Does `actual` hold `want`'s values in the same order (any container, shape or dtype),
    or transposed when both are matrices?"""
    try:
        got = as_numpy(actual) if is_tensor(actual) else np.asarray(actual)
        got = got.astype(np.float64)
    except (TypeError, ValueError, RuntimeError):
        return False
    if got.size != want.size:
        return False
    if got.size == 0:
        return True
    arranged = [got.reshape(want.shape)] + ([got.T] if got.ndim == 2 and got.T.shape == want.shape else [])
    return any(np.allclose(a, want, rtol=rtol, atol=atol) for a in arranged)


def _itemsize(value):
    """Bytes per element of an array or tensor (8 for anything else)."""
    dtype = getattr(value, "dtype", None)
    return getattr(dtype, "itemsize", 8) if dtype is not None else 8


def _value_report(name, expected, actual, want, got, bad):
    """Where the values first differ and how many entries do; then both values, when small."""
    error = np.abs(got.astype(np.float64) - want)
    first = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
    verdict = (f"{name}: {int(bad.sum())} of {bad.size} entries differ; first at {name}{list(first)}: "
               f"expected {want[first]:.6g}, got {got[first]:.6g} (max |error| {np.nanmax(error):.4g})")
    if want.size > SMALL:
        return verdict
    return f"{verdict}\nexpected {name} = {show(expected)}\n     got {name} = {show(actual)}"


def close_to(actual, candidate, atol=1e-5):
    """True when `actual` has `candidate`'s shape and values (NaN where it has NaN: an overflow is
    a mistake too): used to recognise misconceptions."""
    try:
        got, want = as_numpy(actual).astype(np.float64), as_numpy(candidate).astype(np.float64)
    except (TypeError, ValueError):
        return False
    return got.shape == want.shape and got.size > 0 and np.allclose(got, want, rtol=1e-4, atol=atol, equal_nan=True)


def same_values(actual, candidate, atol=1e-5):
    """True when `actual` holds `candidate`'s values in the same order, whatever the shapes."""
    try:
        want = as_numpy(candidate).astype(np.float64)
    except (TypeError, ValueError):
        return False
    return _same_values(actual, want.ravel(), 1e-4, atol)


def _check_type(name, actual, kind, right_values=False):
    ok = is_tensor(actual) if kind == "tensor" else isinstance(actual, np.ndarray)
    if not ok:
        wanted = "a torch tensor" if kind == "tensor" else "a numpy array"
        raise _structure("type", f"{name} is {_kind_of(actual)}; expected {wanted}", right_values)


def _kind_of(value):
    if is_tensor(value):
        return "a torch tensor"
    if hasattr(value, "type_name"):
        return f"a {value.type_name} object"
    if isinstance(value, np.generic):
        return f"a numpy scalar ({value!r})"
    if isinstance(value, np.ndarray):
        return f"a numpy array ({show(value)})"
    return f"a {type(value).__name__} ({show(value)})"


def _dtype(value):
    return _dtype_name(value.dtype)


def _dtype_name(dtype):
    """"float32" for torch.float32 and for numpy's float32 alike."""
    return str(dtype).removeprefix("torch.")
