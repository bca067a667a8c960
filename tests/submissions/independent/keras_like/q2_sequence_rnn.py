"""Q2: Elman RNN sequence map, trained through a small fit()-style helper."""
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
    x_np = np.random.rand(n_seqs, n_steps, N_IN)
    y_np = np.zeros([n_seqs, n_steps, N_OUT])
    y_np[:, 1:, 0] = 5 * x_np[:, 1:, 0] - 0.2 * x_np[:, :-1, 2]
    y_np[:, 3:, 1] = 25 * x_np[:, 2:-1, 1] * x_np[:, :-3, 2]
    y_np += noise * np.random.randn(n_seqs, n_steps, N_OUT)
    return torch.tensor(x_np, dtype=torch.float32), torch.tensor(y_np, dtype=torch.float32)


def _as_float_tensor(a):
    if isinstance(a, torch.Tensor):
        return a.detach()
    return torch.as_tensor(np.asarray(a, dtype=np.float32))


class Trainer:
    """Keras-like fit/evaluate loop: full-batch Adam on one loss."""

    def __init__(self, model, loss_fn, lr):
        self.model = model
        self.loss_fn = loss_fn
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def _to_device(self, x, y):
        param = next(self.model.parameters())
        device = param.device
        x = _as_float_tensor(x).to(device=device, dtype=param.dtype)
        y = _as_float_tensor(y).to(device=device, dtype=param.dtype)
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

    def evaluate(self, x, y):
        x, y = self._to_device(x, y)
        self.model.eval()
        with torch.no_grad():
            return float(self.loss_fn(self.model(x), y).item())


class SequenceRNN(nn.Module):
    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.n_hidden = n_hidden
        self.rnn = nn.RNN(n_in, n_hidden, batch_first=False)  # time-major inside
        self.dense = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        device = next(self.parameters()).device
        dtype = next(self.parameters()).dtype
        x = _as_float_tensor(x).to(device=device, dtype=dtype)
        x_tm = x.transpose(0, 1)  # (T, batch, n_in)
        h0 = torch.zeros(1, x_tm.shape[1], self.n_hidden, device=device, dtype=dtype)
        out_tm, _ = self.rnn(x_tm, h0)
        return self.dense(out_tm).transpose(0, 1)  # back to (batch, T, n_out)


def train_model(model, x, y, n_iters=10000, lr=0.01):
    trainer = Trainer(model, nn.MSELoss(), lr)
    return trainer.fit(x, y, n_iters)


def plot_predictions(model, x, y, seq=0):
    device = next(model.parameters()).device
    x = _as_float_tensor(x).to(device)
    with torch.no_grad():
        pred = model(x)[seq].cpu().numpy()
    truth = _as_float_tensor(y)[seq].cpu().numpy()
    fig, axes = plt.subplots(2, 1, figsize=(10, 6))
    for k in range(2):
        axes[k].plot(truth[:, k], label='Groundtruth')
        axes[k].plot(pred[:, k], label='Prediction')
        axes[k].set_xlabel('Time step')
        axes[k].set_ylabel('y%d' % (k + 1))
        axes[k].set_title('Prediction vs groundtruth - y%d(t)' % (k + 1))
        axes[k].legend()
    fig.tight_layout()
    return fig
