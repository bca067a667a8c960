"""A correct Q2 in another style: time-major nn.RNN, RandomState, sum/numel loss, zero_grad on the model."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

N_IN, N_HIDDEN, N_OUT, N_STEPS, N_SEQS, N_ITERS, LR, SEED = 3, 5, 2, 100, 8, 10000, 0.01, 10


def generate_data(n_seqs=N_SEQS, n_steps=N_STEPS, seed=SEED, noise=0.1):
    state = np.random.RandomState(seed)
    x = state.rand(n_seqs, n_steps, N_IN)
    eps = state.randn(n_seqs, n_steps, N_OUT)
    y = np.zeros((n_seqs, n_steps, N_OUT))
    y[:, 1:, 0] = 5 * x[:, 1:, 0] - 0.2 * x[:, :-1, 2]
    y[:, 3:, 1] = 25 * x[:, 2:-1, 1] * x[:, :-3, 2]
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y + noise * eps, dtype=torch.float32)


class SequenceRNN(torch.nn.Module):
    def __init__(self, n_in=N_IN, n_hidden=N_HIDDEN, n_out=N_OUT):
        super().__init__()
        self.rnn = torch.nn.RNN(input_size=n_in, hidden_size=n_hidden)
        self.fc = torch.nn.Linear(n_hidden, n_out)

    def forward(self, x):
        h0 = torch.zeros(1, x.size(0), self.rnn.hidden_size, device=x.device)
        out, _ = self.rnn(x.transpose(0, 1), h0)
        return self.fc(out).transpose(0, 1)


def train_model(model, x, y, n_iters=N_ITERS, lr=LR):
    dev = next(model.parameters()).device
    x, y = torch.as_tensor(x, dtype=torch.float32).to(dev), torch.as_tensor(y, dtype=torch.float32).to(dev)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for it in range(n_iters):
        model.zero_grad()
        err = model(x) - y
        loss = (err * err).sum() / err.numel()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def plot_predictions(model, x, y, seq=0):
    model.eval()
    with torch.no_grad():
        p = model(torch.as_tensor(x, dtype=torch.float32).to(next(model.parameters()).device)).cpu()
    fig, axs = plt.subplots(1, 2)
    for k in (0, 1):
        axs[k].plot(torch.as_tensor(y)[seq, :, k], label="truth")
        axs[k].plot(p[seq, :, k], label="prediction")
        axs[k].set_ylabel(f"y{k + 1}")
    fig.legend()
    return fig
