"""Short, readable renderings of values and calls for feedback messages."""
import numpy as np

_LIMIT = 400


def show(value):
    """A compact rendering that says what container the value is (list, array, tensor)."""
    if isinstance(value, np.ndarray):
        return f"array({_numbers(value)})" if value.ndim else f"array({value.item()!r})"
    if type(value).__module__.startswith("torch") and hasattr(value, "numpy"):
        dtype = str(value.dtype).removeprefix("torch.")
        return f"tensor({_numbers(value.detach().cpu().numpy())}, dtype={dtype})"
    text = repr(value)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def show_call(function, args, kwargs=None):
    """`function(a=..., b=...)` on one line per argument, for counterexamples."""
    parts = [show(value) for value in args]
    parts += [f"{name}={show(value)}" for name, value in (kwargs or {}).items()]
    return f"{function}(" + ", ".join(parts) + ")"


def _numbers(array):
    text = np.array2string(np.asarray(array), precision=4, separator=", ", threshold=40, max_line_width=10**6)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"
