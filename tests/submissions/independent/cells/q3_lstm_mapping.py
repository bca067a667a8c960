"""Q3 - LSTM sequence mapper built on nn.LSTMCell."""
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS = 10
LR = 0.001


def _to(a, ref):
    if isinstance(a, list):
        a = np.asarray(a, dtype=np.float32)
    return torch.as_tensor(a).to(ref.device, ref.dtype)


class LSTMMapper(nn.Module):
    def __init__(self, n_units=10):
        super().__init__()
        self.n_units = n_units
        self.cell = nn.LSTMCell(1, n_units)
        self.readout = nn.Linear(n_units, 1)

    def forward(self, x):
        x = _to(x, self.readout.weight)
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        batch, T, _ = x.shape
        h = x.new_zeros(batch, self.n_units)
        c = x.new_zeros(batch, self.n_units)
        outs = []
        for t in range(T):
            h, c = self.cell(x[:, t, :], (h, c))
            outs.append(self.readout(h).squeeze(-1))
        if not outs:
            return x.new_zeros(batch, 0)
        return torch.stack(outs, dim=1)


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    ref = next(model.parameters())
    x, y = _to(x, ref), _to(y, ref)
    if x.dim() == 2:
        x = x.unsqueeze(-1)
    y = y.reshape(x.shape[0], x.shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    model.train()
    for epoch in range(n_epochs):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def plot_learning_curve(losses):
    fig = plt.figure(figsize=(7, 4))
    ax = fig.add_subplot(111)
    ax.plot(range(len(losses)), losses, label='training loss')
    ax.set_xlabel('Epoch')
    ax.set_ylabel('Mean squared error')
    ax.set_title('Learning curve (lr = 0.001)')
    ax.legend()
    return fig


def predict(model, x):
    model.eval()
    with torch.no_grad():
        return model(x).cpu()
