# %% [markdown]
# # Question 1: forward passes of Elman and Jordan RNNs
#
# A recurrent network reads 3-dimensional inputs and has two hidden neurons and one output
# neuron. Compute its output sequence for the input sequence `X_SEQ`, once with hidden
# recurrence (Elman) and once with top-down recurrence (Jordan).
#
# Shapes: T time steps, I inputs (n_in), H hidden neurons (n_hidden), O outputs (n_out).

# %%
"""Question 1: forward passes of an Elman and a Jordan recurrent network, in numpy."""
import numpy as np

# The tutorial's weights (given, not a TODO).
U = np.array([[-1.0, 0.5], [0.5, 0.1], [0.2, -2.0]])  # (I, H) input -> hidden
V = np.array([[2.0], [-1.5]])  # (H, O) hidden -> output
B = np.array([0.2, 0.2])  # (H,) hidden bias
C = np.array([0.5])  # (O,) output bias
W_ELMAN = np.array([[2.0, 1.3], [1.5, 0.0]])  # (H, H) previous hidden -> hidden
W_JORDAN = np.array([[2.0, 1.3]])  # (O, H) previous output -> hidden
X_SEQ = np.array([[1.0, 2.0, -1.0], [-1.0, 1.0, -2.0], [0.0, 3.0, 1.0], [2.0, -1.0, 0.0]])  # (T, I)


# %%
def sigmoid(u):
    """The logistic function 1 / (1 + exp(-u)), elementwise."""
    return 1.0 / (1.0 + np.exp(-u))


# %%
def elman_forward(x, U, W, V, b, c, h0=None):
    """Run an Elman (hidden-recurrence) network over a sequence.

        h(t) = tanh(Uᵀ x(t) + Wᵀ h(t-1) + b)
        y(t) = sigmoid(Vᵀ h(t) + c)

    Inputs (numpy arrays, torch tensors or nested lists):
        x:  (T, I) the input sequence, one row per time step.
        U:  (I, H) input-to-hidden weights.
        W:  (H, H) hidden-to-hidden weights.
        V:  (H, O) hidden-to-output weights.
        b:  (H,) hidden bias.
        c:  scalar or (O,) output bias.
        h0: (H,) the initial hidden state h(0), or None for zeros.

    Returns:
        y: numpy array (T, O), the outputs y(1) .. y(T).
        h: numpy array (T, H), the hidden states h(1) .. h(T).
    """
    # TODO: loop over t = 1..T computing h(t) and y(t); return numpy arrays y (T, O) and h (T, H).
    ### BEGIN SOLUTION
    x, U, W, V, b = (np.asarray(a, dtype=np.float64) for a in (x, U, W, V, b))
    c = np.asarray(c, dtype=np.float64)
    h_prev = np.zeros(W.shape[0]) if h0 is None else np.asarray(h0, dtype=np.float64)
    ys, hs = [], []
    for x_t in x:
        h_prev = np.tanh(U.T @ x_t + W.T @ h_prev + b)  # (H,)
        hs.append(h_prev)
        ys.append(sigmoid(V.T @ h_prev + c))  # (O,)
    return np.reshape(ys, (len(x), V.shape[1])), np.reshape(hs, (len(x), W.shape[0]))
    ### END SOLUTION


# %%
def jordan_forward(x, U, W, V, b, c, y0=None):
    """Run a Jordan (top-down recurrence) network over a sequence.

        h(t) = tanh(Uᵀ x(t) + Wᵀ y(t-1) + b)
        y(t) = sigmoid(Vᵀ h(t) + c)

    Inputs (numpy arrays, torch tensors or nested lists):
        x:  (T, I) the input sequence, one row per time step.
        U:  (I, H) input-to-hidden weights.
        W:  (O, H) previous-output-to-hidden weights.
        V:  (H, O) hidden-to-output weights.
        b:  (H,) hidden bias.
        c:  scalar or (O,) output bias.
        y0: (O,) the initial output y(0), or None for zeros.

    Returns:
        y: numpy array (T, O), the outputs y(1) .. y(T).
        h: numpy array (T, H), the hidden states h(1) .. h(T).
    """
    # TODO: as elman_forward, but feed back the previous output y(t-1) (after the sigmoid).
    ### BEGIN SOLUTION
    x, U, W, V, b = (np.asarray(a, dtype=np.float64) for a in (x, U, W, V, b))
    c = np.asarray(c, dtype=np.float64)
    y_prev = np.zeros(V.shape[1]) if y0 is None else np.asarray(y0, dtype=np.float64)
    ys, hs = [], []
    for x_t in x:
        h_t = np.tanh(U.T @ x_t + W.T @ y_prev + b)  # (H,)
        y_prev = sigmoid(V.T @ h_t + c)  # (O,)
        hs.append(h_t)
        ys.append(y_prev)
    return np.reshape(ys, (len(x), V.shape[1])), np.reshape(hs, (len(x), U.shape[1]))
    ### END SOLUTION


# %%
if __name__ == "__main__":
    print("Elman  y:", elman_forward(X_SEQ, U, W_ELMAN, V, B, C)[0].ravel().round(4))
    print("Jordan y:", jordan_forward(X_SEQ, U, W_JORDAN, V, B, C)[0].ravel().round(4))
