import numpy as np

U = np.array([[-1.0, 0.5], [0.5, 0.1], [0.2, -2.0]])
V = np.array([[2.0], [-1.5]])
B = np.array([0.2, 0.2])
C = np.array([0.5])
W_ELMAN = np.array([[2.0, 1.3], [1.5, 0.0]])
W_JORDAN = np.array([[2.0, 1.3]])
X_SEQ = np.array([[1.0, 2.0, -1.0], [-1.0, 1.0, -2.0], [0.0, 3.0, 1.0], [2.0, -1.0, 0.0]])


def _float_array(a):
    # accepts numpy arrays, nested lists, scalars and torch tensors (cpu or cuda)
    if hasattr(a, "detach") and hasattr(a, "cpu"):
        a = a.detach().cpu().numpy()
    return np.asarray(a, dtype=np.float64)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def elman_forward(x, U, W, V, b, c, h0=None):
    U = _float_array(U)
    W = _float_array(W)
    V = _float_array(V)
    b = _float_array(b).reshape(-1)
    c = _float_array(c).reshape(-1)
    n_in, n_hidden = U.shape
    X = _float_array(x).reshape(-1, n_in)  # (T, n_in); T may be 0
    T = X.shape[0]
    h_prev = np.zeros(n_hidden) if h0 is None else _float_array(h0).reshape(n_hidden)

    A = X @ U + b  # (T, n_hidden): U^T x(t) + b for all t in one product
    H = np.zeros((T, n_hidden))
    for t in range(T):
        h_prev = np.tanh(A[t] + h_prev @ W)
        H[t] = h_prev
    Y = _sigmoid(H @ V + c)  # (T, n_out)
    return Y, H


def jordan_forward(x, U, W, V, b, c, y0=None):
    U = _float_array(U)
    W = _float_array(W)
    V = _float_array(V)
    b = _float_array(b).reshape(-1)
    c = _float_array(c).reshape(-1)
    n_in, n_hidden = U.shape
    n_out = V.shape[1]
    X = _float_array(x).reshape(-1, n_in)
    T = X.shape[0]
    y_prev = np.zeros(n_out) if y0 is None else _float_array(y0).reshape(n_out)

    A = X @ U + b
    H = np.zeros((T, n_hidden))
    Y = np.zeros((T, n_out))
    for t in range(T):
        H[t] = np.tanh(A[t] + y_prev @ W)
        y_prev = _sigmoid(H[t] @ V + c)
        Y[t] = y_prev
    return Y, H
