"""Structural checks of a student's model, from the layer summary the child sends.

A model built from `nn.LSTM`/`nn.GRU`/`nn.RNN` (or their cells) is checked by its modules;
a hand-written recurrence, which has no such module, by the shapes of its parameters.
"""
from autograder.judge.compare import Mismatch

FAMILIES = ("RNN", "LSTM", "GRU")


def recurrent_layers(layers):
    return [layer for layer in layers if layer["type"] in FAMILIES + tuple(f"{f}Cell" for f in FAMILIES)]


def check_recurrent_layer(layers, parameter_shapes, family, units):
    """Exactly one forward `family` layer ("LSTM", "GRU", "RNN") of `units` units."""
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
