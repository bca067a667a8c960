# Question 4: a character-level GRU written from scratch (one-hot characters).
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


def vocabulary(strings):
    chars = set()
    for s in strings:
        chars.update(s.lower())
    chars = sorted(chars)
    return len(chars), {ch: i for i, ch in enumerate(chars)}


def preprocess(strings, char_to_ix, max_length=40):
    out = torch.zeros(len(strings), max_length, dtype=torch.long)
    for i, s in enumerate(strings):
        s = s.lower()
        s = s[:max_length]
        s = s + ' ' * (max_length - len(s))
        for j, ch in enumerate(s):
            out[i, j] = char_to_ix[ch]
    return out


def _uniform(shape, k):
    return nn.Parameter(torch.empty(*shape).uniform_(-k, k))


class CharGRUClassifier(nn.Module):
    """GRU with one weight matrix per gate; r = reset, z = update, n = candidate."""

    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.vocab_size = vocab_size
        self.n_units = n_units
        self.drop_rate = drop_rate
        k = 1.0 / math.sqrt(n_units)
        self.W_r = _uniform((vocab_size, n_units), k)
        self.W_z = _uniform((vocab_size, n_units), k)
        self.W_n = _uniform((vocab_size, n_units), k)
        self.U_r = _uniform((n_units, n_units), k)
        self.U_z = _uniform((n_units, n_units), k)
        self.U_n = _uniform((n_units, n_units), k)
        self.b_r = _uniform((n_units,), k)
        self.b_z = _uniform((n_units,), k)
        self.b_in = _uniform((n_units,), k)
        self.b_hn = _uniform((n_units,), k)
        self.W_out = _uniform((n_units, n_classes), k)
        self.b_out = _uniform((n_classes,), k)

    def forward(self, x):
        dev = self.W_r.device
        if not isinstance(x, torch.Tensor):
            x = torch.as_tensor(np.asarray(x))
        x = x.to(dev).long()
        onehot = F.one_hot(x, self.vocab_size).to(self.W_r.dtype)  # (B, L, V)
        # input projections for all steps
        xr = onehot @ self.W_r + self.b_r
        xz = onehot @ self.W_z + self.b_z
        xn = onehot @ self.W_n + self.b_in
        h = onehot.new_zeros(x.shape[0], self.n_units)
        for t in range(x.shape[1]):
            r = torch.sigmoid(xr[:, t] + h @ self.U_r)
            z = torch.sigmoid(xz[:, t] + h @ self.U_z)
            n = torch.tanh(xn[:, t] + r * (h @ self.U_n + self.b_hn))
            h = (1 - z) * n + z * h
        h = F.dropout(h, p=self.drop_rate, training=self.training)
        return h @ self.W_out + self.b_out


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    dev = next(model.parameters()).device
    if not isinstance(x, torch.Tensor):
        x = torch.as_tensor(np.asarray(x))
    if not isinstance(y, torch.Tensor):
        y = torch.as_tensor(np.asarray(y))
    x = x.to(dev).long()
    y = y.to(dev).long()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = {'loss': [], 'accuracy': []}
    model.train()
    for _ in range(n_epochs):
        opt.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        with torch.no_grad():
            correct = (logits.argmax(dim=-1) == y).sum().item()
        history['loss'].append(float(loss.item()))
        history['accuracy'].append(correct / max(len(y), 1))
    return history


def plot_history(history):
    fig, axes = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    axes[0].plot(history['loss'], 'r')
    axes[0].set_ylabel('cost (cross-entropy)')
    axes[0].set_title('Training history')
    axes[1].plot(history['accuracy'], 'g')
    axes[1].set_ylabel('accuracy')
    axes[1].set_xlabel('epochs')
    return fig


def predict_proba(model, strings, char_to_ix):
    ids = preprocess(strings, char_to_ix, MAX_LENGTH)
    was = model.training
    model.eval()
    with torch.no_grad():
        p = F.softmax(model(ids), dim=1)
    model.train(was)
    return p.cpu()
