"""Question 1 -- Elman (hidden recurrence) and Jordan (top-down recurrence) RNNs."""
import numpy as np
import torch

U = np.array([[-1.0, 0.5], [0.5, 0.1], [0.2, -2.0]])     # (n_in=3, n_hidden=2)
V = np.array([[2.0], [-1.5]])                          # (n_hidden=2, n_out=1)
B = np.array([0.2, 0.2])
C = np.array([0.5])
W_ELMAN = np.array([[2.0, 1.3], [1.5, 0.0]])            # (n_hidden, n_hidden)
W_JORDAN = np.array([[2.0, 1.3]])                       # (n_out, n_hidden)
X_SEQ = np.array([[1.0, 2.0, -1.0],
                  [-1.0, 1.0, -2.0],
                  [0.0, 3.0, 1.0],
                  [2.0, -1.0, 0.0]])


def _as_np(value):
    if torch.is_tensor(value):
        value = value.detach().to("cpu", torch.float64).numpy()
    return np.asarray(value, dtype=np.float64)


def elman_forward(x, U, W, V, b, c, h0=None):
    """Returns (y, h) with y: (T, n_out), h: (T, n_hidden)."""
    x, U, W, V, b, c = map(_as_np, (x, U, W, V, b, c))
    T, n_hidden, n_out = x.shape[0], U.shape[1], V.shape[1]
    state = np.zeros(n_hidden) if h0 is None else _as_np(h0).ravel()
    h = np.zeros((T, n_hidden))
    y = np.zeros((T, n_out))
    for t in range(T):
        state = np.tanh(np.matmul(U.T, x[t]) + np.matmul(W.T, state) + b)
        h[t] = state
        y[t] = 1.0 / (1.0 + np.exp(-(np.matmul(V.T, state) + c)))
    return y, h


def jordan_forward(x, U, W, V, b, c, y0=None):
    """Returns (y, h); the recurrence feeds back y(t-1) through W (n_out, n_hidden)."""
    x, U, W, V, b, c = map(_as_np, (x, U, W, V, b, c))
    T, n_hidden, n_out = x.shape[0], U.shape[1], V.shape[1]
    out = np.zeros(n_out) if y0 is None else _as_np(y0).ravel()
    h = np.zeros((T, n_hidden))
    y = np.zeros((T, n_out))
    for t in range(T):
        h[t] = np.tanh(np.matmul(U.T, x[t]) + np.matmul(W.T, out) + b)
        out = 1.0 / (1.0 + np.exp(-(np.matmul(V.T, h[t]) + c)))
        y[t] = out
    return y, h
