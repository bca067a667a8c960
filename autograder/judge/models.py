"""Judging a student's model: its architecture and outputs, computed by the judge from its parameters.

The worker's answers about a model (its layer summary, even its outputs) are claims. `verified`
asks for the parameters as plain arrays and for the outputs on inputs the judge drew, and
returns the judge's own network (`architectures`) that reproduces them; every point that
depends on the architecture, and every prediction the judge scores, comes from that network.
`check_recurrent_layer` reads the layer summary only to explain a failure in the student's terms.
"""
import numpy as np
import torch

from autograder.judge.architectures import identify
from autograder.judge.compare import Mismatch
from autograder.runner import errors

FAMILIES = ("RNN", "LSTM", "GRU")


def recurrent_layers(layers):
    return [layer for layer in layers if layer["type"] in FAMILIES + tuple(f"{f}Cell" for f in FAMILIES)]


def check_recurrent_layer(layers, parameter_shapes, family, units):
    """Exactly one forward `family` layer ("LSTM", "GRU", "RNN") of `units` units (a claim: for feedback)."""
    found = recurrent_layers(layers)
    for layer in found:
        if layer["type"].removesuffix("Cell") != family:
            raise Mismatch("values", f"the model uses {layer['type']}; the question asks for an {family} layer")
    if not found:
        if not any(units in shape for shape in parameter_shapes):
            raise Mismatch("values", f"found no {family} layer of {units} units (nn.{family}, nn.{family}Cell, "
                                     f"or weights with a dimension of {units})")
        return
    if len(found) > 1:
        raise Mismatch("values", f"the model has {len(found)} recurrent layers; the question asks for one")
    layer = found[0]
    if layer.get("num_layers", 1) != 1:
        raise Mismatch("values", f"the {layer['type']} stacks {layer['num_layers']} layers; one is asked for")
    if layer.get("bidirectional"):
        raise Mismatch("values", f"the {layer['type']} is bidirectional; a forward recurrence is asked for")
    if layer.get("hidden_size") != units:
        raise Mismatch("values", f"the {layer['type']} has {layer.get('hidden_size')} units; expected {units}")
    if family == "RNN" and layer.get("nonlinearity", "tanh") != "tanh":
        raise Mismatch("values", f"the {layer['type']} uses {layer['nonlinearity']}; the question asks for tanh")


def fresh_inputs(spec, seed, scale=1.0):
    """Two inputs the worker has not seen: a small one that screens readings fast, and a larger one."""
    generator = torch.Generator().manual_seed(seed)
    if spec.ids:
        return [torch.randint(0, spec.n_in, shape, generator=generator) for shape in ((1, 3), (4, 12))]
    return [torch.rand(*shape, spec.n_in, generator=generator) * scale for shape in ((1, 3), (3, 12))]


BATCH_AXIS = ("the recurrence runs along the batch axis, not along time: a recurrent layer reads (T, batch, "
              "features) unless built with batch_first=True")


def verified(student, model, spec, *, seed=0, scale=1.0):
    """The judge's network that computes what the student's `model` (a handle) computes, or a
    Mismatch saying the model is not `spec` (see the module docstring)."""
    state, cases = _evidence(student, model, spec, seed, scale)
    network = identify(state, spec, cases)
    if network is None:
        _check_time_axis(state, spec, cases)
        _check_flattened(state, spec, cases)
        raise Mismatch("values", f"the model's outputs are not those of {spec.describe()} computed from its own "
                                 f"parameters ({_layout(state)}); the question asks for exactly that")
    return network


def check_time_axis(student, model, spec, *, seed=0, scale=1.0):
    """A Mismatch naming batch_first when the model's parameters compute `spec` along the batch
    axis: asked before naming a symptom (no memory from step to step) that this mistake shares."""
    state, cases = _evidence(student, model, spec, seed, scale)
    _check_time_axis(state, spec, cases)


def _evidence(student, model, spec, seed, scale):
    """The model's parameters, and its outputs (dropout off) on inputs the judge drew."""
    state = student.probe("state_of", model)
    return state, [(x, plain_outputs(student.probe("run", model, x, dropout=False)))
                   for x in fresh_inputs(spec, seed, scale)]


def _check_time_axis(state, spec, cases):
    if not spec.per_step or any(out.ndim < 2 for _, out in cases):
        return
    transposed = [(x.transpose(0, 1), np.swapaxes(out, 0, 1)) for x, out in cases]
    if identify(state, spec, transposed) is not None:
        raise Mismatch("values", BATCH_AXIS)


def _check_flattened(state, spec, cases):
    """A Mismatch naming the flattening when the outputs, one axis each, are the right values of
    the shape the question asks for (a `.flatten()` or `.view(-1)` too many)."""
    shapes = [spec.output_shape(tuple(x.shape)) for x, _ in cases]
    if any(out.ndim != 1 or out.size != np.prod(shape) or len(shape) < 2 for (_, out), shape in zip(cases, shapes)):
        return
    if identify(state, spec, [(x, out.reshape(shape)) for (x, out), shape in zip(cases, shapes)]) is not None:
        x, out = cases[-1]
        raise Mismatch("shape", f"the model's outputs are right but flattened: shape {out.shape} for inputs of shape "
                                f"{tuple(x.shape)}, where {shapes[-1]} is asked; keep the batch and time axes "
                                f"(no .flatten() or .view(-1))")


def carried_state(student, model, spec, x, first, second):
    """The hint for a model whose second pass over `x` gave `second`, not its first pass's `first`:
    named when `second` is what the judge's reading of the parameters computes from the state
    the first pass ended in ('' otherwise)."""
    network = identify(student.probe("state_of", model), spec, [(x, first)])
    if network is None:
        return ""
    with torch.no_grad():
        again = network(x, start=network.run(x)[1])
    if again.shape != second.shape or not np.allclose(again.numpy(), second, rtol=1e-3, atol=1e-4):
        return ""
    return ("Likely mistake: the second pass started from the hidden state the first pass ended in: the model "
            "carries its hidden state from one batch of sequences to the next; start every forward pass from zeros "
            "(store no hidden state on the model)")


def dropout_kept(network, ids, claimed, rate):
    """The share of units kept in train-mode outputs `claimed`, when each row is the network's
    final state with some units zeroed (the rest scaled by 1/(1-rate), or not) through its
    read-out; None when some row is no such thing. Judged from the parameters, not a claim."""
    with torch.no_grad():
        final = network.states(network.encode(ids))[:, -1]  # (N, H)
    units = final.shape[1]
    masks = torch.tensor([[(m >> u) & 1 for u in range(units)] for m in range(2 ** units)], dtype=torch.float64)
    claimed = torch.as_tensor(np.asarray(claimed, dtype=np.float64))
    if tuple(claimed.shape) != (final.shape[0], network.head_w.shape[0]):
        return None
    for scale in ({1.0 / (1.0 - rate), 1.0} if rate < 1 else {1.0}):
        logits = network.read_out((masks[None] * final[:, None] * scale))  # (N, 2^H, O)
        error = (logits - claimed[:, None]).abs().amax(-1)  # (N, 2^H)
        best = error.argmin(1)
        if bool((error[torch.arange(len(best)), best] <= 1e-4 * max(1.0, float(claimed.abs().max()))).all()):
            return float(masks[best].mean())
    return None


def dropout_still_active(student, function, *args):
    """The hint for a wrong answer of `function` on a model left in train mode: when two calls
    with different seeds disagree, dropout was active ('' when they agree)."""
    try:
        first, second = (plain_outputs(student.call(function, *args, reseed=seed)) for seed in (0, 1))
    except (Mismatch, errors.StudentError):
        return ""
    if first.shape != second.shape or np.allclose(first, second):
        return ""
    return (f"Likely mistake: two calls of {function} on the same inputs differ, so dropout was still active: "
            f"call model.eval() first")


def plain_outputs(value):
    """A claimed output as a float64 array, or a Mismatch naming what came back instead."""
    try:
        array = np.asarray(value.detach().cpu().numpy() if hasattr(value, "detach") else value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mismatch("type", f"the model returned a {type(value).__name__}; expected a tensor") from None
    return array


def _layout(state, limit=6):
    shown = [f"{name} {tuple(np.shape(value))}" for name, value in list(state.items())[:limit]]
    more = f", … {len(state) - limit} more" if len(state) > limit else ""
    return "parameters: " + (", ".join(shown) + more if shown else "none")
