"""Q1 knowledge: what common softmax and cross-entropy mistakes compute, as named catalogues."""
import numpy as np

from autograder.judge.misconceptions import Misconception, candidates


def _softmax(z, axis=-1, *, stable=True, normalise=True, whole=False):
    """Softmax with switches for the mistakes students make; the defaults are correct."""
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(z - z.max(axis=axis, keepdims=True)) if stable else np.exp(z)
        if not normalise:
            return e
        return e / (e.sum() if whole else e.sum(axis=axis, keepdims=True))


def _wrong_axis(axis_used):
    """The softmax along `axis_used` whatever `axis` asked (named only where that differs)."""
    return lambda z, axis=-1: _softmax(z, axis_used)


SOFTMAX = [
    Misconception("a softmax over the last axis instead of `axis`", _wrong_axis(-1)),
    Misconception("a softmax over axis 0 instead of `axis`", _wrong_axis(0)),
    Misconception("dividing by the sum over the whole array instead of along `axis`",
                  lambda z, axis=-1: _softmax(z, axis, whole=True)),
    Misconception("exp(z) without dividing by the sum", lambda z, axis=-1: _softmax(z, axis, normalise=False)),
    Misconception("leaving out the max subtraction (exp overflows to inf, and inf / inf is NaN, for large z)",
                  lambda z, axis=-1: _softmax(z, axis, stable=False)),
]


def _nll(logits, targets, *, axis=-1, stable=True, reduce=np.mean, sign=-1.0, log_softmax=True):
    logits = np.asarray(logits, dtype=np.float64)
    targets = np.asarray(targets, dtype=np.int64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if not log_softmax:
            log_p = logits
        elif stable:  # log-sum-exp: the log-probabilities stay finite for large logits
            shifted = logits - logits.max(axis=axis, keepdims=True)
            log_p = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
        else:
            log_p = np.log(_softmax(logits, axis, stable=False))
        return np.float64(sign * reduce(log_p[np.arange(len(targets)), targets]))


CROSS_ENTROPY = [
    Misconception("summing the negative log-likelihoods instead of averaging them",
                  lambda logits, targets: _nll(logits, targets, reduce=np.sum)),
    Misconception("leaving out the minus sign (the mean log-likelihood, not its negative)",
                  lambda logits, targets: _nll(logits, targets, sign=1.0)),
    Misconception("a softmax over the rows (axis 0) instead of each row's classes",
                  lambda logits, targets: _nll(logits, targets, axis=0)),
    Misconception("−logits[n, targets[n]] without the log-softmax",
                  lambda logits, targets: _nll(logits, targets, log_softmax=False)),
    Misconception("log(softmax) without the max subtraction (exp overflows, giving inf or NaN, for large logits)",
                  lambda logits, targets: _nll(logits, targets, stable=False)),
]


def softmax_misconceptions(z, axis=-1):
    """(description, what that mistake returns) for softmax(z, axis)."""
    return candidates(SOFTMAX, z, axis)


def cross_entropy_misconceptions(logits, targets):
    """(description, what that mistake returns) for cross_entropy(logits, targets)."""
    return candidates(CROSS_ENTROPY, logits, targets)
