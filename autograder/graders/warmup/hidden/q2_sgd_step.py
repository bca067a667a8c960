"""Q2 knowledge: what common mistakes in a gradient-descent step and in fitting a line compute."""
import numpy as np

from autograder.judge.misconceptions import Misconception, candidates


def _step(params, grads, lr, *, sign=-1.0, use_lr=True):
    return [np.asarray(p, dtype=np.float64) + sign * (lr if use_lr else 1.0) * np.asarray(g, dtype=np.float64)
            for p, g in zip(params, grads)]


def _output(i, **mistake):
    """The i-th updated array of a step with `mistake`."""
    return lambda params, grads, lr: _step(params, grads, lr, **mistake)[i]


SGD_MISTAKES = [
    ("adding the gradient (p + lr · g) instead of subtracting it", dict(sign=1.0)),
    ("leaving out the learning rate (p − g)", dict(use_lr=False)),
]


def sgd_step_misconceptions(i, params, grads, lr):
    """(description, what that mistake returns as the i-th array) for sgd_step(params, grads, lr)."""
    return candidates([Misconception(text, _output(i, **flags)) for text, flags in SGD_MISTAKES], params, grads, lr)


def fit(x, y, lr=0.1, n_steps=200, *, factor=2.0, mean_gradient=True, mean_loss=True, after=False, final=False):
    """fit_line with switches for the mistakes students make; the defaults are correct."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    a = b = 0.0
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        def loss(a, b):
            squares = (a * x + b - y) ** 2
            return float(np.mean(squares) if mean_loss else np.sum(squares))

        for _ in range(n_steps):
            if not after:
                losses.append(loss(a, b))
            residual = a * x + b - y
            scale = factor / len(x) if mean_gradient else factor
            a, b = a - lr * scale * float(np.sum(residual * x)), b - lr * scale * float(np.sum(residual))
            if after:
                losses.append(loss(a, b))
        if final:
            losses.append(loss(a, b))
    return a, b, np.array(losses)


FIT_MISTAKES = [
    ("the gradient of the MSE without its factor 2", dict(factor=1.0)),
    ("the gradient of the sum of squared errors instead of their mean", dict(mean_gradient=False)),
    ("recording the sum of squared errors instead of their mean", dict(mean_loss=False)),
    ("recording each loss after its step instead of at its start", dict(after=True)),
    ("recording n_steps + 1 losses (the final loss too)", dict(final=True)),
]


def _fit_output(output, **mistake):
    return lambda *args, **kwargs: fit(*args, **kwargs, **mistake)[output]


def fit_line_misconceptions(output, args, kwargs):
    """(description, what that mistake returns as output 0 (a), 1 (b) or 2 (losses))."""
    catalogue = [Misconception(text, _fit_output(output, **flags)) for text, flags in FIT_MISTAKES]
    return candidates(catalogue, *args, **kwargs)
