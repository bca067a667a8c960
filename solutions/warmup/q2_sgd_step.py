# %% [markdown]
# # Q2: a gradient-descent step, and fitting a line (10 points)
#
# Write `sgd_step(params, grads, lr)`: one step of plain gradient descent. `params` and `grads` are
# lists of float numpy arrays (one or more dimensions), `grads[i]` of the shape of `params[i]`, and
# `lr` a positive float; return a list of the updated arrays p − lr · g, in the order of `params`.
#
# For example, `sgd_step(PARAMS_EXAMPLE, GRADS_EXAMPLE, 0.1)` is `[array([0.9, 2.2]), array([[-0.05]])]`.
#
# Write `fit_line(x, y, lr=0.1, n_steps=200)`: fit y ≈ a·x + b to the 1-D float arrays `x` and `y`
# by full-batch gradient descent on the mean squared error L(a, b) = mean((a·x + b − y)²), starting
# from a = b = 0 and taking `n_steps` steps p ← p − lr · ∂L/∂p on both parameters (you may use
# `sgd_step`). Return `(a, b, losses)`: the final a and b as floats, and `losses`, the `n_steps`
# values of L at the start of each step (a list or a 1-D numpy array).
#
# For example, on `X_LINE` and `Y_LINE` with the defaults, a = 1.9214 and b = 1.0045, and the loss
# falls from 2.5048 to 0.0190.
#
# Your a and b must fit the data: their mean squared error on it must come within 0.1% of the best
# line's.

# %%
"""Question 2: a gradient-descent step, and a line fitted by full-batch gradient descent, in numpy."""
import numpy as np

# The handout's examples (given, not a TODO).
PARAMS_EXAMPLE = [np.array([1.0, 2.0]), np.array([[0.0]])]
GRADS_EXAMPLE = [np.array([1.0, -2.0]), np.array([[0.5]])]
X_LINE = np.linspace(-1.0, 1.0, 11)
Y_LINE = np.array([-0.97, -0.63, -0.07, 0.22, 0.49, 1.07, 1.66, 1.99, 2.06, 2.35, 2.88])


# %%
def sgd_step(params, grads, lr):
    """The list of arrays p − lr · g, one per parameter."""
    # TODO: return a new list with p − lr · g for each pair (p, g).
    ### BEGIN SOLUTION
    return [np.asarray(p, dtype=np.float64) - lr * np.asarray(g, dtype=np.float64) for p, g in zip(params, grads)]
    ### END SOLUTION


# %%
def fit_line(x, y, lr=0.1, n_steps=200):
    """(a, b, losses): y ≈ a·x + b fitted by `n_steps` full-batch gradient-descent steps on the MSE."""
    # TODO: from a = b = 0, record the MSE, compute its gradient, step; n_steps times.
    ### BEGIN SOLUTION
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    params, losses = [np.float64(0.0), np.float64(0.0)], []
    for _ in range(n_steps):
        a, b = params
        residual = a * x + b - y
        losses.append(float(np.mean(residual ** 2)))
        grads = [2.0 * np.mean(residual * x), 2.0 * np.mean(residual)]
        params = sgd_step(params, grads, lr)
    return float(params[0]), float(params[1]), losses
    ### END SOLUTION
