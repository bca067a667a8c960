"""The framework's own helpers, run inside the child on objects that stay there.

They turn models and figures into plain data (states, predictions, structural summaries) and
build the fixed "probe" models with which the judge tests a student's training loop. The probe
architectures are plain `nn.RNN`/`nn.LSTM`/`nn.GRU` + `nn.Linear` without dropout, so any
correct loop, however written, follows the reference loop's trajectory exactly. The judge
imports the same classes to run the reference loop on an identical copy.
"""
import numpy as np
import torch
from torch import nn


class ProbeRNN(nn.Module):
    """(B, T, I) -> (B, T, O) through nn.RNN (tanh) and a linear read-out."""

    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.recurrent = nn.RNN(input_size=n_in, hidden_size=n_hidden, batch_first=True)
        self.head = nn.Linear(in_features=n_hidden, out_features=n_out)

    def forward(self, x):
        return self.head(self.recurrent(x)[0])


class ProbeLSTM(nn.Module):
    """(B, T, 1) -> (B, T) through nn.LSTM, optional dropout and a linear read-out."""

    def __init__(self, n_units=10, dropout=0.0):
        super().__init__()
        self.recurrent = nn.LSTM(input_size=1, hidden_size=n_units, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(in_features=n_units, out_features=1)

    def forward(self, x):
        return self.head(self.drop(self.recurrent(x)[0]))[..., 0]


class ProbeGRU(nn.Module):
    """Ids (N, L) -> logits (N, C) through one-hot characters, nn.GRU, optional dropout, a linear layer."""

    def __init__(self, vocab_size, n_units=10, n_classes=2, dropout=0.0):
        super().__init__()
        self.register_buffer("codes", torch.eye(vocab_size))
        self.recurrent = nn.GRU(input_size=vocab_size, hidden_size=n_units, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(in_features=n_units, out_features=n_classes)

    def forward(self, x):
        _, final = self.recurrent(self.codes[x.long()])  # (1, N, U)
        return self.head(self.drop(final[0]))  # (N, C)


PROBES = {"rnn": ProbeRNN, "lstm": ProbeLSTM, "gru": ProbeGRU}


def build_probe(kind, kwargs, state):
    """A probe model with exactly the weights in `state` ({name: array})."""
    model = PROBES[kind](**kwargs)
    model.load_state_dict({name: torch.as_tensor(np.asarray(value)) for name, value in state.items()})
    return model


def state_of(model):
    """The model's parameters and buffers as float64 arrays, on the CPU."""
    return {name: value.detach().cpu().double().numpy() for name, value in model.state_dict().items()}


def load_state(model, state):
    """Copy `state` ({name: array}) into the model's own tensors, keeping their dtype and device."""
    own = model.state_dict()
    with torch.no_grad():
        for name, value in state.items():
            own[name].copy_(torch.as_tensor(np.asarray(value)))


def to_device(model, device):
    """Move the model to `device` ("cpu", "cuda") and return it. On a GPU, TensorFloat-32 is
    switched off (cuDNN's RNNs use it by default): results then agree with the CPU's to float32
    precision, and one set of tolerances serves both."""
    if torch.device(device).type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    return model.to(torch.device(device))


def is_training(model):
    return bool(model.training)


def set_training(model, train):
    """model.train(train), returning nothing (the judge sets the mode a check starts from)."""
    model.train(bool(train))


def run(model, x, *, train=False, seed=None):
    """The model's output for `x` in train or eval mode, without gradients; the mode is restored."""
    previous = model.training
    model.train(train)
    if seed is not None:
        torch.manual_seed(seed)
    try:
        with torch.no_grad():
            return model(torch.as_tensor(x).to(next(model.parameters()).device)).cpu()
    finally:
        model.train(previous)


def modules(model):
    """A structural summary of the recurrent and dropout layers: type, sizes, probabilities."""
    found = []
    for name, module in model.named_modules():
        entry = {"name": name, "type": type(module).__name__}
        for attribute in ("input_size", "hidden_size", "num_layers", "nonlinearity", "bidirectional", "p"):
            value = getattr(module, attribute, None)
            if isinstance(value, (int, float, str, bool)):
                entry[attribute] = value
        found.append(entry)
    return found


def parameter_shapes(model):
    return [list(parameter.shape) for parameter in model.parameters()]


def figure_png(figure):
    """The figure rendered to PNG (Agg, 80 dpi), as a uint8 array."""
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    return np.frombuffer(buffer.getvalue(), dtype=np.uint8)


def describe_figure(figure):
    """Axes, labels, legends and every line's data of a matplotlib Figure."""
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"expected a matplotlib Figure, got {type(figure).__name__}")
    axes = []
    for ax in figure.axes:
        lines = [{"label": str(line.get_label()),
                  "x": np.asarray(line.get_xdata(), dtype=float),
                  "y": np.asarray(line.get_ydata(), dtype=float)} for line in ax.get_lines()]
        axes.append({"lines": lines, "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
                     "title": ax.get_title(), "legend": ax.get_legend() is not None})
    return {"axes": axes, "figure_legend": bool(figure.legends),
            "suptitle": figure._suptitle.get_text() if figure._suptitle else ""}
