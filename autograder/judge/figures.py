"""Structural checks of a student's matplotlib Figure, from the plain summary the child sends.

The figure is rendered with the Agg backend in the child and never shown; the judge sees its
axes, labels, legends and line data, and checks what the question asks for.
"""
from pathlib import Path

import numpy as np

from autograder.judge.compare import Mismatch

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PNG_BYTES = 4 * 2**20


def summarize(student, figure, name):
    """The plain summary of a figure the child holds; also saved as `name`.png when asked."""
    summary = student.probe("describe_figure", figure)
    if student.figures_dir is not None:
        png = bytes(np.asarray(student.probe("figure_png", figure), dtype=np.uint8))
        if png.startswith(PNG_MAGIC) and len(png) <= MAX_PNG_BYTES:
            Path(student.figures_dir).mkdir(parents=True, exist_ok=True)
            (Path(student.figures_dir) / f"{name}.png").write_bytes(png)
    return summary


def lines_of(figure, length):
    """Every (axes index, line) whose data has `length` points."""
    return [(index, line) for index, ax in enumerate(figure["axes"]) for line in ax["lines"]
            if len(line["y"]) == length]


def find_line(figure, values, what):
    """The axes index of a line that plots `values`, or a Mismatch naming `what` is missing."""
    values = np.asarray(values, dtype=float)
    for index, line in lines_of(figure, len(values)):
        if np.allclose(line["y"], values, rtol=1e-4, atol=1e-5):
            return index
    raise Mismatch("values", f"the figure has no line with {what} ({len(values)} points)")


def require_labels(figure, indices):
    """Each axes in `indices` needs an x or y label, or a title: "labelled" read either way."""
    for index in indices:
        ax = figure["axes"][index]
        if not (ax["xlabel"] or ax["ylabel"] or ax["title"]):
            raise Mismatch("values", f"axes {index + 1} has no axis labels and no title: set_xlabel/set_ylabel")


def require_legend(figure, indices):
    """Each axes in `indices` needs a legend, unless the figure has one."""
    if figure["figure_legend"]:
        return
    for index in indices:
        if not figure["axes"][index]["legend"]:
            raise Mismatch("values", f"axes {index + 1} has no legend: label the lines and call legend()")
