"""A correct Q1 in another style: plain Python loops over lists, numpy only at the end."""
import math

import numpy as np


def _rows(a):
    return [[float(v) for v in row] for row in np.asarray(a, dtype=float).reshape(len(a), -1)]


def _step(x_t, U, W, prev, b):
    n_hidden = len(U[0])
    return [
        math.tanh(sum(x_t[i] * U[i][j] for i in range(len(x_t)))
                  + sum(prev[k] * W[k][j] for k in range(len(prev))) + b[j])
        for j in range(n_hidden)
    ]


def _out(h, V, c):
    c = np.broadcast_to(np.asarray(c, dtype=float), (len(V[0]),))
    return [1 / (1 + math.exp(-(sum(h[j] * V[j][k] for j in range(len(h))) + c[k]))) for k in range(len(V[0]))]


def _run(x, U, W, V, b, c, state, jordan):
    U, W, V = _rows(U), _rows(W), _rows(V)
    b = [float(v) for v in np.asarray(b, dtype=float)]
    size = len(V[0]) if jordan else len(W)
    prev = [0.0] * size if state is None else [float(v) for v in np.asarray(state, dtype=float)]
    ys, hs = [], []
    for x_t in (np.asarray(x, dtype=float).tolist() if len(x) else []):
        h = _step(x_t, U, W, prev, b)
        y = _out(h, V, c)
        prev = y if jordan else h
        ys.append(y)
        hs.append(h)
    return np.array(ys).reshape(len(ys), len(V[0])), np.array(hs).reshape(len(hs), len(U[0]))


def elman_forward(x, U, W, V, b, c, h0=None):
    return _run(x, U, W, V, b, c, h0, jordan=False)


def jordan_forward(x, U, W, V, b, c, y0=None):
    return _run(x, U, W, V, b, c, y0, jordan=True)
