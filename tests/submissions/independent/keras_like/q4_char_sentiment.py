"""Q4: character GRU sentiment classifier, time-major GRU and a fit()-style helper."""
import numpy as np
import torch
import torch.nn as nn
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
    chars = sorted(list(set(''.join(strings).lower())))
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    return len(chars), char_to_ix


def preprocess(strings, char_to_ix, max_length=40):
    data_ids = np.zeros([len(strings), max_length], dtype=np.int64)
    for i, s in enumerate(strings):
        chars = list(s.lower())
        if len(chars) > max_length:
            chars = chars[:max_length]
        chars += [' '] * (max_length - len(chars))
        for j in range(max_length):
            data_ids[i, j] = char_to_ix[chars[j]]
    return torch.tensor(data_ids, dtype=torch.int64)


def _as_long_tensor(a):
    if isinstance(a, torch.Tensor):
        return a.detach().long()
    return torch.as_tensor(np.asarray(a, dtype=np.int64))


class Trainer:
    """fit/evaluate helper: full-batch Adam on cross-entropy, history like Keras."""

    def __init__(self, model, lr):
        self.model = model
        self.loss_fn = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def _device(self):
        return next(self.model.parameters()).device

    def fit(self, x, y, epochs):
        device = self._device()
        x = _as_long_tensor(x).to(device)
        y = _as_long_tensor(y).to(device)
        history = {"loss": [], "accuracy": []}
        for _ in range(epochs):
            self.model.train()
            self.optimizer.zero_grad()
            logits = self.model(x)
            loss = self.loss_fn(logits, y)
            loss.backward()
            self.optimizer.step()
            history["loss"].append(float(loss.item()))
            history["accuracy"].append(float((logits.argmax(dim=1) == y).float().mean().item()))
        return history

    def evaluate(self, x, y):
        device = self._device()
        x = _as_long_tensor(x).to(device)
        y = _as_long_tensor(y).to(device)
        self.model.eval()
        with torch.no_grad():
            logits = self.model(x)
            return float(self.loss_fn(logits, y).item()), float((logits.argmax(1) == y).float().mean().item())

    def predict_proba(self, x):
        x = _as_long_tensor(x).to(self._device())
        self.model.eval()
        with torch.no_grad():
            return torch.softmax(self.model(x), dim=1)


class CharGRUClassifier(nn.Module):
    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.vocab_size = vocab_size
        self.gru = nn.GRU(vocab_size, n_units)  # time-major: (L, batch, vocab)
        self.dropout = nn.Dropout(drop_rate)
        self.dense = nn.Linear(n_units, n_classes)

    def forward(self, x):
        param = next(self.parameters())
        x = _as_long_tensor(x).to(param.device)
        x_tm = x.transpose(0, 1)  # (L, batch)
        onehot = torch.zeros(x_tm.shape[0], x_tm.shape[1], self.vocab_size,
                             device=param.device, dtype=param.dtype)
        onehot.scatter_(2, x_tm.unsqueeze(-1), 1.0)
        out_tm, _ = self.gru(onehot)
        last = self.dropout(out_tm[-1])  # output at the last character
        return self.dense(last)


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    return Trainer(model, lr).fit(x, y, n_epochs)


def plot_history(history):
    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    axes[0].plot(history["loss"], label="cost")
    axes[0].set_xlabel("Epochs")
    axes[0].set_ylabel("Cost")
    axes[0].legend()
    axes[1].plot(history["accuracy"], label="accuracy", color="tab:green")
    axes[1].set_xlabel("Epochs")
    axes[1].set_ylabel("Accuracy")
    axes[1].legend()
    fig.suptitle("Training history")
    return fig


def predict_proba(model, strings, char_to_ix):
    ids = preprocess(strings, char_to_ix, MAX_LENGTH)
    return Trainer(model, LR).predict_proba(ids)
