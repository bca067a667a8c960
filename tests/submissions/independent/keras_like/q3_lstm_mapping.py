"""Q3: LSTM sequence mapper with a fit()-style helper and a time-major LSTM."""
import numpy as np
import torch
import torch.nn as nn
import matplotlib.pyplot as plt

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS = 10
LR = 0.001


def _as_float_tensor(a):
    if isinstance(a, torch.Tensor):
        return a.detach()
    return torch.as_tensor(np.asarray(a, dtype=np.float32))


class Trainer:
    def __init__(self, model, loss_fn, lr):
        self.model = model
        self.loss_fn = loss_fn
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def _to_device(self, x, y=None):
        param = next(self.model.parameters())
        device = param.device
        x = _as_float_tensor(x).to(device=device, dtype=param.dtype)
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        if y is not None:
            y = _as_float_tensor(y).to(device=device, dtype=param.dtype)
            y = y.reshape(x.shape[0], x.shape[1])
        return x, y

    def fit(self, x, y, epochs):
        x, y = self._to_device(x, y)
        history = []
        self.model.train()
        for _ in range(epochs):
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(x), y)
            loss.backward()
            self.optimizer.step()
            history.append(float(loss.item()))
        return history

    def predict(self, x):
        x, _ = self._to_device(x)
        self.model.eval()
        with torch.no_grad():
            return self.model(x)


class LSTMMapper(nn.Module):
    def __init__(self, n_units=10):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=n_units)  # batch_first=False
        self.dense = nn.Linear(n_units, 1)

    def forward(self, x):
        param = next(self.parameters())
        x = _as_float_tensor(x).to(device=param.device, dtype=param.dtype)
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out_tm, _ = self.lstm(x.transpose(0, 1))     # (T, batch, n_units)
        y_tm = self.dense(out_tm).squeeze(-1)         # (T, batch)
        return y_tm.transpose(0, 1)                   # (batch, T)


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    return Trainer(model, nn.MSELoss(), lr).fit(x, y, n_epochs)


def plot_learning_curve(losses):
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(np.arange(1, len(losses) + 1), np.asarray(losses, dtype=float), label='train')
    ax.set_xlabel('Epochs')
    ax.set_ylabel('MSE')
    ax.set_title('Learning curve, lr = %g' % LR)
    ax.legend()
    return fig


def predict(model, x):
    return Trainer(model, nn.MSELoss(), LR).predict(x)
