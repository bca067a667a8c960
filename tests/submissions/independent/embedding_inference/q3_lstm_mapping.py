"""Question 3 -- LSTM layer with 10 units mapping x(t) to x(t) + x(t-1)."""
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS = 10
LR = 0.001


def _prepare(t, like):
    t = torch.as_tensor(np.asarray(t) if isinstance(t, (list, tuple)) else t)
    return t.to(device=like.device, dtype=like.dtype)


class LSTMMapper(nn.Module):
    def __init__(self, n_units=10):
        super().__init__()
        self.lstm = nn.LSTM(1, n_units, num_layers=1, batch_first=True)
        self.fc = nn.Linear(n_units, 1)

    def forward(self, x):
        x = _prepare(x, self.fc.weight)
        if x.ndim == 2:
            x = x[..., None]
        seq, _ = self.lstm(x)
        return self.fc(seq)[..., 0]


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    p = next(model.parameters())
    x, y = _prepare(x, p), _prepare(y, p)
    if x.ndim == 2:
        x = x[..., None]
    if y.ndim == 3:
        y = y[..., 0]
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    losses = []
    model.train()
    for _ in range(n_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def plot_learning_curve(losses):
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(np.arange(len(losses)), losses)
    ax.set_xlabel('epochs')
    ax.set_ylabel('mean square error')
    ax.set_title('Learning curve')
    return fig


def predict(model, x):
    model.eval()  # stays in eval mode afterwards
    with torch.inference_mode():
        return model(x).cpu()
