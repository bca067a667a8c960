"""Q3 knowledge: the loop mistakes (Q3's other items need no hidden catalogue)."""
from torch import nn

from autograder.graders.tutorial8_rnn.hidden import loops


# loop_mistakes(probe_steps, start, x, y, steps, lr): [(description, losses)] for the loop item
loop_mistakes = loops.catalogue((*loops.COMMON, loops.LAST_STEP), nn.MSELoss())
