"""Q4 knowledge: preprocessing and probability mistakes, as computations on the same inputs."""
import numpy as np
import torch
from torch import nn

from autograder.graders.tutorial8_rnn.hidden import loops
from autograder.judge.misconceptions import Misconception, candidates

PREPROCESS_MISTAKES = [
    Misconception("padding on the left instead of the right",
                  lambda strings, ix, n: _ids([s.lower()[:n].rjust(n) for s in strings], ix)),
    Misconception("keeping the last max_length characters instead of the first",
                  lambda strings, ix, n: _ids([s.lower()[-n:].ljust(n) for s in strings], ix)),
]


def _ids(texts, char_to_ix):
    return np.array([[char_to_ix[ch] for ch in text] for text in texts]).reshape(len(texts), -1)


PROBABILITY_MISTAKES = [
    Misconception("swapping the columns (POSITIVE first)", lambda logits: torch.softmax(logits, 1).flip(1)),
    Misconception("returning the logits instead of probabilities", lambda logits: logits),
    Misconception("returning log-probabilities", lambda logits: torch.log_softmax(logits, 1)),
    Misconception("a softmax over the sentences (dim=0) instead of the classes", lambda logits: torch.softmax(logits, 0)),
]


def preprocess_misconceptions(strings, char_to_ix, max_length):
    """What each preprocessing mistake returns for these strings."""
    return candidates(PREPROCESS_MISTAKES, strings, char_to_ix, max_length)


def probability_misconceptions(logits):
    """What each predict_proba mistake returns for these eval-mode logits."""
    return candidates(PROBABILITY_MISTAKES, logits)


# loop_mistakes(probe_steps, start, x, y, steps, lr): [(description, losses)] for the loop item
loop_mistakes = loops.catalogue((*loops.COMMON, loops.SOFTMAX_FIRST), nn.CrossEntropyLoss())
