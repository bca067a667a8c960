"""Student skeletons generated from reference solutions, nbgrader-style.

Each region between `### BEGIN SOLUTION` and `### END SOLUTION` becomes a
`raise NotImplementedError(...)`. The message repeats the `# TODO:` comment just above the
region (so the error says what to write) and names the enclosing function.
"""
import re
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
NOT_IMPLEMENTED = "not implemented yet"
HEADER = (
    '# Student skeleton, generated from the reference solution: replace each\n'
    '# `raise NotImplementedError(...)` with your code, and change nothing else.\n'
)
_DEF = re.compile(r"^(\s*)(?:async\s+)?def\s+(\w+)")


class RegionError(ValueError):
    """A solution file whose markers do not pair up."""


def stub_source(source, filename="<solution>"):
    """Return the skeleton for one solution file's source text."""
    out, region_start = [], None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if region_start is not None:
                raise RegionError(f"{filename}:{number}: nested {BEGIN}")
            region_start = number
            out.append(_raise_line(line, out, filename, number))
        elif marker == END:
            if region_start is None:
                raise RegionError(f"{filename}:{number}: {END} without {BEGIN}")
            region_start = None
        elif region_start is None:
            out.append(line)
    if region_start is not None:
        raise RegionError(f"{filename}:{region_start}: {BEGIN} is never closed")
    return HEADER + "".join(out)


def _raise_line(marker_line, previous, filename, number):
    """The `raise NotImplementedError("...")` that replaces one region."""
    indent = marker_line[: len(marker_line) - len(marker_line.lstrip())]
    function = _enclosing_function(previous, len(indent))
    if function is None:
        raise RegionError(f"{filename}:{number}: a solution region must sit inside a function")
    todo = _todo_above(previous)
    message = f"{function}: {NOT_IMPLEMENTED}" + (f" ({todo})" if todo else "")
    return f"{indent}raise NotImplementedError({message!r})\n"


def _enclosing_function(previous, indent):
    for line in reversed(previous):
        match = _DEF.match(line)
        if match and len(match.group(1)) < indent:
            return match.group(2)
    return None


def _todo_above(previous):
    text = previous[-1].strip() if previous else ""
    return text[len("# TODO:"):].strip() if text.startswith("# TODO:") else ""


def generate(solutions_dir, out_dir):
    """Write a skeleton into `out_dir` for every solution module in `solutions_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(solutions_dir).glob("q*.py")):
        (out_dir / path.name).write_text(stub_source(path.read_text(), path.name))


def drifted(solutions_dir, assignments_dir):
    """Names of skeletons in `assignments_dir` that differ from what generation produces."""
    names = []
    for path in sorted(Path(solutions_dir).glob("q*.py")):
        target = Path(assignments_dir) / path.name
        if not target.is_file() or target.read_text() != stub_source(path.read_text(), path.name):
            names.append(path.name)
    return names
