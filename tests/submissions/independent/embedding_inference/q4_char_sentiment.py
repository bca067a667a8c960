"""Question 4 -- character-level GRU sentiment classifier with an embedding layer."""
import numpy as np
import torch
from torch import nn
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

EMBED_DIM = 16


def vocabulary(strings):
    chars = sorted(set(''.join(strings).lower()))
    return len(chars), {ch: i for i, ch in enumerate(chars)}


def preprocess(strings, char_to_ix, max_length=40):
    ids = []
    for text in strings:
        text = text.lower()
        text = text[:max_length] if len(text) > max_length else text + ' ' * (max_length - len(text))
        ids.append([char_to_ix[ch] for ch in text])
    return torch.tensor(np.array(ids, dtype=np.int64).reshape(len(ids), max_length))


class CharGRUClassifier(nn.Module):
    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, EMBED_DIM)
        self.gru = nn.GRU(EMBED_DIM, n_units, batch_first=True)
        self.dropout = nn.Dropout(drop_rate)
        self.head = nn.Linear(n_units, n_classes)

    def forward(self, x):
        dev = self.embedding.weight.device
        x = torch.as_tensor(np.asarray(x) if isinstance(x, (list, tuple)) else x)
        x = x.to(dev).long()
        _, h_n = self.gru(self.embedding(x))  # h_n: (1, batch, n_units)
        return self.head(self.dropout(h_n[-1]))


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    dev = next(model.parameters()).device
    x = torch.as_tensor(np.asarray(x) if isinstance(x, (list, tuple)) else x).to(dev).long()
    y = torch.as_tensor(np.asarray(y) if isinstance(y, (list, tuple)) else y).to(dev).long()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    history = {"loss": [], "accuracy": []}
    for _ in range(n_epochs):
        model.train()
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        history["loss"].append(loss.item())
        # accuracy measured after the step, without dropout
        model.eval()
        with torch.no_grad():
            acc = (model(x).argmax(dim=1) == y).float().mean().item()
        history["accuracy"].append(acc)
    model.train()
    return history


def plot_history(history):
    fig, (ax_cost, ax_acc) = plt.subplots(1, 2, figsize=(11, 4))
    ax_cost.plot(history["loss"])
    ax_cost.set_title("cost")
    ax_cost.set_xlabel("epochs")
    ax_cost.set_ylabel("cross-entropy")
    ax_acc.plot(history["accuracy"])
    ax_acc.set_title("accuracy")
    ax_acc.set_xlabel("epochs")
    ax_acc.set_ylabel("accuracy")
    return fig


def predict_proba(model, strings, char_to_ix):
    x = preprocess(strings, char_to_ix, MAX_LENGTH)
    model.eval()  # left in eval mode
    with torch.inference_mode():
        return torch.softmax(model(x), dim=1).cpu()
