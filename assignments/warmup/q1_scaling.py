# Student skeleton, generated from the reference solution: replace each
# `raise NotImplementedError(...)` with your code, and change nothing else.
# %% [markdown]
# # Q1: scaling a vector
#
# Write `scale(x, factor=2.0)`: the numpy array `x` (any shape) times `factor`.

# %%
import numpy as np

FACTOR = 2.0


# %%
def scale(x, factor=FACTOR):
    """`x` (an array, a tensor or a nested list) times `factor`, as a float64 numpy array."""
    raise NotImplementedError('scale: not implemented yet')
