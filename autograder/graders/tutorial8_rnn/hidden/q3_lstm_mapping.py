"""Q3 knowledge: the loop mistakes (Q3's other items need no hidden catalogue)."""
from autograder.graders.tutorial8_rnn.hidden.loops import loop_explainer  # noqa: F401 (for the loop item)
