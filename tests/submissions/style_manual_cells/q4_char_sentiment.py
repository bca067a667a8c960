"""A correct Q4 in another style: an embedding, an nn.GRUCell loop, functional dropout."""
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

DATA = [
    "I did not like the movie", "The movie was not good", "I watched the movie with great interest",
    "I have seen better movies", "Good to see that movie", "I am not a fan of movies",
    "I liked the movie great", "The movie was of interest to me",
    "I thought they could show interesting scenes", "The movie did not have good scenes",
    "Family did not like the movie at all",
]
TARGETS = [0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0]
TEST_DATA = ["The movie was not interesting to me", "I liked the movie with great interest"]
NEGATIVE, POSITIVE, MAX_LENGTH, N_UNITS, DROP_RATE, LR = 0, 1, 40, 10, 0.7, 0.001


def vocabulary(strings):
    chars = sorted(list(set(list("".join(strings).lower()))))
    char_to_ix = {ch: i for i, ch in enumerate(chars)}
    return len(chars), char_to_ix


def preprocess(strings, char_to_ix, max_length=40):
    ids = torch.zeros((len(strings), max_length), dtype=torch.long)
    for i, s in enumerate(strings):
        chars = list(s.lower())
        if len(chars) > max_length:
            chars = chars[:max_length]
        chars += [" "] * (max_length - len(chars))
        for j, ch in enumerate(chars):
            ids[i, j] = char_to_ix[ch]
    return ids


class CharGRUClassifier(nn.Module):
    def __init__(self, vocab_size, n_units=10, n_classes=2, drop_rate=0.7):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 16)
        self.cell = nn.GRUCell(16, n_units)
        self.fc = nn.Linear(n_units, n_classes)
        self.drop_rate = drop_rate

    def forward(self, x):
        e = self.embed(x)
        h = e.new_zeros(x.shape[0], self.cell.hidden_size)
        for t in range(x.shape[1]):
            h = self.cell(e[:, t], h)
        return self.fc(F.dropout(h, self.drop_rate, training=self.training))


def train_model(model, x, y, n_epochs=1000, lr=0.001):
    device = next(model.parameters()).device
    x, y = torch.as_tensor(x).to(device), torch.as_tensor(y).long().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    hist = {"loss": [], "accuracy": []}
    for _ in range(n_epochs):
        model.train()
        opt.zero_grad(set_to_none=True)
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        opt.step()
        hist["loss"].append(loss.item())
        hist["accuracy"].append((logits.argmax(-1) == y).sum().item() / len(y))
    return hist


def plot_history(history):
    fig, ax = plt.subplots()
    ax.plot(history["loss"], label="cost")
    ax.plot(history["accuracy"], label="accuracy")
    ax.set_xlabel("epoch")
    ax.legend()
    return fig


def predict_proba(model, strings, char_to_ix):
    model.eval()
    with torch.no_grad():
        probs = F.softmax(model(preprocess(strings, char_to_ix).to(next(model.parameters()).device)), dim=-1)
    model.train()
    return probs
