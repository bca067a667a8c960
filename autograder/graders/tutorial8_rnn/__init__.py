"""Graders for Tutorial 8 (recurrent networks): the rubric, and one pytest module per question."""
from pathlib import Path

from autograder.rubric import Item, Question, Rubric

RUBRIC = Rubric(
    assignment="tutorial8_rnn",
    questions=(Question(1, "q1_rnn_forward", "Forward passes of Elman and Jordan networks", 20),),
    items=(
        Item("1.1", "Elman forward on the tutorial's sequence", 4, public=True),
        Item("1.2", "Elman single step (T = 1) from a given state", 3, public=True),
        Item("1.3", "Elman against the reference on random sizes and inputs", 5, public=False),
        Item("1.4", "Jordan forward on the tutorial's sequence", 3, public=True),
        Item("1.5", "Jordan single step (T = 1) from a given output", 2, public=True),
        Item("1.6", "Jordan against the reference on random sizes and inputs", 3, public=False),
    ),
)

item = RUBRIC.mark


def grader_path(question):
    """The pytest module that grades `question`."""
    return Path(__file__).parent / f"test_{question.module}.py"
