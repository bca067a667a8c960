"""A correct Q2 in another style: a hand-written tanh recurrence with nn.Parameter weights."""
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

N_IN, N_HIDDEN, N_OUT, N_ITERS, LR, SEED = 3, 5, 2, 10000, 0.01, 10


def generate_data(n_seqs=8, n_steps=100, seed=10, noise=0.1):
    np.random.seed(seed)
    x = np.random.rand(n_seqs, n_steps, 3)
    y = np.zeros((n_seqs, n_steps, 2))
    for t in range(n_steps):
        if t >= 1:
            y[:, t, 0] = 5 * x[:, t, 0] - 0.2 * x[:, t - 1, 2]
        if t >= 3:
            y[:, t, 1] = 25 * x[:, t - 1, 1] * x[:, t - 3, 2]
    y = y + noise * np.random.randn(n_seqs, n_steps, 2)
    return torch.from_numpy(x).float(), torch.from_numpy(y).float()


class SequenceRNN(nn.Module):
    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.U = nn.Parameter(torch.randn(n_in, n_hidden) * 0.3)
        self.W = nn.Parameter(torch.randn(n_hidden, n_hidden) * 0.3)
        self.b = nn.Parameter(torch.zeros(n_hidden))
        self.V = nn.Parameter(torch.randn(n_hidden, n_out) * 0.3)
        self.c = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        h = torch.zeros(x.shape[0], self.W.shape[0], device=x.device)
        outputs = []
        for t in range(x.shape[1]):
            h = torch.tanh(x[:, t] @ self.U + h @ self.W + self.b)
            outputs.append(h @ self.V + self.c)
        return torch.stack(outputs, dim=1)


def train_model(model, x, y, n_iters=10000, lr=0.01):
    device = next(model.parameters()).device
    x, y = torch.as_tensor(x).float().to(device), torch.as_tensor(y).float().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(n_iters):
        loss = torch.mean((model(x) - y) ** 2)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        history.append(float(loss))
    return history


def plot_predictions(model, x, y, seq=0):
    with torch.no_grad():
        pred = model(torch.as_tensor(x).float().to(next(model.parameters()).device)).cpu().numpy()
    fig = plt.figure()
    for k in range(2):
        ax = fig.add_subplot(2, 1, k + 1)
        ax.plot(np.asarray(y)[seq, :, k], "b-", label="groundtruth")
        ax.plot(pred[seq, :, k], "r--", label="predicted")
        ax.set_title(f"y{k + 1}(t)")
        ax.set_xlabel("t")
        ax.legend(loc="upper right")
    return fig
