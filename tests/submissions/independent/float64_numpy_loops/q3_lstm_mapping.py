"""Tutorial 8, Question 3: an LSTM sequence mapper (float64 model)."""
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS = 10
LR = 0.001


def _as_model_tensor(a, model):
    p = next(model.parameters())
    if isinstance(a, torch.Tensor):
        return a.detach().to(device=p.device, dtype=p.dtype)
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=p.dtype, device=p.device)


class LSTMMapper(nn.Module):
    """One LSTM layer + linear read-out: (batch, T, 1) -> (batch, T)."""

    def __init__(self, n_units=10):
        super().__init__()
        self.n_units = n_units
        self.lstm = nn.LSTM(input_size=1, hidden_size=n_units, batch_first=True)
        self.linear = nn.Linear(n_units, 1)
        self.double()

    def forward(self, x):
        x = _as_model_tensor(x, self)
        if x.dim() == 2:  # (batch, T) -> (batch, T, 1)
            x = x.unsqueeze(-1)
        out, _ = self.lstm(x)
        return self.linear(out).squeeze(-1)


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    """Adam on the MSE over the whole batch; returns the loss of each epoch."""
    x = _as_model_tensor(x, model)
    y = _as_model_tensor(y, model)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    model.train()
    losses = []
    for _ in range(n_epochs):
        optimizer.zero_grad()
        pred = model(x)
        loss = criterion(pred, y.reshape(pred.shape))
        loss.backward()
        optimizer.step()
        losses.append(float(loss.item()))
    return losses


def plot_learning_curve(losses):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(np.arange(1, len(losses) + 1), list(losses))
    ax.set_xlabel("epoch")
    ax.set_ylabel("MSE loss")
    ax.set_title("LSTM learning curve")
    return fig


def predict(model, x):
    """Outputs (batch, T) computed in eval mode without gradients."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out.detach().cpu()
