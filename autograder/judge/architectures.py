"""Recurrent networks computed by the judge itself, from a model's parameters as plain arrays.

A model lives in an untrusted worker: its outputs, its layer summary and even the framework's
helpers there are claims. What the judge can trust is data: the parameters, run through its
own implementation of the architecture a question asks for. `identify` finds a reading of the
parameters (nn.RNN/LSTM/GRU or their cells, hand-made matrices, gates stacked or split, in
either orientation, characters one-hot or through an embedding) whose outputs equal the
model's own on inputs the judge chose. From then on the judge computes the model's outputs
itself; a model that no reading reproduces gets no point that depends on its architecture.
"""
import itertools
import os
import re
from dataclasses import dataclass, field

import numpy as np
import torch

GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}
RNN_NONLINEARITIES = {"tanh": torch.tanh, "relu": torch.relu}
MAX_READINGS = 5_000  # readings tried at most (a few seconds)
MAX_ARRAYS = 64  # parameters of a model worth reading at all
TORCH_NAMES = re.compile(r"(weight|bias)_(ih|hh)(_l0)?$")  # nn.RNN/LSTM/GRU (one layer) and nn.*Cell


@dataclass(frozen=True)
class Spec:
    """What a question asks for: one `family` layer of `units` units and a linear read-out.

    `n_in` is the input size (the vocabulary, when inputs are ids); `per_step`: the read-out
    applies at every step (else to the final state only).
    """

    family: str
    n_in: int
    units: int
    n_out: int
    ids: bool = False
    per_step: bool = True
    squeeze: bool = False  # a single output per step comes without its last axis: (B, T)

    def output_shape(self, input_shape):
        """The outputs' shape for inputs of `input_shape` ((B, T) ids or (B, T, n_in))."""
        batch, steps = input_shape[:2]
        if not self.per_step:
            return (batch, self.n_out)
        return (batch, steps) if self.squeeze else (batch, steps, self.n_out)

    def describe(self):
        shown = {"RNN": "tanh RNN", "LSTM": "LSTM", "GRU": "GRU"}[self.family]
        where = "at every step" if self.per_step else "on the final state"
        return f"one {shown} layer of {self.units} units with a linear read-out {where}"


@dataclass
class Network:
    """One reading of a model's parameters; weights in PyTorch's orientation and gate order."""

    spec: Spec
    w_in: torch.Tensor  # (G·H, n_in)
    w_hh: torch.Tensor  # (G·H, H)
    b_in: torch.Tensor  # (G·H,)
    b_hh: torch.Tensor  # (G·H,)
    head_w: torch.Tensor  # (O, H)
    head_b: torch.Tensor  # (O,)
    variant: dict = field(default_factory=dict)  # GRU: reset_after, z_keeps

    def states(self, x, start=None):
        """Hidden states (B, T, H) for inputs x (B, T, n_in), from a zero state or from `start`."""
        return self.run(x, start)[0]

    def run(self, x, start=None):
        """The hidden states (B, T, H) and the final state (h, c), each (B, H), from a zero state
        or from `start` (an earlier run's final state; c is the LSTM's cell, zeros otherwise)."""
        x = torch.as_tensor(x, dtype=torch.float64)
        zeros = torch.zeros(x.shape[0], self.w_hh.shape[1], dtype=torch.float64)
        h, c = start if start is not None else (zeros, zeros)
        inputs = x @ self.w_in.T + self.b_in  # (B, T, G·H)
        out = []
        for t in range(x.shape[1]):
            h, c = self._step(inputs[:, t], h, c)
            out.append(h)
        return (torch.stack(out, 1) if out else torch.zeros(x.shape[0], 0, h.shape[1], dtype=torch.float64)), (h, c)

    def _step(self, a, h, c):
        family = self.spec.family
        if family == "RNN":
            return RNN_NONLINEARITIES[self.variant.get("nonlinearity", "tanh")](a + h @ self.w_hh.T + self.b_hh), c
        if family == "LSTM":
            i, f, g, o = (a + h @ self.w_hh.T + self.b_hh).chunk(4, -1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            return torch.sigmoid(o) * torch.tanh(c), c
        a_r, a_z, a_n = a.chunk(3, -1)
        w_r, w_z, w_n = self.w_hh.chunk(3, 0)
        b_r, b_z, b_n = self.b_hh.chunk(3, 0)
        r = torch.sigmoid(a_r + h @ w_r.T + b_r)
        z = torch.sigmoid(a_z + h @ w_z.T + b_z)
        if self.variant.get("reset_after", True):
            n = torch.tanh(a_n + r * (h @ w_n.T + b_n))
        else:
            n = torch.tanh(a_n + (r * h) @ w_n.T + b_n)
        return (z * h + (1 - z) * n if self.variant.get("z_keeps", True) else (1 - z) * h + z * n), c

    def encode(self, ids):
        """Ids (N, L) as one-hot rows (N, L, V)."""
        return torch.nn.functional.one_hot(torch.as_tensor(ids).long(), self.spec.n_in).double()

    def __call__(self, x, mask=None, start=None):
        """The outputs: (B, T, O) per step, else (B, O); `mask` (B, H) scales the final state;
        `start`: the state to start from (see `run`)."""
        states = self.states(self.encode(x) if self.spec.ids else x, start)
        features = states if self.spec.per_step else states[:, -1]
        if mask is not None:
            features = features * torch.as_tensor(mask, dtype=torch.float64)
        out = self.read_out(features)
        return out[..., 0] if self.spec.squeeze else out

    def read_out(self, features):
        """The linear read-out of hidden features (and a softmax, for a model that ends in one)."""
        out = features @ self.head_w.T + self.head_b
        return torch.softmax(out, -1) if self.variant.get("softmax") else out


def identify(state, spec, cases, *, rtol=1e-3, atol=1e-4):
    """The first reading of `state` ({name: array}) that gives, for every (x, claimed) of `cases`,
    the claimed outputs; else None. Put a small case first: it screens the readings cheaply."""
    cases = [(x, torch.as_tensor(np.asarray(claimed, dtype=np.float64))) for x, claimed in cases]
    for network in itertools.islice(readings(state, spec), MAX_READINGS):
        if all(_agrees(network, x, claimed, rtol, atol) for x, claimed in cases):
            return network
    return None


def _agrees(network, x, claimed, rtol, atol):
    with torch.no_grad():
        mine = network(x)
    scale = max(1.0, float(claimed.abs().max())) if claimed.numel() else 1.0
    return mine.shape == claimed.shape and torch.allclose(mine, claimed, rtol=rtol, atol=atol * scale)


def readings(state, spec):
    """Every plausible reading of the parameters as `spec`, the likeliest first (lazily)."""
    arrays = {name: torch.as_tensor(np.asarray(value, dtype=np.float64)) for name, value in state.items()
              if np.asarray(value).dtype.kind == "f"}
    gates, units = GATES[spec.family], spec.units
    shapes = [tuple(array.shape) for array in arrays.values()]
    if len(arrays) > MAX_ARRAYS or any(shapes.count(shape) > 2 * gates + 2 for shape in shapes):
        return  # more look-alike matrices than any reading of one layer uses: no reading tried
    for widths, embed in _input_options(arrays, spec, gates * units):
        for w_in, w_hh, biases, perm in _recurrences(arrays, widths, gates, units):
            used = set(w_in[0]) | set(w_hh[0]) | set().union(*(b[0] for b in biases)) | set(embed[0])
            for head_w, head_b in _heads(arrays, spec, used):
                for variant in _variants(spec):
                    yield _network(spec, embed[1], w_in[1], w_hh[1], biases, perm, head_w, head_b, variant, units)


def _input_options(arrays, spec, rows):
    """(input width, embedding) pairs: the raw input, or ids through an embedding (V, E)."""
    yield spec.n_in, ((), None)
    if spec.ids:
        for name, array in arrays.items():
            if array.ndim == 2 and array.shape[0] == spec.n_in:
                yield array.shape[1], ((name,), array)


def _blocks(arrays, rows, width, gates):
    """(names, matrix (rows, width)) readings: one stacked matrix in either orientation, or one
    matrix per gate (in name order) stacked; torch's own names first."""
    units = rows // gates
    found = []
    for name, array in arrays.items():
        if array.ndim == 2 and array.shape == (rows, width):
            found.append(((name,), array))
        if array.ndim == 2 and array.shape == (width, rows):  # both, for a square matrix
            found.append(((name,), array.T))
    if gates > 1:
        for shape, turn in (((units, width), False), ((width, units), True)):
            split = sorted(name for name, array in arrays.items() if array.ndim == 2 and array.shape == shape)
            for names in map(_gate_order, itertools.combinations(split, gates)):
                found.append((names, torch.cat([arrays[n].T if turn else arrays[n] for n in names], 0)))
    return sorted(_named_first(found), key=lambda item: not any(TORCH_NAMES.search(n) for n in item[0]))


# What students call each gate, in torch's gate order (GRU: r, z, n; LSTM: i, f, g, o).
GATE_NAMES = {3: ({"r", "reset"}, {"z", "u", "update"}, {"n", "h", "c", "g", "new", "cand", "candidate"}),
              4: ({"i", "input", "in"}, {"f", "forget"}, {"g", "c", "cell", "u", "cand", "candidate"},
                  {"o", "out", "output"})}


def _gates_of(names):
    """Each split gate's index in torch's order, when their names say it (what differs between
    the names: W_xr, W_xz, W_xn -> r, z, n; one unknown name takes the gate left), else None."""
    table = GATE_NAMES.get(len(names))
    if not table:
        return None
    start = len(os.path.commonprefix(list(names)))
    end = len(os.path.commonprefix([n[::-1] for n in names]))
    tokens = [n[start:len(n) - end].strip("_").lower() for n in names]
    gates = [next((k for k, words in enumerate(table) if token in words), None) for token in tokens]
    unknown = [i for i, gate in enumerate(gates) if gate is None]
    if len(unknown) == 1:
        gates[unknown[0]] = (set(range(len(table))) - set(gates)).pop()
    return gates if sorted(g for g in gates if g is not None) == list(range(len(table))) else None


def _gate_order(names):
    """Split gates' names in torch's gate order when their names tell it, else as given."""
    gates = _gates_of(names)
    return tuple(names) if gates is None else tuple(name for _, name in sorted(zip(gates, names)))


def _named_first(candidates):
    """Split-gate candidates whose names told their gates first."""
    return sorted(candidates, key=lambda item: len(item[0]) > 1 and _gates_of(item[0]) is None)


def _bias_vectors(arrays, rows, gates):
    vectors = [((name,), array) for name, array in arrays.items() if array.ndim == 1 and array.shape == (rows,)]
    if gates > 1:
        split = sorted(name for name, array in arrays.items() if array.ndim == 1 and array.shape == (rows // gates,))
        vectors += _named_first([(names, torch.cat([arrays[n] for n in names]))
                                 for names in map(_gate_order, itertools.combinations(split, gates))])
    return vectors


def _bias_pairs(arrays, rows, gates):
    """(input bias, recurrent bias) readings, both (rows,), most names used first. A recurrent
    bias may also be one gate's vector alone (a GRU's b_hn inside the reset gate)."""
    units, zero = rows // gates, ((), torch.zeros(rows, dtype=torch.float64))
    vectors = _bias_vectors(arrays, rows, gates)
    singles = []
    if gates == 3:  # a GRU's b_hn alone, in the last (n) gate's place; other orders permute it
        for name, array in arrays.items():
            if array.ndim == 1 and array.shape == (units,):
                singles.append(((name,), torch.cat([torch.zeros(rows - units, dtype=torch.float64), array])))
    pairs = [(zero, zero)] + [(v, zero) for v in vectors] + [(zero, v) for v in vectors] + [
        (a, b) for a, b in itertools.product(vectors, vectors + singles) if not set(a[0]) & set(b[0])]
    return sorted(pairs, key=lambda pair: -len(pair[0][0] + pair[1][0]))


def _recurrences(arrays, width, gates, units):
    """(input block, recurrent block, (input bias, recurrent bias), gate order) readings, lazily:
    every combination in the gate order its names give first, then the other gate orders (not
    for torch's own layers, whose order is known)."""
    rows = gates * units
    bias_pairs = _bias_pairs(arrays, rows, gates)

    def combos():
        for w_in in _blocks(arrays, rows, width, gates):
            for w_hh in _blocks(arrays, rows, units, gates):
                if set(w_in[0]) & set(w_hh[0]):
                    continue
                for biases in bias_pairs:
                    if not set(biases[0][0] + biases[1][0]) & set(w_in[0] + w_hh[0]):
                        yield w_in, w_hh, biases

    orders = list(itertools.permutations(range(gates)))
    for w_in, w_hh, biases in combos():
        yield w_in, w_hh, biases, orders[0]
    for perm in orders[1:]:
        for w_in, w_hh, biases in combos():
            if not all(TORCH_NAMES.search(n) for n in w_in[0] + w_hh[0]):
                yield w_in, w_hh, biases, perm


def _heads(arrays, spec, used):
    """(weight (O, H), bias (O,)) readings of the linear read-out among the unused arrays."""
    free = {name: array for name, array in arrays.items() if name not in used}
    weights = [array for array in free.values() if array.ndim == 2 and array.shape == (spec.n_out, spec.units)]
    weights += [array.T for array in free.values() if array.ndim == 2 and array.shape == (spec.units, spec.n_out)]
    biases = [array for array in free.values() if array.ndim == 1 and array.shape == (spec.n_out,)]
    if spec.n_out == 1:
        biases += [array.reshape(1) for array in free.values() if array.ndim == 0]
    for weight in weights:
        for bias in biases + [torch.zeros(spec.n_out, dtype=torch.float64)]:
            yield weight, bias


def _variants(spec):
    """Readings of the same parameters as other networks: the GRU's two formulations and two
    gate conventions; and, read as what they are so that each item judges only its own part,
    a ReLU recurrence, a classifier that ends in a softmax."""
    family = [{}]
    if spec.family == "GRU":
        family = [dict(reset_after=a, z_keeps=k) for a in (True, False) for k in (True, False)]
    if spec.family == "RNN":
        family = [{"nonlinearity": "tanh"}, {"nonlinearity": "relu"}]
    heads = [{}, {"softmax": True}] if not spec.per_step else [{}]
    return [{**f, **h} for h in heads for f in family]


def _network(spec, embedding, w_in, w_hh, biases, perm, head_w, head_b, variant, units):
    def order(matrix):
        return torch.cat([matrix.reshape(len(perm), units, *matrix.shape[1:])[g] for g in perm], 0)

    w_in, w_hh = order(w_in), order(w_hh)
    if embedding is not None:
        w_in = w_in @ embedding.T  # ids through an embedding = one-hot through (W_ih · Eᵀ)
    b_in, b_hh = (order(bias[1]) for bias in biases)
    return Network(spec, w_in, w_hh, b_in, b_hh, head_w, head_b, variant)
