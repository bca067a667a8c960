"""Graders for warmup: the rubric, and one pytest module per question."""
from autograder.rubric import Item, Question, Rubric

RUBRIC = Rubric(
    assignment="warmup",
    questions=(
        Question(1, "q1_scaling", "Scaling a vector", 10),
    ),
    items=(
        Item("1.1", "scale on the example in the handout", 4, public=True,
             source="handout Q1", quote="the numpy array x (any shape) times factor"),
        Item("1.2", "scale on random arrays and factors", 6, public=False,
             source="handout Q1", quote="the numpy array x (any shape) times factor"),
    ),
)

item = RUBRIC.mark
