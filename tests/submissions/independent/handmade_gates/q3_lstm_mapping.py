# Question 3: LSTM written out gate by gate with stacked weight matrices.
import math

import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS = 10
LR = 0.001


def _tensor(data, like):
    if not isinstance(data, torch.Tensor):
        data = torch.tensor(np.asarray(data, dtype=np.float64))
    return data.detach().to(device=like.device, dtype=like.dtype)


class LSTMMapper(nn.Module):
    def __init__(self, n_units=10):
        super().__init__()
        self.n_units = n_units
        k = 1.0 / math.sqrt(n_units)
        # gate order: input, forget, cell candidate, output
        self.W_x = nn.Parameter(torch.empty(1, 4 * n_units).uniform_(-k, k))
        self.W_h = nn.Parameter(torch.empty(n_units, 4 * n_units).uniform_(-k, k))
        self.bias = nn.Parameter(torch.empty(4 * n_units).uniform_(-k, k))
        self.w_out = nn.Parameter(torch.empty(n_units, 1).uniform_(-k, k))
        self.b_out = nn.Parameter(torch.empty(1).uniform_(-k, k))

    def forward(self, x):
        x = _tensor(x, self.W_x)
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        batch, steps, _ = x.shape
        H = self.n_units
        h = x.new_zeros(batch, H)
        c = x.new_zeros(batch, H)
        gx = x @ self.W_x + self.bias  # (batch, T, 4H)
        outputs = []
        for t in range(steps):
            g = gx[:, t] + h @ self.W_h
            i = torch.sigmoid(g[:, :H])
            f = torch.sigmoid(g[:, H:2 * H])
            cand = torch.tanh(g[:, 2 * H:3 * H])
            o = torch.sigmoid(g[:, 3 * H:])
            c = f * c + i * cand
            h = o * torch.tanh(c)
            outputs.append(h)
        if not outputs:
            return x.new_zeros(batch, 0)
        hs = torch.stack(outputs, dim=1)  # (batch, T, H)
        return (hs @ self.w_out + self.b_out).squeeze(-1)


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    p = next(model.parameters())
    x = _tensor(x, p)
    y = _tensor(y, p)
    optim = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    model.train()
    for _ in range(n_epochs):
        optim.zero_grad()
        pred = model(x)
        loss = ((pred - y.reshape(pred.shape)) ** 2).mean()
        loss.backward()
        optim.step()
        losses.append(float(loss.detach()))
    return losses


def plot_learning_curve(losses):
    fig, ax = plt.subplots()
    ax.plot(losses, label='MSE')
    ax.set_xlabel('epoch')
    ax.set_ylabel('loss')
    ax.set_yscale('log')
    ax.set_title('Learning curve')
    ax.legend()
    return fig


def predict(model, x):
    prev = model.training
    model.eval()
    try:
        with torch.no_grad():
            y = model(x)
    finally:
        model.train(prev)
    return y.cpu()
