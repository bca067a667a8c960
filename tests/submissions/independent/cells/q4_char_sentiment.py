"""Q4 - character GRU sentiment classifier with nn.GRUCell and one-hot characters."""
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
    chars = sorted(list(set(list(''.join(strings).lower()))))
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    vocab_size = len(chars)
    return vocab_size, char_to_ix


def preprocess(strings, char_to_ix, max_length=40):
    rows = []
    for s in strings:
        s = s.lower()[:max_length].ljust(max_length, ' ')
        rows.append([char_to_ix[ch] for ch in s])
    if not rows:
        return torch.zeros((0, max_length), dtype=torch.long)
    return torch.tensor(rows, dtype=torch.long)


class CharGRUClassifier(nn.Module):
    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.vocab_size = vocab_size
        self.n_units = n_units
        self.cell = nn.GRUCell(vocab_size, n_units)
        self.drop = nn.Dropout(p=drop_rate)
        self.classifier = nn.Linear(n_units, n_classes)

    def forward(self, x):
        w = self.classifier.weight
        x = torch.as_tensor(np.asarray(x) if isinstance(x, list) else x).to(w.device).long()
        onehot = F.one_hot(x, num_classes=self.vocab_size).to(w.dtype)
        h = onehot.new_zeros(x.shape[0], self.n_units)
        for t in range(x.shape[1]):
            h = self.cell(onehot[:, t], h)
        return self.classifier(self.drop(h))


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    dev = next(model.parameters()).device
    x = torch.as_tensor(np.asarray(x) if isinstance(x, list) else x).to(dev).long()
    y = torch.as_tensor(np.asarray(y) if isinstance(y, list) else y).to(dev).long()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    hist = {'loss': [], 'accuracy': []}
    for epoch in range(n_epochs):
        model.train()
        logits = model(x)
        loss = loss_fn(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        hist['loss'].append(loss.item())
        hist['accuracy'].append((logits.argmax(1) == y).float().mean().item())
    return hist


def plot_history(history):
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(history['loss'], color='tab:red', label='cost')
    ax.set_xlabel('epochs')
    ax.set_ylabel('cost')
    ax2 = ax.twinx()
    ax2.plot(history['accuracy'], color='tab:blue', label='accuracy')
    ax2.set_ylabel('accuracy')
    ax2.set_ylim(0, 1.05)
    lines = ax.get_lines() + ax2.get_lines()
    ax.legend(lines, [l.get_label() for l in lines], loc='center right')
    ax.set_title('Cost and accuracy against epochs')
    return fig


def predict_proba(model, strings, char_to_ix):
    x = preprocess(strings, char_to_ix, MAX_LENGTH)
    model.eval()
    with torch.no_grad():
        logits = model(x)
    return F.softmax(logits, dim=1).cpu()
