"""Q1 knowledge: the forward pass with switches for each mistake, and the catalogue built from it."""
import numpy as np

from autograder.judge.misconceptions import Misconception, candidates

STATE = {"elman": "h0", "jordan": "y0"}


def _sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


def _forward(x, U, W, V, b, c, state=None, *, jordan, transpose_w=True, hidden=np.tanh,
             squash=_sigmoid, use_b=True, use_c=True, start=None, feed="y", carry=True):
    """The Q1 forward pass with switches for the mistakes students make; defaults are correct."""
    x, U, W, V, b, c = (np.asarray(a, dtype=np.float64) for a in (x, U, W, V, b, c))
    size = V.shape[1] if jordan else W.shape[0]
    first = np.zeros(size) if state is None else np.asarray(state, dtype=np.float64)
    first = first if start is None else start(size)
    recurrent = W.T if transpose_w else W
    ys, hs, previous = [], [], first
    for x_t in x.reshape(len(x), -1) if x.size else []:
        h = hidden(U.T @ x_t + recurrent @ previous + (b if use_b else 0))  # (H,)
        a = V.T @ h + (c if use_c else 0)  # (O,)
        y = squash(a)
        ys.append(y)
        hs.append(h)
        previous = ({"y": y, "h": h, "a": a}[feed] if jordan else h) if carry else first
    return np.reshape(ys, (len(ys), V.shape[1])), np.reshape(hs, (len(hs), U.shape[1]))


def _state(kwargs):
    """The h0/y0 keyword argument of a call, or None."""
    return next(iter(kwargs.values()), None)


def _variant(jordan, output, **mistake):
    return lambda *args, **kwargs: _forward(*args, _state(kwargs), jordan=jordan, **mistake)[output]


def _last_step(jordan, keep_dim):
    def compute(*args, **kwargs):
        y = _forward(*args, _state(kwargs), jordan=jordan)[0]
        return y[-1:] if keep_dim else y[-1]
    return compute


def _catalogue(kind, output):
    """What common mistakes would have returned as output 0 (y) or 1 (h)."""
    jordan = kind == "jordan"
    state = "y(t-1)" if jordan else "h(t-1)"
    mistakes = [
        ("feeding back the hidden state h(t-1) instead of the output y(t-1)", dict(feed="h")),
        ("feeding back the output before the sigmoid instead of y(t-1)", dict(feed="a")),
    ] if jordan else []
    mistakes += [
        ("W instead of Wᵀ", dict(transpose_w=False)),
        ("a sigmoid hidden layer instead of tanh", dict(hidden=_sigmoid)),
        ("leaving out the output sigmoid", dict(squash=lambda a: a)),
        ("leaving out the hidden bias b", dict(use_b=False)),
        ("leaving out the output bias c", dict(use_c=False)),
        ("starting from a non-zero initial state (ones) instead of zeros", dict(start=np.ones)),
        ("ignoring the given initial state (starting from zeros)", dict(start=np.zeros)),
        (f"not carrying {state} from one step to the next", dict(carry=False)),
    ]
    catalogue = [Misconception(text, _variant(jordan, output, **flags)) for text, flags in mistakes]
    catalogue.append(Misconception("returning (h, y) instead of (y, h)", _variant(jordan, 1 - output)))
    if output == 0:
        catalogue += [Misconception("returning only the last step's output", _last_step(jordan, keep))
                      for keep in (False, True)]
    return catalogue


CATALOGUES = {(kind, output): _catalogue(kind, output) for kind in STATE for output in (0, 1)}


def misconceptions(kind, output, args, kwargs):
    """What each mistake returns as output 0 (y) or 1 (h) of `<kind>_forward(*args, **kwargs)`."""
    return candidates(CATALOGUES[kind, output], *args, **kwargs)
