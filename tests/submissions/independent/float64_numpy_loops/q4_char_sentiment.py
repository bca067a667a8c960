"""Tutorial 8, Question 4: character-level GRU sentiment classifier (float64 model)."""
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
    chars = sorted(set(''.join(strings).lower()))
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    return len(chars), char_to_ix


def preprocess(strings, char_to_ix, max_length=40):
    if isinstance(strings, str):
        strings = [strings]
    strings = [str(s) for s in strings]
    ids = np.zeros((len(strings), max_length), dtype=np.int64)
    for i, s in enumerate(strings):
        chars = list(s.lower())[:max_length]
        chars += [' '] * (max_length - len(chars))
        for j, ch in enumerate(chars):
            ids[i, j] = char_to_ix[ch]  # KeyError for unknown characters
    return torch.tensor(ids, dtype=torch.long)


class CharGRUClassifier(nn.Module):
    """One-hot characters -> GRU -> dropout -> linear logits (float64)."""

    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.vocab_size = vocab_size
        self.n_units = n_units
        self.gru = nn.GRU(vocab_size, n_units, batch_first=True)
        self.dropout = nn.Dropout(drop_rate)
        self.fc = nn.Linear(n_units, n_classes)
        self.double()

    def forward(self, x):
        p = next(self.parameters())
        x = torch.as_tensor(x).to(device=p.device, dtype=torch.long)
        onehot = torch.nn.functional.one_hot(x, self.vocab_size).to(p.dtype)
        out, _ = self.gru(onehot)
        last = self.dropout(out[:, -1, :])
        return self.fc(last)


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    device = next(model.parameters()).device
    x = torch.as_tensor(x).to(device=device, dtype=torch.long)
    y = torch.as_tensor(y).to(device=device, dtype=torch.long)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    history = {"loss": [], "accuracy": []}
    model.train()
    for _ in range(n_epochs):
        optimizer.zero_grad()
        logits = model(x)
        loss = criterion(logits, y)
        loss.backward()
        optimizer.step()
        acc = (logits.argmax(dim=1) == y).double().mean().item()
        history["loss"].append(float(loss.item()))
        history["accuracy"].append(float(acc))
    return history


def plot_history(history):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))
    epochs = np.arange(1, len(history["loss"]) + 1)
    ax1.plot(epochs, history["loss"])
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("cross-entropy cost")
    ax1.set_title("Training cost")
    ax2.plot(epochs, history["accuracy"])
    ax2.set_xlabel("epoch")
    ax2.set_ylabel("accuracy")
    ax2.set_title("Training accuracy")
    fig.tight_layout()
    return fig


def predict_proba(model, strings, char_to_ix):
    ids = preprocess(strings, char_to_ix, MAX_LENGTH)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(ids), dim=1)
    model.train(was_training)
    return probs.cpu()
