"""Short, readable renderings of values and calls for feedback messages."""
import re

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


def show_call(function, names, args, kwargs=None):
    """`function(x, U, ...)` and then one `  name = value` line per argument given."""
    given = dict(zip(names, args), **(kwargs or {}))
    width = max(map(len, given), default=0)
    lines = [f"{function}({', '.join(given)}) with"]
    lines += [f"  {name:<{width}} = {show(value)}" for name, value in given.items()]
    return "\n".join(lines)


def _numbers(array):
    text = np.array2string(np.asarray(array), precision=4, separator=", ", threshold=40, max_line_width=10**6)
    text = re.sub(r"\s+", " ", text.replace("\n", ""))
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"
