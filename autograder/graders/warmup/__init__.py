"""Graders for the numpy warm-up: the rubric, and one pytest module per question.

Every quote is a sentence of the handout, the markdown cells of `solutions/warmup/q*.py`.
"""
from autograder.rubric import Item, Question, Rubric

RUBRIC = Rubric(
    assignment="warmup",
    questions=(
        Question(1, "q1_softmax", "Softmax and cross-entropy", 10, cost=0.5, imports=("numpy",)),
        Question(2, "q2_sgd_step", "A gradient-descent step, and fitting a line", 10, cost=0.5, imports=("numpy",)),
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
        Item("2.1", "sgd_step on the handout's example", 2, public=True, source="handout Q2",
             quote="For example, `sgd_step(PARAMS_EXAMPLE, GRADS_EXAMPLE, 0.1)` is `[array([0.9, 2.2]), "
                   "array([[-0.05]])]`."),
        Item("2.2", "sgd_step on random parameters, shapes and rates", 2, public=False, source="handout Q2",
             quote="`params` and `grads` are lists of float numpy arrays (one or more dimensions), `grads[i]` of the "
                   "shape of `params[i]`, and `lr` a positive float; return a list of the updated arrays p − lr · g, "
                   "in the order of `params`."),
        Item("2.3", "fit_line's a and b on the handout's data", 2, public=True, source="handout Q2",
             quote="For example, on `X_LINE` and `Y_LINE` with the defaults, a = 1.9214 and b = 1.0045"),
        Item("2.4", "fit_line's losses: n_steps values, each at the start of its step", 2, public=False,
             source="handout Q2",
             quote="Return `(a, b, losses)`: the final a and b as floats, and `losses`, the `n_steps` values of L at "
                   "the start of each step (a list or a 1-D numpy array)."),
        Item("2.5", "fit_line's line fits other data (the judge's own MSE)", 2, public=False, source="handout Q2",
             quote="Your a and b must fit the data: their mean squared error on it must come within 0.1% of the "
                   "best line's."),
    ),
)

item = RUBRIC.mark
