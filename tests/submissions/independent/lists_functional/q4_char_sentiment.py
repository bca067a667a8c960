import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import matplotlib.pyplot as plt

DATA = ['I did not like the movie',
        'The movie was not good',
        'I watched the movie with great interest',
        'I have seen better movies',
        'Good to see that movie',
        'I am not a fan of movies',
        'I liked the movie great',
        'The movie was of interest to me',
        'I thought they could show interesting scenes',
        'The movie did not have good scenes',
        'Family did not like the movie at all']
TARGETS = [0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0]
TEST_DATA = ['The movie was not interesting to me',
             'I liked the movie with great interest']
NEGATIVE = 0
POSITIVE = 1
MAX_LENGTH = 40
N_UNITS = 10
DROP_RATE = 0.7
LR = 0.001


def _strings(strings):
    if isinstance(strings, str):
        return [strings]
    return [str(s) for s in list(strings)]


def vocabulary(strings):
    strings = _strings(strings)
    chars = sorted(set(''.join(strings).lower()))
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    return len(chars), char_to_ix


def preprocess(strings, char_to_ix, max_length=40):
    strings = _strings(strings)
    padded = [s.lower()[:max_length].ljust(max_length) for s in strings]
    ids = [[char_to_ix[ch] for ch in s] for s in padded]
    return torch.tensor(ids, dtype=torch.long).reshape(len(padded), max_length)


def _to_long(a, device):
    if isinstance(a, torch.Tensor):
        return a.detach().to(device=device, dtype=torch.long)
    return torch.tensor(np.asarray(a, dtype=np.int64), device=device)


class CharGRUClassifier(nn.Module):
    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.vocab_size = vocab_size
        self.drop_rate = drop_rate
        self.gru = nn.GRU(vocab_size, n_units, batch_first=True)
        bound = 1.0 / math.sqrt(n_units)
        self.w = nn.Parameter(torch.empty(n_classes, n_units).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.empty(n_classes).uniform_(-bound, bound))

    def forward(self, x):
        x = _to_long(x, self.w.device)
        inputs = F.one_hot(x, num_classes=self.vocab_size).to(self.w.dtype)
        out, _ = self.gru(inputs)
        out = F.dropout(out, p=self.drop_rate, training=self.training)  # dropout on the GRU output
        return F.linear(out[:, -1], self.w, self.b)


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    device = next(model.parameters()).device
    x = _to_long(x, device)
    y = _to_long(y, device).reshape(-1)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = {"loss": [], "accuracy": []}
    model.train()
    for _ in range(n_epochs):
        opt.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        history["loss"].append(loss.item())
        history["accuracy"].append((logits.detach().argmax(1) == y).float().mean().item())
    return history


def plot_history(history):
    loss = list(history["loss"])
    acc = list(history["accuracy"])
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    axes[0].plot(range(1, len(loss) + 1), loss)
    axes[0].set_xlabel("Epochs")
    axes[0].set_ylabel("Cost")
    axes[0].set_title("Cost vs epochs")
    axes[1].plot(range(1, len(acc) + 1), acc)
    axes[1].set_xlabel("Epochs")
    axes[1].set_ylabel("Accuracy")
    axes[1].set_title("Accuracy vs epochs")
    fig.tight_layout()
    return fig


def predict_proba(model, strings, char_to_ix):
    x = preprocess(strings, char_to_ix, MAX_LENGTH)
    model.eval()
    with torch.no_grad():
        logits = model(x)
    return F.softmax(logits, dim=1).cpu()
