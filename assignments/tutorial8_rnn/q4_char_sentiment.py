# Student skeleton, generated from the reference solution: replace each
# `raise NotImplementedError(...)` with your code, and change nothing else.
# %% [markdown]
# # Question 4: a character-level GRU sentiment classifier
#
# Sentences become sequences of character ids (lower-cased, padded with spaces or cut to 40
# characters). One GRU layer of 10 units, dropout 0.7 on its output and a linear layer give
# the logits of NEGATIVE (0) and POSITIVE (1).
#
# Note: the tutorial's printout reads column 1 as "negative", which contradicts its own
# targets (0 = negative). Here column NEGATIVE = 0 comes first, then POSITIVE = 1.
#
# Shapes: N sentences (batch), L = max_length characters, V vocabulary size, U = 10 units,
# C = 2 classes.

# %%
"""Question 4: character ids, a GRU sentiment classifier, its training loop and probabilities."""
import matplotlib.pyplot as plt
import torch
from torch import nn

DATA = [
    "I did not like the movie",
    "The movie was not good",
    "I watched the movie with great interest",
    "I have seen better movies",
    "Good to see that movie",
    "I am not a fan of movies",
    "I liked the movie great",
    "The movie was of interest to me",
    "I thought they could show interesting scenes",
    "The movie did not have good scenes",
    "Family did not like the movie at all",
]
TARGETS = [0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0]
TEST_DATA = ["The movie was not interesting to me", "I liked the movie with great interest"]
NEGATIVE, POSITIVE = 0, 1
MAX_LENGTH, N_UNITS, DROP_RATE, LR = 40, 10, 0.7, 0.001


# %%
def vocabulary(strings):
    """The sorted set of lower-cased characters of `strings`.

    Returns:
        vocab_size: int, the number of distinct characters.
        char_to_ix: dict, character -> id, ids 0..vocab_size-1 in sorted order.
    """
    # TODO: sort the set of lower-cased characters; number them in that order.
    raise NotImplementedError('vocabulary: not implemented yet (sort the set of lower-cased characters; number them in that order.)')


# %%
def preprocess(strings, char_to_ix, max_length=MAX_LENGTH):
    """Character ids of each string: lower-cased, cut to max_length, right-padded with spaces.

    A character missing from char_to_ix raises KeyError.

    Returns:
        torch.LongTensor (N, max_length)
    """
    # TODO: lower-case, truncate, pad on the right with ' ', map every character with char_to_ix.
    raise NotImplementedError("preprocess: not implemented yet (lower-case, truncate, pad on the right with ' ', map every character with char_to_ix.)")


# %%
class CharGRUClassifier(nn.Module):
    """One-hot characters -> one GRU layer -> dropout (train mode only) -> linear logits.

    forward: ids (N, L) -> logits (N, n_classes)
    """

    def __init__(self, vocab_size, n_units=N_UNITS, n_classes=2, drop_rate=DROP_RATE):
        super().__init__()
        # TODO: a GRU layer of n_units over one-hot (or embedded) characters, dropout, a linear layer.
        raise NotImplementedError('__init__: not implemented yet (a GRU layer of n_units over one-hot (or embedded) characters, dropout, a linear layer.)')

    def forward(self, x):
        # TODO: encode the ids, run the GRU, drop out its last output, return the logits (N, n_classes).
        raise NotImplementedError('forward: not implemented yet (encode the ids, run the GRU, drop out its last output, return the logits (N, n_classes).)')


# %%
def train_model(model, x, y, n_epochs=1000, lr=LR):
    """Adam on the cross-entropy of the logits, full batch, on the model's device.

    Returns:
        {"loss": [...], "accuracy": [...]}: one entry per epoch, accuracy in [0, 1].
    """
    # TODO: Adam; each epoch: zero the gradients, cross-entropy of the logits, backward, step; record both.
    raise NotImplementedError('train_model: not implemented yet (Adam; each epoch: zero the gradients, cross-entropy of the logits, backward, step; record both.)')


# %%
def plot_history(history):
    """A Figure of the cost and the accuracy against epochs, labelled."""
    # TODO: two axes: cost against epochs, accuracy against epochs; labels on both.
    raise NotImplementedError('plot_history: not implemented yet (two axes: cost against epochs, accuracy against epochs; labels on both.)')


# %%
def predict_proba(model, strings, char_to_ix):
    """Class probabilities (N, 2) in eval mode: column NEGATIVE, then POSITIVE; rows sum to 1.

    Column NEGATIVE = 0 comes first, as the targets define it. (The tutorial's printout reads
    its column 1 as "negative"; that contradicts its own targets, and NEGATIVE = 0 stands.)
    """
    # TODO: preprocess, eval mode without gradients, softmax over the classes, restore the mode.
    raise NotImplementedError('predict_proba: not implemented yet (preprocess, eval mode without gradients, softmax over the classes, restore the mode.)')


# %%
if __name__ == "__main__":
    torch.manual_seed(0)
    size, char_to_ix = vocabulary(DATA + TEST_DATA)
    classifier = CharGRUClassifier(size)
    history = train_model(classifier, preprocess(DATA, char_to_ix), torch.tensor(TARGETS))
    plot_history(history).savefig("q4_history.png")
    print(predict_proba(classifier, TEST_DATA, char_to_ix))
