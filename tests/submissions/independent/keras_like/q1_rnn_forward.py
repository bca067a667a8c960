"""Q1: Elman and Jordan forward passes through a shared step-by-step runner."""
import numpy as np
import torch

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


def _numpy(a):
    if isinstance(a, torch.Tensor):
        return a.detach().cpu().numpy().astype(np.float64)
    return np.asarray(a, dtype=np.float64)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class _SimpleRNN:
    """Tiny container for the weights, in the layout of the tutorial."""

    def __init__(self, U, W, V, b, c):
        self.U = _numpy(U)
        self.W = _numpy(W)
        self.V = _numpy(V)
        self.b = _numpy(b)
        self.c = _numpy(c)
        self.n_hidden = self.U.shape[1]
        self.n_out = self.V.shape[1]

    def hidden(self, x_t, feedback):
        return np.tanh(self.U.T @ x_t + self.W.T @ feedback + self.b)

    def output(self, h_t):
        return _sigmoid(self.V.T @ h_t + self.c)

    def run(self, x, state0, feed_output):
        x = _numpy(x)
        T = x.shape[0]
        ys = np.zeros((T, self.n_out))
        hs = np.zeros((T, self.n_hidden))
        feedback = state0
        for t in range(T):
            hs[t] = self.hidden(x[t], feedback)
            ys[t] = self.output(hs[t])
            feedback = ys[t] if feed_output else hs[t]
        return ys, hs


def elman_forward(x, U, W, V, b, c, h0=None):
    net = _SimpleRNN(U, W, V, b, c)
    state0 = np.zeros(net.n_hidden) if h0 is None else _numpy(h0).reshape(net.n_hidden)
    return net.run(x, state0, feed_output=False)


def jordan_forward(x, U, W, V, b, c, y0=None):
    net = _SimpleRNN(U, W, V, b, c)
    state0 = np.zeros(net.n_out) if y0 is None else _numpy(y0).reshape(net.n_out)
    return net.run(x, state0, feed_output=True)
