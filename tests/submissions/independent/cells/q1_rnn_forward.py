"""Q1 - Elman and Jordan forward passes, vectorized where the recurrence allows."""
import numpy as np
import torch

U = np.array([[-1.0, 0.5], [0.5, 0.1], [0.2, -2.0]])
V = np.array([[2.0], [-1.5]])
B = np.array([0.2, 0.2])
C = np.array([0.5])
W_ELMAN = np.array([[2.0, 1.3], [1.5, 0.0]])
W_JORDAN = np.array([[2.0, 1.3]])
X_SEQ = np.array([[1, 2, -1], [-1, 1, -2], [0, 3, 1], [2, -1, 0]], dtype=float)


def _np(a):
    if isinstance(a, torch.Tensor):
        return a.detach().cpu().double().numpy()
    return np.asarray(a, dtype=float)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def elman_forward(x, U, W, V, b, c, h0=None):
    x, U, W, V, b = _np(x), _np(U), _np(W), _np(V), _np(b)
    c = _np(c).reshape(-1)
    n_hidden = U.shape[1]
    T = x.shape[0]
    # input contributions for every step at once: row t is U^T x(t) + b
    drive = x @ U + b
    h = np.empty((T, n_hidden))
    prev = np.zeros(n_hidden) if h0 is None else _np(h0).reshape(n_hidden)
    for t in range(T):
        prev = np.tanh(drive[t] + prev @ W)  # W^T h(t-1) == h(t-1) @ W
        h[t] = prev
    y = _sigmoid(h @ V + c)  # all outputs in one product
    return y, h


def jordan_forward(x, U, W, V, b, c, y0=None):
    x, U, W, V, b = _np(x), _np(U), _np(W), _np(V), _np(b)
    c = _np(c).reshape(-1)
    n_hidden = U.shape[1]
    n_out = V.shape[1]
    T = x.shape[0]
    drive = x @ U + b
    h = np.empty((T, n_hidden))
    y = np.empty((T, n_out))
    prev = np.zeros(n_out) if y0 is None else _np(y0).reshape(n_out)
    for t in range(T):
        h[t] = np.tanh(drive[t] + prev @ W)
        prev = _sigmoid(h[t] @ V + c)
        y[t] = prev
    return y, h
