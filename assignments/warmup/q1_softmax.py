# Student skeleton, generated from the reference solution: replace each
# `raise NotImplementedError(...)` with your code, and change nothing else.
# %% [markdown]
# # Q1: softmax and cross-entropy (10 points)
#
# Write `softmax(z, axis=-1)`: the probabilities along `axis`, exp(z) / sum(exp(z)) with the sum
# taken along `axis` only. `z` is a float numpy array of any shape with at least one dimension,
# and `axis` any of its axes (negative ones included); return a float numpy array of the shape of `z`.
#
# Compute it stably: subtract the maximum along `axis` before exponentiating. The result must stay
# finite and right for logits as large as 1000.
#
# For example, softmax of the vector `Z_EXAMPLE` = [1, 2, 3] is [0.0900, 0.2447, 0.6652], and
# softmax of the matrix `M_EXAMPLE` along axis 0 makes each of its columns sum to 1.
#
# Write `cross_entropy(logits, targets)`: the mean negative log-likelihood of the integer class
# `targets` (shape (N,)) under the softmax of `logits` (shape (N, C)) along its last axis, as a
# Python float or a numpy scalar: the average over the N rows of −log softmax(logits)[n, targets[n]].
#
# Like softmax, it must stay finite and right for logits as large as 1000.
#
# For example, the cross-entropy of `LOGITS_EXAMPLE` with `TARGETS_EXAMPLE` is 0.3185.

# %%
"""Question 1: a numerically stable softmax and the cross-entropy loss, in numpy."""
import numpy as np

# The handout's examples (given, not a TODO).
Z_EXAMPLE = np.array([1.0, 2.0, 3.0])
M_EXAMPLE = np.array([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]])
LOGITS_EXAMPLE = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
TARGETS_EXAMPLE = np.array([0, 1])


# %%
def softmax(z, axis=-1):
    """Probabilities along `axis`: exp(z) / sum(exp(z)), computed stably."""
    # TODO: subtract the max along axis, exponentiate, divide by the sum along axis.
    raise NotImplementedError('softmax: not implemented yet (subtract the max along axis, exponentiate, divide by the sum along axis.)')


# %%
def cross_entropy(logits, targets):
    """Mean over the rows of −log softmax(logits)[n, targets[n]], as a float."""
    # TODO: log-softmax of each row (stably), pick each row's target, average the negatives.
    raise NotImplementedError("cross_entropy: not implemented yet (log-softmax of each row (stably), pick each row's target, average the negatives.)")
