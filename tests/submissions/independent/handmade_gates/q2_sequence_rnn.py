# Question 2: a hand-written Elman RNN trained with Adam.
import math

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
    rs = np.random.RandomState(seed)
    x = rs.rand(n_seqs, n_steps, 3)
    y = np.zeros((n_seqs, n_steps, 2))
    if n_steps > 1:
        y[:, 1:, 0] = 5 * x[:, 1:, 0] - 0.2 * x[:, :-1, 2]
    if n_steps > 3:
        y[:, 3:, 1] = 25 * x[:, 2:-1, 1] * x[:, :-3, 2]
    y += noise * rs.randn(n_seqs, n_steps, 2)
    return (torch.from_numpy(x).to(torch.float32),
            torch.from_numpy(y).to(torch.float32))


def _tensor(data, like):
    if not isinstance(data, torch.Tensor):
        data = torch.tensor(np.asarray(data, dtype=np.float64))
    return data.detach().to(device=like.device, dtype=like.dtype)


class SequenceRNN(nn.Module):
    """h(t) = tanh(x(t) U + h(t-1) W + b); y(t) = h(t) V + c (all hand-made parameters)."""

    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.n_hidden = n_hidden
        k = 1.0 / math.sqrt(n_hidden)
        self.U = nn.Parameter(torch.empty(n_in, n_hidden).uniform_(-k, k))
        self.W = nn.Parameter(torch.empty(n_hidden, n_hidden).uniform_(-k, k))
        self.b = nn.Parameter(torch.empty(n_hidden).uniform_(-k, k))
        self.V = nn.Parameter(torch.empty(n_hidden, n_out).uniform_(-k, k))
        self.c = nn.Parameter(torch.empty(n_out).uniform_(-k, k))

    def forward(self, x):
        x = _tensor(x, self.U)
        n_batch, n_time, _ = x.shape
        pre = x @ self.U + self.b  # input drive for every step
        h = x.new_zeros(n_batch, self.n_hidden)
        hidden = x.new_zeros(n_batch, n_time, self.n_hidden)
        states = []
        for t in range(n_time):
            h = torch.tanh(pre[:, t] + h @ self.W)
            states.append(h)
        if states:
            hidden = torch.stack(states, 1)
        return hidden @ self.V + self.c


def train_model(model, x, y, n_iters=10000, lr=0.01):
    p = next(model.parameters())
    x = _tensor(x, p)
    y = _tensor(y, p)
    optim = torch.optim.Adam(model.parameters(), lr=lr)
    out = []
    model.train()
    for _ in range(n_iters):
        optim.zero_grad()
        err = model(x) - y
        loss = (err ** 2).mean()
        loss.backward()
        optim.step()
        out.append(float(loss.detach()))
    return out


def plot_predictions(model, x, y, seq=0):
    with torch.no_grad():
        yhat = model(x)[seq].detach().cpu().numpy()
    if isinstance(y, torch.Tensor):
        yt = y[seq].detach().cpu().numpy()
    else:
        yt = np.asarray(y, dtype=np.float64)[seq]
    fig, axes = plt.subplots(2, 1, figsize=(9, 7))
    for k in range(2):
        axes[k].plot(np.arange(yt.shape[0]), yt[:, k], 'b-', label='ground truth')
        axes[k].plot(np.arange(yhat.shape[0]), yhat[:, k], color='orange', label='prediction')
        axes[k].set_xlabel('time step')
        axes[k].set_ylabel('$y_%d(t)$' % (k + 1))
        axes[k].legend(loc='upper right')
    fig.suptitle('Sequence %d: prediction vs ground truth' % seq)
    return fig
