import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import matplotlib.pyplot as plt

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS = 10
LR = 0.001


def _to_tensor(a, ref):
    if isinstance(a, torch.Tensor):
        return a.detach().to(ref.device, ref.dtype)
    return torch.tensor(np.asarray(a, dtype=np.float64), device=ref.device, dtype=ref.dtype)


class LSTMMapper(nn.Module):
    def __init__(self, n_units=10):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=n_units, batch_first=True)
        bound = 1.0 / math.sqrt(n_units)
        self.w = nn.Parameter(torch.empty(1, n_units).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.empty(1).uniform_(-bound, bound))

    def forward(self, x):
        x = _to_tensor(x, self.w)
        if x.dim() == 2:
            x = x.unsqueeze(2)
        h, _ = self.lstm(x)
        return F.linear(h, self.w, self.b).squeeze(2)


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    ref = next(model.parameters())
    x = _to_tensor(x, ref)
    y = _to_tensor(y, ref)
    if x.dim() == 2:
        x = x.unsqueeze(2)
    y = y.reshape(x.shape[0], x.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _ in range(n_epochs):
        opt.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def plot_learning_curve(losses):
    losses = [float(v) for v in losses]
    fig, ax = plt.subplots()
    ax.plot(range(1, len(losses) + 1), losses)
    ax.set_xlabel('Epoch')
    ax.set_ylabel('Loss (MSE)')
    ax.set_title('Learning curve')
    return fig


def predict(model, x):
    model.eval()
    with torch.no_grad():
        out = model(x)
    return out.detach().cpu()
