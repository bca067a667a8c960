"""Graders for the numpy warm-up: the rubric, and one pytest module per question.

Every quote is a sentence of the handout, the markdown cells of `solutions/warmup/q*.py`.
"""
from autograder.rubric import Item, Question, Rubric

RUBRIC = Rubric(
    assignment="warmup",
    questions=(
        Question(1, "q1_softmax", "Softmax and cross-entropy", 10, cost=0.5, imports=("numpy",)),
    ),
    items=(
        Item("1.1", "softmax on the handout's vector and matrix", 2, public=True, source="handout Q1",
             quote="For example, softmax of the vector `Z_EXAMPLE` = [1, 2, 3] is [0.0900, 0.2447, 0.6652], and "
                   "softmax of the matrix `M_EXAMPLE` along axis 0 makes each of its columns sum to 1."),
        Item("1.2", "softmax on random arrays, along any axis", 3, public=False, source="handout Q1",
             quote="exp(z) / sum(exp(z)) with the sum taken along `axis` only. `z` is a float numpy array of any "
                   "shape with at least one dimension, and `axis` any of its axes (negative ones included); return "
                   "a float numpy array of the shape of `z`."),
        Item("1.3", "cross_entropy on the handout's example", 2, public=True, source="handout Q1",
             quote="For example, the cross-entropy of `LOGITS_EXAMPLE` with `TARGETS_EXAMPLE` is 0.3185."),
        Item("1.4", "softmax stays finite and right for large logits", 2, public=False, source="handout Q1",
             quote="Compute it stably: subtract the maximum along `axis` before exponentiating. The result must "
                   "stay finite and right for logits as large as 1000."),
        Item("1.5", "cross_entropy on random batches, large logits included", 1, public=False, source="handout Q1",
             quote="the mean negative log-likelihood of the integer class `targets` (shape (N,)) under the softmax "
                   "of `logits` (shape (N, C)) along its last axis, as a Python float or a numpy scalar: the "
                   "average over the N rows of −log softmax(logits)[n, targets[n]]. … Like softmax, it must stay finite and "
                   "right for logits as large as 1000."),
    ),
)

item = RUBRIC.mark
