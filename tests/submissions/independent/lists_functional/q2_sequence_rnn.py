import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
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
    x = np.random.rand(n_seqs, n_steps, 3)
    y = np.zeros((n_seqs, n_steps, 2))
    t = np.arange(n_steps)
    m1 = t[t >= 1]
    m3 = t[t >= 3]
    y[:, m1, 0] = 5 * x[:, m1, 0] - 0.2 * x[:, m1 - 1, 2]
    y[:, m3, 1] = 25 * x[:, m3 - 1, 1] * x[:, m3 - 3, 2]
    y = y + noise * np.random.randn(n_seqs, n_steps, 2)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def _to_tensor(a, ref):
    if isinstance(a, torch.Tensor):
        return a.detach().to(ref.device, ref.dtype)
    return torch.tensor(np.asarray(a, dtype=np.float64), device=ref.device, dtype=ref.dtype)


class SequenceRNN(nn.Module):
    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.rnn = nn.RNN(n_in, n_hidden, nonlinearity='tanh', batch_first=True)
        bound = 1.0 / math.sqrt(n_hidden)
        self.out_weight = nn.Parameter(torch.empty(n_out, n_hidden).uniform_(-bound, bound))
        self.out_bias = nn.Parameter(torch.empty(n_out).uniform_(-bound, bound))

    def forward(self, x):
        x = _to_tensor(x, self.out_weight)
        h, _ = self.rnn(x)
        return F.linear(h, self.out_weight, self.out_bias)


def train_model(model, x, y, n_iters=10000, lr=0.01):
    ref = next(model.parameters())
    x = _to_tensor(x, ref)
    y = _to_tensor(y, ref)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _ in range(n_iters):
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def plot_predictions(model, x, y, seq=0):
    ref = next(model.parameters())
    x = _to_tensor(x, ref)
    y = _to_tensor(y, ref)
    with torch.no_grad():
        pred = model(x)[seq].cpu().numpy()
    truth = y[seq].cpu().numpy()
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(10, 6))
    for ax, k in ((a1, 0), (a2, 1)):
        ax.plot(truth[:, k], label='groundtruth')
        ax.plot(pred[:, k], label='prediction')
        ax.set_title('y%d(t), sequence %d' % (k + 1, seq))
        ax.set_xlabel('t')
        ax.set_ylabel('y%d' % (k + 1))
        ax.legend()
    fig.tight_layout()
    return fig
