"""Question 2 -- learning y1(t) = 5 x1(t) - 0.2 x3(t-1), y2(t) = 25 x2(t-1) x3(t-3)."""
import numpy as np
import torch
from torch import nn
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
    np.random.seed(seed)
    x_train = np.random.rand(n_seqs, n_steps, N_IN)
    y_train = np.zeros([n_seqs, n_steps, N_OUT])
    y_train[:, 1:, 0] = 5 * x_train[:, 1:, 0] - 0.2 * x_train[:, :max(n_steps - 1, 0), 2]
    y_train[:, 3:, 1] = (25 * x_train[:, 2:max(n_steps - 1, 2), 1]
                         * x_train[:, :max(n_steps - 3, 0), 2])
    y_train += noise * np.random.randn(n_seqs, n_steps, N_OUT)
    return (torch.tensor(x_train, dtype=torch.float32),
            torch.tensor(y_train, dtype=torch.float32))


class SequenceRNN(nn.Module):
    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.rnn = nn.RNN(input_size=n_in, hidden_size=n_hidden, batch_first=True)
        self.linear = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        p = self.linear.weight
        x = torch.as_tensor(np.asarray(x) if isinstance(x, (list, tuple)) else x)
        x = x.to(device=p.device, dtype=p.dtype)
        hidden, _ = self.rnn(x)  # initial state defaults to zeros
        return self.linear(hidden)


def _prepare(t, like):
    t = torch.as_tensor(np.asarray(t) if isinstance(t, (list, tuple)) else t)
    return t.to(device=like.device, dtype=like.dtype)


def train_model(model, x, y, n_iters=10000, lr=0.01):
    p = next(model.parameters())
    x, y = _prepare(x, p), _prepare(y, p)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    losses = []
    model.train()
    for _ in range(n_iters):
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def plot_predictions(model, x, y, seq=0):
    model.eval()
    with torch.inference_mode():
        pred = model(x).cpu().numpy()[seq]
    truth = _prepare(y, torch.empty(0, dtype=torch.float64)).numpy()[seq]
    fig, axes = plt.subplots(2, 1, figsize=(10, 7))
    for k, ax in enumerate(axes):
        ax.plot(truth[:, k], label='groundtruth y%d' % (k + 1))
        ax.plot(pred[:, k], label='prediction y%d' % (k + 1))
        ax.set_xlabel('time step')
        ax.set_ylabel('y%d(t)' % (k + 1))
        ax.legend()
    fig.tight_layout()
    return fig
