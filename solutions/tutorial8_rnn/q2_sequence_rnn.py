# %% [markdown]
# # Question 2: learning a sequence map with an Elman RNN
#
# An RNN with 3 inputs, 5 hidden neurons and 2 outputs learns
#
#     y1(t) = 5 x1(t) - 0.2 x3(t-1) + 0.1 ε
#     y2(t) = 25 x2(t-1) x3(t-3) + 0.1 ε
#
# from 8 random sequences of 100 steps, with Adam at a learning rate of 0.01.
#
# Shapes: B sequences (batch), T time steps, I = 3 inputs, H = 5 hidden, O = 2 outputs.

# %%
"""Question 2: generate the lagged sequence data and train an Elman RNN on it with Adam."""
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

N_IN, N_HIDDEN, N_OUT = 3, 5, 2
N_STEPS, N_SEQS = 100, 8
N_ITERS, LR, SEED = 10000, 0.01, 10


# %%
def generate_data(n_seqs=N_SEQS, n_steps=N_STEPS, seed=SEED, noise=0.1):
    """Draw the training sequences exactly as the tutorial does.

    Use numpy's legacy generator seeded with `seed` (np.random.seed or np.random.RandomState):
    first x from `rand`, then the noise from `randn`.

        y1(t) = 5 x1(t) - 0.2 x3(t-1)      for t >= 1, 0 before
        y2(t) = 25 x2(t-1) x3(t-3)         for t >= 3, 0 before
        y    += noise * (standard normal draws)

    Returns:
        x: float32 tensor (n_seqs, n_steps, 3)
        y: float32 tensor (n_seqs, n_steps, 2)
    """
    # TODO: draw x with rand, fill y with the two lagged formulas, add noise * randn; return float32 tensors.
    ### BEGIN SOLUTION
    rng = np.random.RandomState(seed)
    x = rng.rand(n_seqs, n_steps, N_IN)  # (B, T, I)
    y = np.zeros([n_seqs, n_steps, N_OUT])  # (B, T, O)
    y[:, 1:, 0] = 5 * x[:, 1:, 0] - 0.2 * x[:, :-1, 2]
    y[:, 3:, 1] = 25 * x[:, 2:-1, 1] * x[:, :-3, 2]
    y += noise * rng.randn(n_seqs, n_steps, N_OUT)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    ### END SOLUTION


# %%
class SequenceRNN(nn.Module):
    """An Elman RNN (tanh hidden layer, zero initial state) with a linear read-out.

    forward: x (B, T, n_in) -> y (B, T, n_out)
    """

    def __init__(self, n_in=N_IN, n_hidden=N_HIDDEN, n_out=N_OUT):
        super().__init__()
        # TODO: a tanh recurrent layer of n_hidden units and a linear output layer.
        ### BEGIN SOLUTION
        self.rnn = nn.RNN(n_in, n_hidden, nonlinearity="tanh", batch_first=True)
        self.readout = nn.Linear(n_hidden, n_out)
        ### END SOLUTION

    def forward(self, x):
        # TODO: run the recurrence from a zero state over all steps, then the read-out at every step.
        ### BEGIN SOLUTION
        hidden, _ = self.rnn(x)  # (B, T, H)
        return self.readout(hidden)  # (B, T, O)
        ### END SOLUTION


# %%
def train_model(model, x, y, n_iters=N_ITERS, lr=LR):
    """Full-batch Adam on the mean squared error, on the device of the model's parameters.

    Inputs:
        model: a module mapping (B, T, I) to (B, T, O).
        x: (B, T, I) inputs; y: (B, T, O) targets (tensors, arrays or lists).
    Returns:
        list of n_iters floats: the loss of every iteration.
    """
    # TODO: Adam(model.parameters(), lr); each iteration: zero the gradients, MSE loss, backward, step.
    ### BEGIN SOLUTION
    device = next(model.parameters()).device
    x = torch.as_tensor(x, dtype=torch.float32).to(device)
    y = torch.as_tensor(y, dtype=torch.float32).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    model.train()
    losses = []
    for _ in range(n_iters):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
    ### END SOLUTION


# %%
def plot_predictions(model, x, y, seq=0):
    """Plot prediction against ground truth for y1 and y2 of sequence `seq`.

    Returns a matplotlib Figure with one axes per output (y1, y2), each holding the ground
    truth and the prediction over the time steps, with axis labels and a legend.
    """
    # TODO: predict without gradients, then two axes (y1, y2): ground truth and prediction, labels, legend.
    ### BEGIN SOLUTION
    device = next(model.parameters()).device
    with torch.no_grad():
        prediction = model(torch.as_tensor(x, dtype=torch.float32).to(device)).cpu()  # (B, T, O)
    truth = torch.as_tensor(y, dtype=torch.float32)
    figure, axes = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    for k, ax in enumerate(axes):
        ax.plot(truth[seq, :, k].numpy(), label="ground truth")
        ax.plot(prediction[seq, :, k].numpy(), label="prediction")
        ax.set_ylabel(f"y{k + 1}(t)")
        ax.legend()
    axes[-1].set_xlabel("time step t")
    figure.tight_layout()
    return figure
    ### END SOLUTION


# %%
if __name__ == "__main__":
    torch.manual_seed(SEED)
    x_train, y_train = generate_data()
    rnn = SequenceRNN()
    history = train_model(rnn, x_train, y_train)
    print(f"final loss {history[-1]:.4f}")
    plot_predictions(rnn, x_train, y_train).savefig("q2_predictions.png")
