"""Graders for Tutorial 8 (recurrent networks): the rubric, and one pytest module per question."""
from pathlib import Path

from autograder.rubric import Item, Question, Rubric

# Q1's random cases arrive as tensors too; torch's first optimizer step imports torch._dynamo
# (importing it ahead saves each training worker ~1 s); Q2-Q4 plot with matplotlib.
TENSORS = ("numpy", "torch")
TRAINING = (*TENSORS, "torch._dynamo", "matplotlib.pyplot")

RUBRIC = Rubric(
    assignment="tutorial8_rnn",
    questions=(
        Question(1, "q1_rnn_forward", "Forward passes of Elman and Jordan networks", 20, cost=0.8, imports=TENSORS),
        Question(2, "q2_sequence_rnn", "Learning a sequence map with an Elman RNN", 25, cost=5.1, imports=TRAINING),
        Question(3, "q3_lstm_mapping", "An LSTM sequence mapper", 25, cost=1.5, imports=TRAINING),
        Question(4, "q4_char_sentiment", "A character GRU sentiment classifier", 30, cost=3.3, imports=TRAINING),
    ),
    items=(
        Item("1.1", "Elman forward on the tutorial's sequence", 4, public=True),
        Item("1.2", "Elman single step (T = 1) from a given state", 3, public=True),
        Item("1.3", "Elman against the reference on random sizes and inputs", 5, public=False),
        Item("1.4", "Jordan forward on the tutorial's sequence", 3, public=True),
        Item("1.5", "Jordan single step (T = 1) from a given output", 2, public=True),
        Item("1.6", "Jordan against the reference on random sizes and inputs", 3, public=False),
        Item("2.1", "generate_data with the defaults, value for value", 3, public=True),
        Item("2.2", "generate_data for other sizes, seeds and noise levels", 3, public=False),
        Item("2.3", "generate_data with noise=0: the lags exactly", 3, public=False),
        Item("2.4", "SequenceRNN maps (B, T, n_in) to (B, T, n_out) for any sizes", 3, public=True),
        Item("2.5", "SequenceRNN is a tanh recurrence that carries memory", 3, public=False),
        Item("2.6", "train_model follows the reference loop from a fixed start", 4, public=False),
        Item("2.7", "SequenceRNN trained by train_model fits the data", 4, public=False),
        Item("2.8", "plot_predictions draws truth and prediction for y1 and y2", 2, public=True),
        Item("3.1", "LSTMMapper maps (B, T, 1) to (B, T) for any sizes", 3, public=True),
        Item("3.2", "LSTMMapper has one LSTM layer of n_units units", 3, public=True),
        Item("3.3", "train_model follows the reference loop from a fixed start", 5, public=False),
        Item("3.4", "LSTMMapper trained by train_model fits y(t) = x(t) + x(t-1)", 5, public=False),
        Item("3.5", "plot_learning_curve draws the losses against epochs, labelled", 3, public=True),
        Item("3.6", "predict returns the eval-mode outputs (B, T)", 3, public=True),
        Item("3.7", "predict keeps no gradients and restores the model's mode", 3, public=False),
        Item("4.1", "vocabulary of the tutorial's sentences: sorted, lower-cased, ids in order", 3, public=True),
        Item("4.2", "preprocess on the tutorial's sentences", 3, public=True),
        Item("4.3", "vocabulary and preprocess on any strings: case, padding, truncation, KeyError", 4, public=False),
        Item("4.4", "CharGRUClassifier maps ids (N, L) to logits (N, C) through n_units GRU units", 3, public=True),
        Item("4.5", "CharGRUClassifier drops out at drop_rate in train mode only", 3, public=False),
        Item("4.6", "train_model follows the reference loop and returns its history", 5, public=False),
        Item("4.7", "CharGRUClassifier trained by train_model fits the sentences", 4, public=False),
        Item("4.8", "plot_history draws cost and accuracy against epochs", 2, public=True),
        Item("4.9", "predict_proba returns eval-mode class probabilities, NEGATIVE first", 3, public=True),
    ),
)

item = RUBRIC.mark


def grader_path(question):
    """The pytest module that grades `question`."""
    return Path(__file__).parent / f"test_{question.module}.py"
