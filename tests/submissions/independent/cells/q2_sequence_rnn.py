"""Q2 - sequence-to-sequence Elman RNN using nn.RNNCell stepped through time."""
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
    np.random.seed(seed)
    x_train = np.random.rand(n_seqs, n_steps, 3)
    y_train = np.zeros([n_seqs, n_steps, 2])
    y_train[:, 1:, 0] = 5 * x_train[:, 1:, 0] - 0.2 * x_train[:, :n_steps - 1, 2]
    if n_steps > 3:
        y_train[:, 3:, 1] = 25 * x_train[:, 2:n_steps - 1, 1] * x_train[:, :n_steps - 3, 2]
    y_train += noise * np.random.randn(n_seqs, n_steps, 2)
    x_train = torch.tensor(x_train, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.float32)
    return x_train, y_train


def _to(a, ref, dtype=None):
    dtype = ref.dtype if dtype is None else dtype
    return torch.as_tensor(np.asarray(a) if isinstance(a, list) else a).to(ref.device, dtype)


class SequenceRNN(nn.Module):
    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.n_hidden = n_hidden
        self.cell = nn.RNNCell(n_in, n_hidden, nonlinearity='tanh')
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        x = _to(x, self.out.weight)
        batch, T, _ = x.shape
        h = x.new_zeros(batch, self.n_hidden)
        hs = []
        for t in range(T):
            h = self.cell(x[:, t, :], h)
            hs.append(h)
        if T == 0:
            H = x.new_zeros(batch, 0, self.n_hidden)
        else:
            H = torch.stack(hs, dim=1)
        return self.out(H)


def train_model(model, x, y, n_iters=10000, lr=0.01):
    ref = next(model.parameters())
    x, y = _to(x, ref), _to(y, ref)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    mse = nn.MSELoss()
    history = []
    model.train()
    for it in range(n_iters):
        pred = model(x)
        loss = mse(pred, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    return history


def plot_predictions(model, x, y, seq=0):
    model.eval()
    with torch.no_grad():
        pred = model(x)[seq].cpu().numpy()
    truth = torch.as_tensor(np.asarray(y) if isinstance(y, list) else y)[seq].detach().cpu().numpy()
    fig, axs = plt.subplots(1, 2, figsize=(14, 4))
    names = ['y1(t)', 'y2(t)']
    for k in range(2):
        axs[k].plot(truth[:, k], color='tab:blue', label='Groundtruth')
        axs[k].plot(pred[:, k], color='tab:orange', label='Prediction')
        axs[k].set_xlabel('t')
        axs[k].set_ylabel(names[k])
        axs[k].set_title('Prediction vs groundtruth - ' + names[k])
        axs[k].legend()
    return fig
