"""A correct Q3 in another style: an nn.LSTMCell stepped by hand, in-place losses list."""
import matplotlib.pyplot as plt
import torch
from torch import nn

X_TRAIN = [[1, 2, 5, 6], [5, 7, 7, 8], [3, 4, 5, 7]]
Y_TRAIN = [[1, 3, 7, 11], [5, 12, 14, 15], [3, 7, 9, 12]]
X_TEST = [[1, 2, 3, 4], [4, 5, 6, 7]]
N_UNITS, LR = 10, 0.001


class LSTMMapper(nn.Module):
    def __init__(self, n_units=10):
        super().__init__()
        self.cell = nn.LSTMCell(1, n_units)
        self.out = nn.Linear(n_units, 1)

    def forward(self, x):
        batch, steps, _ = x.shape
        h = x.new_zeros(batch, self.cell.hidden_size)
        c = x.new_zeros(batch, self.cell.hidden_size)
        ys = []
        for t in range(steps):
            h, c = self.cell(x[:, t], (h, c))
            ys.append(self.out(h)[:, 0])
        return torch.stack(ys, dim=1)


def train_model(model, x, y, n_epochs=5000, lr=0.001):
    device = next(model.parameters()).device
    x = torch.as_tensor(x, dtype=torch.float32, device=device)
    y = torch.as_tensor(y, dtype=torch.float32, device=device)
    optimizer = torch.optim.Adam(model.parameters(), lr)
    criterion = nn.MSELoss()
    losses = []
    for epoch in range(n_epochs):
        model.zero_grad()
        loss = criterion(y, model(x))
        loss.backward()
        optimizer.step()
        losses.append(loss.detach().item())
    return losses


def plot_learning_curve(losses):
    fig, ax = plt.subplots()
    ax.semilogy(losses)
    ax.set(xlabel="epochs", ylabel="loss")
    return fig


def predict(model, x):
    mode = model.training
    model.train(False)
    with torch.no_grad():
        out = model(torch.as_tensor(x, dtype=torch.float32).to(next(model.parameters()).device))
    if mode:
        model.train()
    return out
