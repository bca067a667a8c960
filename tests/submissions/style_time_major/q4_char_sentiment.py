"""A correct Q4 in another style: one-hot via torch.eye, a time-major GRU, the last output step."""
import matplotlib.pyplot as plt
import numpy as np
import torch
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
    chars = sorted({c for s in strings for c in s.lower()})
    return len(chars), dict(zip(chars, range(len(chars))))


def preprocess(strings, char_to_ix, max_length=MAX_LENGTH):
    rows = []
    for s in strings:
        text = s.lower()[:max_length]
        text = text + " " * (max_length - len(text))
        rows.append([char_to_ix[c] for c in text])
    return torch.from_numpy(np.array(rows, dtype=np.int64).reshape(len(strings), max_length))


class CharGRUClassifier(nn.Module):
    def __init__(self, vocab_size, n_units=N_UNITS, n_classes=2, drop_rate=DROP_RATE):
        super().__init__()
        self.register_buffer("eye", torch.eye(vocab_size))
        self.gru = nn.GRU(vocab_size, n_units)
        self.drop = nn.Dropout(p=drop_rate)
        self.head = nn.Linear(n_units, n_classes)

    def forward(self, x):
        onehot = self.eye[x].transpose(0, 1)  # (L, N, V)
        out, _ = self.gru(onehot)
        return self.head(self.drop(out[-1]))


def train_model(model, x, y, n_epochs=1000, lr=LR):
    device = next(model.parameters()).device
    x, y = torch.as_tensor(x).to(device), torch.as_tensor(y).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    losses, accuracies = [], []
    for epoch in range(n_epochs):
        optimizer.zero_grad()
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        accuracies.append(float((out.argmax(1) == y).float().mean()))
    return {"loss": losses, "accuracy": accuracies}


def plot_history(history):
    fig, ax1 = plt.subplots()
    ax1.plot(np.arange(1, len(history["loss"]) + 1), history["loss"], "r", label="cost")
    ax1.set_xlabel("epochs")
    ax1.set_ylabel("cost")
    ax2 = ax1.twinx()
    ax2.plot(np.arange(1, len(history["accuracy"]) + 1), history["accuracy"], "b", label="accuracy")
    ax2.set_ylabel("accuracy")
    return fig


def predict_proba(model, strings, char_to_ix):
    model.eval()
    with torch.no_grad():
        logits = model(preprocess(strings, char_to_ix).to(next(model.parameters()).device))
    return torch.softmax(logits, dim=1)
