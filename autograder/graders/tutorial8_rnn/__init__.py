"""Graders for Tutorial 8 (recurrent networks): the rubric, and one pytest module per question."""
from pathlib import Path

from autograder.rubric import Item, Question, Rubric

RUBRIC = Rubric(
    assignment="tutorial8_rnn",
    questions=(
        Question(1, "q1_rnn_forward", "Forward passes of Elman and Jordan networks", 20),
        Question(2, "q2_sequence_rnn", "Learning a sequence map with an Elman RNN", 25),
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
        Item("2.3", "generate_data with noise=0: the lags exactly", 3, public=True),
        Item("2.4", "SequenceRNN maps (B, T, n_in) to (B, T, n_out) for any sizes", 3, public=True),
        Item("2.5", "SequenceRNN is a tanh recurrence that carries memory", 3, public=False),
        Item("2.6", "train_model follows the reference loop from a fixed start", 4, public=False),
        Item("2.7", "SequenceRNN trained by train_model fits the data", 4, public=False),
        Item("2.8", "plot_predictions draws truth and prediction for y1 and y2", 2, public=True),
    ),
)

item = RUBRIC.mark


def grader_path(question):
    """The pytest module that grades `question`."""
    return Path(__file__).parent / f"test_{question.module}.py"
