"""Tutorial 8, Question 2: learning a sequence map with an Elman RNN (float64 model)."""
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt

N_IN = 3
N_HIDDEN = 5
N_OUT = 2
N_STEPS = 100
N_SEQS = 8
N_ITERS = 10000
LR = 0.01
SEED = 10


def generate_data(n_seqs=8, n_steps=100, seed=10, noise=0.1):
    """Draw the training sequences exactly as in the tutorial notebook."""
    rng = np.random.RandomState(seed)
    x = rng.rand(n_seqs, n_steps, N_IN)
    y = np.zeros((n_seqs, n_steps, N_OUT))
    for t in range(1, n_steps):
        y[:, t, 0] = 5 * x[:, t, 0] - 0.2 * x[:, t - 1, 2]
    for t in range(3, n_steps):
        y[:, t, 1] = 25 * x[:, t - 1, 1] * x[:, t - 3, 2]
    y = y + noise * rng.randn(n_seqs, n_steps, N_OUT)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def _param(model):
    return next(model.parameters())


def _as_model_tensor(a, model):
    """Convert array-like data to the dtype and device of the model's parameters."""
    p = _param(model)
    if isinstance(a, torch.Tensor):
        return a.detach().to(device=p.device, dtype=p.dtype)
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=p.dtype, device=p.device)


class SequenceRNN(nn.Module):
    """Elman RNN (tanh) followed by a linear read-out, computed in float64."""

    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.n_in = n_in
        self.n_hidden = n_hidden
        self.n_out = n_out
        self.rnn = nn.RNN(n_in, n_hidden, nonlinearity="tanh", batch_first=True)
        self.fc = nn.Linear(n_hidden, n_out)
        self.double()

    def forward(self, x):
        x = _as_model_tensor(x, self)
        h0 = torch.zeros(1, x.shape[0], self.n_hidden, dtype=x.dtype, device=x.device)
        out, _ = self.rnn(x, h0)
        return self.fc(out)


def train_model(model, x, y, n_iters=10000, lr=0.01):
    """Full-batch Adam on the MSE; returns the loss of every iteration."""
    x = _as_model_tensor(x, model)
    y = _as_model_tensor(y, model)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    model.train()
    losses = []
    for _ in range(n_iters):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(float(loss.item()))
    return losses


def plot_predictions(model, x, y, seq=0):
    """Prediction vs ground truth for y1 and y2 of sequence `seq`."""
    with torch.no_grad():
        pred = model(x).detach().cpu().numpy()
    if isinstance(y, torch.Tensor):
        y = y.detach().cpu().numpy()
    y = np.asarray(y, dtype=np.float64)
    fig, axes = plt.subplots(2, 1, figsize=(10, 6), sharex=True)
    for k, ax in enumerate(axes):
        ax.plot(y[seq, :, k], label="ground truth")
        ax.plot(pred[seq, :, k], label="prediction")
        ax.set_ylabel("y%d(t)" % (k + 1))
        ax.set_title("Sequence %d: y%d" % (seq, k + 1))
        ax.legend()
    axes[-1].set_xlabel("time step t")
    fig.tight_layout()
    return fig
