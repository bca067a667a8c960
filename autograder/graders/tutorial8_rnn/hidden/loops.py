"""Training-loop mistakes of this assignment, as switches of a loop whose defaults are the
correct one (full-batch Adam).

Hidden material: the switched-off loop is a solution to every `train_model`, so it is left out
of student templates; graders ask each question's module for what the mistakes return from a
probe's start (plain data, recorded for the public loop items) to name a wrong loop.
"""
import torch

from autograder.judge.training import Probe

# Mistakes any of this assignment's loops can make, as switches of `fit`; each description
# completes "your losses are what ... gives".
COMMON = (
    ("a loop without optimizer.zero_grad() (the gradients of all iterations pile up)", dict(zero_grad=False)),
    ("plain SGD instead of Adam", dict(optimizer="sgd")),
    ("a loop without optimizer.step() (the weights never change)", dict(step=False)),
    ("a learning rate 10 times too small", dict(lr_factor=0.1)),
    ("a learning rate 10 times too large", dict(lr_factor=10.0)),
)
# A sequence-to-sequence loop that scores only the last time step of each sequence.
LAST_STEP = ("a loss on the last time step only (model(x)[:, -1] against y[:, -1]) instead of on every step",
             dict(select=lambda outputs, y: (outputs[:, -1], y[:, -1])))
# A classifier's loop that turns the logits into probabilities before CrossEntropyLoss.
SOFTMAX_FIRST = ("applying softmax before CrossEntropyLoss (which applies log-softmax itself: pass it the logits)",
                 dict(select=lambda outputs, y: (torch.softmax(outputs, -1), y)))


def fit(model, x, y, loss_fn, steps, lr, *, optimizer="adam", zero_grad=True, step=True, lr_factor=1.0,
        select=lambda outputs, y: (outputs, y)):
    """A full-batch loop with switchable mistakes; the defaults are the correct loop.
    `select(outputs, y)` gives what the loss is computed on."""
    kind = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    opt = kind(model.parameters(), lr=lr * lr_factor)
    losses = []
    for _ in range(steps):
        if zero_grad:
            opt.zero_grad()
        loss = loss_fn(*select(model(x), y))
        loss.backward()
        if step:
            opt.step()
        losses.append(loss.item())
    return losses


def catalogue(mistakes, loss_fn):
    """A question's `loop_mistakes(probe_steps, start, x, y, steps, lr)`: [(description, losses)]
    of each of `mistakes` ((description, switches of `fit`)) trained on the probe from `start`."""
    def loop_mistakes(probe_steps, start, x, y, steps, lr):
        probe = Probe(tuple(probe_steps))
        return [(text, fit(probe.build(start), x, y, loss_fn, steps, lr, **switches)) for text, switches in mistakes]
    return loop_mistakes
