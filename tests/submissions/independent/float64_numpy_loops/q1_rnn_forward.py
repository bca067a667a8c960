"""Tutorial 8, Question 1: forward passes of Elman and Jordan RNNs (plain numpy loops)."""
import numpy as np

U = np.array([[-1.0, 0.5],
              [0.5, 0.1],
              [0.2, -2.0]])
V = np.array([[2.0],
              [-1.5]])
B = np.array([0.2, 0.2])
C = np.array([0.5])
W_ELMAN = np.array([[2.0, 1.3],
                    [1.5, 0.0]])
W_JORDAN = np.array([[2.0, 1.3]])
X_SEQ = np.array([[1.0, 2.0, -1.0],
                  [-1.0, 1.0, -2.0],
                  [0.0, 3.0, 1.0],
                  [2.0, -1.0, 0.0]])


def _to_numpy(a):
    """Turn a numpy array, torch tensor or nested list into a float64 numpy array."""
    if hasattr(a, "detach"):  # torch tensor
        a = a.detach().cpu().numpy()
    return np.array(a, dtype=np.float64)


def _sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


def elman_forward(x, U, W, V, b, c, h0=None):
    """Hidden-recurrence (Elman) RNN.

    h(t) = tanh(U^T x(t) + W^T h(t-1) + b),  y(t) = sigmoid(V^T h(t) + c)
    Returns y of shape (T, n_out) and h of shape (T, n_hidden).
    """
    x = _to_numpy(x)
    U = _to_numpy(U)
    W = _to_numpy(W)
    V = _to_numpy(V)
    b = _to_numpy(b)
    c = _to_numpy(c)

    T = x.shape[0]
    n_in, n_hidden = U.shape
    n_out = V.shape[1]

    if h0 is None:
        h_prev = np.zeros(n_hidden)
    else:
        h_prev = _to_numpy(h0).reshape(n_hidden)

    h_all = np.zeros((T, n_hidden))
    y_all = np.zeros((T, n_out))
    for t in range(T):
        h_t = np.zeros(n_hidden)
        for j in range(n_hidden):
            s = b[j]
            for i in range(n_in):
                s += U[i, j] * x[t, i]
            for k in range(n_hidden):
                s += W[k, j] * h_prev[k]
            h_t[j] = np.tanh(s)
        for m in range(n_out):
            s = c[m] if c.ndim > 0 and c.size > 1 else float(c.reshape(-1)[0])
            for j in range(n_hidden):
                s += V[j, m] * h_t[j]
            y_all[t, m] = _sigmoid(s)
        h_all[t] = h_t
        h_prev = h_t
    return y_all, h_all


def jordan_forward(x, U, W, V, b, c, y0=None):
    """Top-down (Jordan) RNN.

    h(t) = tanh(U^T x(t) + W^T y(t-1) + b),  y(t) = sigmoid(V^T h(t) + c)
    W has shape (n_out, n_hidden). Returns y (T, n_out) and h (T, n_hidden).
    """
    x = _to_numpy(x)
    U = _to_numpy(U)
    W = _to_numpy(W)
    V = _to_numpy(V)
    b = _to_numpy(b)
    c = _to_numpy(c)

    T = x.shape[0]
    n_in, n_hidden = U.shape
    n_out = V.shape[1]

    if y0 is None:
        y_prev = np.zeros(n_out)
    else:
        y_prev = _to_numpy(y0).reshape(n_out)

    h_all = np.zeros((T, n_hidden))
    y_all = np.zeros((T, n_out))
    for t in range(T):
        h_t = np.zeros(n_hidden)
        for j in range(n_hidden):
            s = b[j]
            for i in range(n_in):
                s += U[i, j] * x[t, i]
            for k in range(n_out):
                s += W[k, j] * y_prev[k]
            h_t[j] = np.tanh(s)
        y_t = np.zeros(n_out)
        for m in range(n_out):
            s = c[m] if c.ndim > 0 and c.size > 1 else float(c.reshape(-1)[0])
            for j in range(n_hidden):
                s += V[j, m] * h_t[j]
            y_t[m] = _sigmoid(s)
        h_all[t] = h_t
        y_all[t] = y_t
        y_prev = y_t
    return y_all, h_all
