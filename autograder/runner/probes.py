"""The framework's own helpers, run inside the worker on objects that stay there.

They turn models and figures into plain data (parameters, outputs, structural summaries),
and build the "probe" models with which the judge tests a student's training loop. A probe is
described as plain data (`Layered`): a list of torch.nn layers and a few tensor steps between
them; the assignment says which (the runner knows no course's architectures), and the judge
builds an identical copy with the same class to run the reference loop on.
"""
import numpy as np
import torch
from torch import nn


class Layered(nn.Module):
    """A model from a plain-data list of steps, applied in order:

    {"module": "GRU", "kwargs": {...}}: a torch.nn layer;  {"take": "output"}: a recurrent
    layer's output sequence;  {"take": "final"}: its last layer's final hidden state;
    {"onehot": V}: ids as one-hot rows of V;  {"squeeze": -1}: drop a size-1 axis.
    """

    def __init__(self, steps):
        super().__init__()
        self.steps = [dict(step) for step in steps]
        self.layers = nn.ModuleList(getattr(nn, step["module"])(**step.get("kwargs", {})) if "module" in step
                                    else nn.Identity() for step in self.steps)

    def forward(self, x):
        for step, layer in zip(self.steps, self.layers):
            if "module" in step:
                x = layer(x)
            elif "take" in step:
                final = x[1][0] if isinstance(x[1], tuple) else x[1]
                x = x[0] if step["take"] == "output" else final[-1]
            elif "onehot" in step:
                x = nn.functional.one_hot(x.long(), step["onehot"]).to(torch.get_default_dtype())
            elif "squeeze" in step:
                x = x.squeeze(step["squeeze"])
        return x


def build_probe(steps, state):
    """A `Layered` model with exactly the weights in `state` ({name: array})."""
    model = Layered(steps)
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


def run(model, x, *, train=False, seed=None, dropout=True):
    """The model's output for `x` in train or eval mode, without gradients; the mode is restored.

    `dropout=False` makes every dropout an identity for this call, wherever the model applies it
    (the judge reads a model's architecture apart from its dropout, which it judges on its own).
    """
    previous, functional = model.training, nn.functional.dropout
    model.train(train)
    if seed is not None:
        torch.manual_seed(seed)
    if not dropout:
        nn.functional.dropout = lambda value, *args, **kwargs: value
    try:
        with torch.no_grad():
            return model(torch.as_tensor(x).to(next(model.parameters()).device)).cpu()
    finally:
        model.train(previous)
        nn.functional.dropout = functional


def parameter_names(model):
    """The names of the model's trainable parameters (its state also holds buffers)."""
    return [name for name, _ in model.named_parameters()]


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
