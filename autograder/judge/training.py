"""Judging training: the loop by its trajectory from a fixed start, the model by convergence.

A student's `train_model` is run on a probe model the judge built (fixed weights, no dropout)
and must follow the reference loop's losses and final weights from the same start: any correct
loop does, whatever its style, while a missing `zero_grad`, another optimizer, a wrong learning
rate or a missing `step` leaves the trajectory within a few iterations. The reference's run
is plain data (start, returned losses, final weights), so a student template replays it from
its recording and `autograder check` judges loops offline. The student's own model is judged
by the loss the judge recomputes from the model's predictions after a fixed budget, never by
the losses the student's code reports.
"""
from dataclasses import dataclass

import numpy as np
import torch

from autograder import recording
from autograder.judge.compare import Mismatch, is_tensor
from autograder.judge.models import verified
from autograder.runner import probes

LOSS_RTOL = 1e-3  # correct loops agree to ~1e-6; the mistakes below differ by > 10 %
WEIGHT_RTOL, WEIGHT_ATOL = 1e-3, 1e-4


@dataclass(frozen=True)
class Probe:
    """A probe model: its layers as plain data (`autograder.runner.probes.Layered`) and a seed."""

    steps: tuple
    seed: int = 1234

    def build(self, state=None):
        """The probe in the judge, with the weights `state` ({name: array}) or, by default, those
        `torch.manual_seed(seed)` gives."""
        if state is not None:
            return probes.build_probe(self.steps, state)
        torch.manual_seed(self.seed)
        return probes.Layered(self.steps)

    def send(self, student, device, state=None):
        """An identical probe (with the weights `state`, if given) in the student's process, on
        `device`; returns its handle."""
        model = student.probe("build_probe", list(self.steps), probes.state_of(self.build(state)))
        return student.probe("to_device", model, str(device))


def reference_run(reference, probe, x, y, *, budget, lr):
    """The reference's `train_model` on `probe`, as plain data: {"start": the probe's weights,
    "returned": what it returned, "final": the weights after training}. Recorded at release, so
    a student template judges loops against it without the reference (`recording.derived`)."""
    return recording.derived(reference, "train_model on a probe", _run_on_probe, list(probe.steps), probe.seed,
                             x, y, lr=lr, **budget)


def _run_on_probe(module, steps, seed, x, y, **kwargs):
    model = Probe(tuple(steps), seed).build()
    start = probes.state_of(model)
    returned = module.train_model(model, x, y, **kwargs)
    return {"start": start, "returned": returned, "final": probes.state_of(model)}


def check_losses(name, losses, steps):
    """The returned loss history must be `steps` finite numbers."""
    if not isinstance(losses, (list, tuple)) and not (isinstance(losses, np.ndarray) or is_tensor(losses)):
        raise Mismatch("type", f"{name} is a {type(losses).__name__}; expected a list of {steps} floats")
    if tuple(getattr(losses, "shape", (steps,))) != (steps,):  # an array is checked before it becomes objects
        raise Mismatch("shape", f"{name} has shape {tuple(losses.shape)} for {steps} iterations; expected one "
                                f"number per iteration")
    values = np.asarray(losses.tolist() if hasattr(losses, "tolist") else losses, dtype=object)
    if values.shape != (steps,):
        raise Mismatch("shape", f"{name} has {values.size} entries for {steps} iterations; expected one per iteration")
    try:
        numbers = values.astype(np.float64)
    except (TypeError, ValueError):
        raise Mismatch("dtype", f"{name} holds {type(values[0]).__name__} values; expected floats (loss.item())") from None
    if not np.isfinite(numbers).all():
        raise Mismatch("finiteness", f"{name} contains NaN or inf")
    return numbers


def compare_trajectory(student_losses, student_state, reference_losses, reference_state):
    """'' when the student's loop followed the reference's, else what differs first."""
    gap = np.abs(student_losses - reference_losses) / np.maximum(np.abs(reference_losses), 1e-8)
    if gap.max() > LOSS_RTOL:
        at = int(np.argmax(gap > LOSS_RTOL))
        return (f"the losses leave the reference loop's at iteration {at + 1}: "
                f"expected {reference_losses[at]:.6g}, got {student_losses[at]:.6g}")
    for name, want in reference_state.items():
        got = np.asarray(student_state.get(name, np.full_like(want, np.nan)))
        if got.shape != want.shape or not np.allclose(got, want, rtol=WEIGHT_RTOL, atol=WEIGHT_ATOL):
            return f"the final weights ({name}) differ from the reference loop's from the same start"
    return ""


def same_losses(losses, others):
    """True when two loss histories agree within LOSS_RTOL, entry by entry."""
    others = np.asarray(others, dtype=np.float64)
    return others.shape == np.shape(losses) and bool(np.allclose(losses, others, rtol=LOSS_RTOL, atol=1e-7))


def loop_hint(losses, expected, wrong):
    """The line naming every loop mistake in `wrong` ([(description, its losses)], from the same
    start) whose losses are the student's and not the reference's; '' when none is."""
    names = [text for text, theirs in wrong if same_losses(losses, theirs) and not same_losses(expected, theirs)]
    return f"Likely mistake: your losses are what {' — or '.join(names)} gives." if names else ""


def judge_loop(student, reference, *, probe, x, y, budget, lr, device, losses_of=lambda value: value,
               mistakes=lambda start: ()):
    """Run the student's `train_model` on a probe from the reference run's start (`reference_run`).

    `budget` is the one keyword that sets the length ({"n_iters": 30}); `losses_of` picks the
    losses out of what a training function returns (Q4 returns a dict); `mistakes(start)` gives
    what known loop mistakes return from that start ([(description, losses)]: hidden knowledge,
    recorded for public items), to name the one behind a wrong trajectory.
    Returns what the student's function returned and the reference run.
    """
    (budget_name, steps), = budget.items()
    run = reference_run(reference, probe, x, y, budget=budget, lr=lr)
    wrong = mistakes(run["start"])  # asked up front, whatever the outcome: recordable
    handle = probe.send(student, device, run["start"])
    returned = student.call("train_model", handle, x, y, lr=lr, limit=student.limits.train_seconds, **budget)
    losses = check_losses("the returned losses", losses_of(returned), steps)
    expected = np.asarray(losses_of(run["returned"]), dtype=np.float64)
    difference = compare_trajectory(losses, student.probe("state_of", handle), expected, run["final"])
    if difference:
        raise Mismatch("values", "\n".join(filter(None, [
            f"train_model on a fixed model ({steps} {budget_name.removeprefix('n_')}, lr={lr}): {difference}.",
            loop_hint(losses, expected, wrong)])))
    return returned, run


def student_model(student, name, *args, device, seed=0, **kwargs):
    """Construct the student's model class `name` (seeded) in the child and move it to `device`."""
    model = student.call(name, *args, reseed=seed, **kwargs)
    return student.probe("to_device", model, str(device))


def trained_network(student, model, x, y, *, budget, spec, scale=1.0, seed=0):
    """Train the student's model with the student's `train_model` for `budget`, then return the
    judge's own network with the trained parameters (`models.verified`): the judge computes the
    loss from its predictions, never from what the worker reports.

    Training starts from the model's own initial values, each parameter's entries shuffled by
    the judge (buffers, such as a one-hot table, stay as they are): the same distribution as the
    student's initialisation (so the calibrated budget holds), but no weights fitted elsewhere
    and pasted into `__init__` survive it.
    """
    parameters = set(student.probe("parameter_names", model))
    start = {name: value for name, value in student.probe("state_of", model).items() if name in parameters}
    start = shuffled(start, seed)
    student.probe("load_state", model, start)
    loaded = student.probe("state_of", model)
    if any(not np.allclose(loaded.get(name, np.nan), value, rtol=1e-5, atol=1e-6) for name, value in start.items()):
        raise Mismatch("values", "the model's parameters do not take the values loaded into them (state_dict must "
                                 "return the model's own tensors): the judge cannot train it from its own start")
    student.call("train_model", model, x, y, limit=student.limits.train_seconds, **budget)
    return verified(student, model, spec, scale=scale)


def shuffled(state, seed):
    """Each floating-point array of `state` with its entries in a (seeded) random order."""
    generator = np.random.default_rng(seed)
    return {name: generator.permutation(np.ravel(value)).reshape(np.shape(value))
            for name, value in state.items() if np.asarray(value).dtype.kind == "f"}


def judge_trained(student, build, x, y, *, budget, spec, score, threshold, what, scale=1.0, starts=2):
    """Train a model `build()` makes with the student's loop, then judge `score(network)`, which
    the judge computes from its own copy of the trained model, against `threshold`.

    A correct model can end in a poor minimum from an unlucky start (one in ten or so, here): a
    second start, from another shuffle, is trained before the item is lost.
    """
    scores = []
    for seed in range(starts):
        network = trained_network(student, build(), x, y, budget=budget, spec=spec, scale=scale, seed=seed)
        with torch.no_grad():
            scores.append(float(score(network)))
        if np.isfinite(scores[-1]) and scores[-1] <= threshold:
            return
    judge_convergence(min(scores, key=lambda s: s if np.isfinite(s) else np.inf), threshold,
                      f"{what} (the better of {starts} starts)")


def judge_convergence(score, threshold, what):
    """Pass when the judge-computed `score` of the trained model is at most `threshold`."""
    if not np.isfinite(score) or score > threshold:
        raise Mismatch("values", f"after training, {what} is {score:.4g}; a correctly trained model reaches "
                                 f"{threshold:g} or less")
