# Student skeleton, generated from the reference solution: replace each
# `raise NotImplementedError(...)` with your code, and change nothing else.
# %% [markdown]
# # Question 3: an LSTM that maps one sequence to another
#
# One LSTM layer of 10 units learns y(t) = x(t) + x(t-1) from three training sequences.
#
# Shapes: B sequences (batch), T time steps, U = 10 LSTM units.

# %%
"""Question 3: an LSTM sequence mapper, its training loop, learning curve and predictions."""
import matplotlib.pyplot as plt
import torch
from torch import nn

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS, LR = 10, 0.001


# %%
class LSTMMapper(nn.Module):
    """One LSTM layer of `n_units` units and a linear read-out at every step.

    forward: x (B, T, 1) -> y (B, T)
    """

    def __init__(self, n_units=N_UNITS):
        super().__init__()
        # TODO: one LSTM layer (1 input feature, n_units units) and a linear read-out to 1 value.
        raise NotImplementedError('__init__: not implemented yet (one LSTM layer (1 input feature, n_units units) and a linear read-out to 1 value.)')

    def forward(self, x):
        # TODO: LSTM over the sequence, read-out at every step, drop the last axis: (B, T).
        raise NotImplementedError('forward: not implemented yet (LSTM over the sequence, read-out at every step, drop the last axis: (B, T).)')


# %%
def train_model(model, x, y, n_epochs=5000, lr=LR):
    """Adam on the mean squared error, full batch, on the device of the model's parameters.

    Inputs:
        x: (B, T, 1) inputs; y: (B, T) targets (tensors, arrays or lists).
    Returns:
        list of n_epochs floats: the loss of every epoch.
    """
    # TODO: Adam(model.parameters(), lr); each epoch: zero the gradients, MSE loss, backward, step.
    raise NotImplementedError('train_model: not implemented yet (Adam(model.parameters(), lr); each epoch: zero the gradients, MSE loss, backward, step.)')


# %%
def plot_learning_curve(losses):
    """A Figure of the loss against the epoch, with axis labels."""
    # TODO: one axes, the losses against epochs 1..n, labelled axes.
    raise NotImplementedError('plot_learning_curve: not implemented yet (one axes, the losses against epochs 1..n, labelled axes.)')


# %%
def predict(model, x):
    """The model's outputs (B, T) for inputs x (B, T, 1), in eval mode and without gradients.

    The model's previous mode (train or eval) is restored afterwards.
    """
    # TODO: remember model.training, switch to eval, predict under torch.no_grad(), restore the mode.
    raise NotImplementedError('predict: not implemented yet (remember model.training, switch to eval, predict under torch.no_grad(), restore the mode.)')


# %%
if __name__ == "__main__":
    torch.manual_seed(0)
    x_train = torch.tensor(X_TRAIN, dtype=torch.float32).unsqueeze(-1)  # (B, T, 1)
    y_train = torch.tensor(Y_TRAIN, dtype=torch.float32)  # (B, T)
    mapper = LSTMMapper()
    history = train_model(mapper, x_train, y_train)
    plot_learning_curve(history).savefig("q3_learning_curve.png")
    print(predict(mapper, torch.tensor(X_TEST, dtype=torch.float32).unsqueeze(-1)))
