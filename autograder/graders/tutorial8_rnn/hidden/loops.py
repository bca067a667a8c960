"""Training-loop mistakes of this assignment, as switches of a loop whose defaults are the
correct one (full-batch Adam).

Hidden material: the switched-off loop is a solution to every `train_model`, so it is left out
of student templates; graders reach it through the `mistakes` fixture to name a wrong loop.
"""
import numpy as np
import torch

from autograder.judge.training import LOSS_RTOL


# Mistakes a training loop makes, as switches of `fit`; the feedback names the one that matches.
LOOP_MISTAKES = (
    ("never calling optimizer.zero_grad() (gradients pile up)", dict(zero_grad=False)),
    ("plain SGD instead of Adam", dict(optimizer="sgd")),
    ("never calling optimizer.step()", dict(step=False)),
    ("a learning rate 10 times too small", dict(lr_factor=0.1)),
    ("a learning rate 10 times too large", dict(lr_factor=10.0)),
    ("applying softmax to the outputs before the loss: CrossEntropyLoss applies log-softmax itself",
     dict(squash=lambda outputs: torch.softmax(outputs, -1))),
)


def fit(model, x, y, loss_fn, steps, lr, *, optimizer="adam", zero_grad=True, step=True, lr_factor=1.0,
        squash=None):
    """A full-batch loop with switchable mistakes; the defaults are the correct loop."""
    kind = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = kind(model.parameters(), lr=lr * lr_factor)
    losses = []
    for _ in range(steps):
        if zero_grad:
            opt.zero_grad()
        outputs = model(x)
        loss = loss_fn(squash(outputs) if squash else outputs, y)
        loss.backward()
        if step:
            opt.step()
        losses.append(loss.item())
    return losses


def loop_explainer(probe, x, y, loss_fn, steps, lr):
    """`explain(losses)` for `judge_loop`: names the loop mistake those losses come from."""
    return lambda losses: name_loop_mistake(losses, probe, x, y, loss_fn, steps, lr)


def name_loop_mistake(student_losses, probe, x, y, loss_fn, steps, lr):
    """The LOOP_MISTAKES entry whose losses the student's match, or ''."""
    for text, switches in LOOP_MISTAKES:
        wrong = np.asarray(fit(probe.build(), x, y, loss_fn, steps, lr, **switches))
        if np.allclose(student_losses, wrong, rtol=LOSS_RTOL, atol=1e-7):
            return f"Likely mistake: the losses are what {text} gives."
    return ""
