# Question 1: forward propagation through Elman and Jordan networks.
import numpy as np

# Tutorial parameters
U = np.array([[-1.0, 0.5],
              [0.5, 0.1],
              [0.2, -2.0]], dtype=np.float64)
V = np.array([[2.0], [-1.5]], dtype=np.float64)
B = np.array([0.2, 0.2], dtype=np.float64)
C = np.array([0.5], dtype=np.float64)
W_ELMAN = np.array([[2.0, 1.3],
                    [1.5, 0.0]], dtype=np.float64)
W_JORDAN = np.array([[2.0, 1.3]], dtype=np.float64)
X_SEQ = np.array([[1.0, 2.0, -1.0],
                  [-1.0, 1.0, -2.0],
                  [0.0, 3.0, 1.0],
                  [2.0, -1.0, 0.0]], dtype=np.float64)


def _arr(v):
    try:
        import torch
        if isinstance(v, torch.Tensor):
            v = v.detach().cpu().numpy()
    except ImportError:  # pragma: no cover
        pass
    return np.asarray(v, dtype=np.float64)


def _sig(z):
    return 1.0 / (1.0 + np.exp(-z))


def elman_forward(x, U, W, V, b, c, h0=None):
    x = _arr(x)
    U, W, V, b, c = _arr(U), _arr(W), _arr(V), _arr(b), _arr(c)
    T = x.shape[0]
    n_h = U.shape[1]
    n_o = V.shape[1]
    h_prev = np.zeros(n_h) if h0 is None else _arr(h0).reshape(-1)
    ys = np.zeros((T, n_o))
    hs = np.zeros((T, n_h))
    for t in range(T):
        u = U.T.dot(x[t]) + W.T.dot(h_prev) + b
        h_prev = np.tanh(u)
        hs[t, :] = h_prev
        ys[t, :] = _sig(V.T.dot(h_prev) + c)
    return ys, hs


def jordan_forward(x, U, W, V, b, c, y0=None):
    x = _arr(x)
    U, W, V, b, c = _arr(U), _arr(W), _arr(V), _arr(b), _arr(c)
    T = x.shape[0]
    n_h = U.shape[1]
    n_o = V.shape[1]
    y_prev = np.zeros(n_o) if y0 is None else _arr(y0).reshape(-1)
    ys = np.zeros((T, n_o))
    hs = np.zeros((T, n_h))
    for t in range(T):
        h_t = np.tanh(U.T.dot(x[t]) + W.T.dot(y_prev) + b)
        y_prev = _sig(V.T.dot(h_t) + c)
        hs[t, :] = h_t
        ys[t, :] = y_prev
    return ys, hs
