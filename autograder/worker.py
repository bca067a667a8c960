"""Grade one submission for a batch and leave every artifact in one folder.

`python -m autograder.worker SUBMISSION OUTDIR [options]` writes OUTDIR/results.json,
feedback.md, figures/*.png and, last, row.json (the grades.csv row, per-item scores, the
status, the note on how the submission was found and its fingerprint). A batch knows a
submission is done when row.json exists.
"""
import argparse
import ast
import json
import os
import sys
from pathlib import Path

from autograder import assignment as assignments, paths, writers
from autograder.grading import grade, skip_final_collection
from autograder.runner import sandbox
from autograder.runner.limits import Limits

PARSED_BYTES = 2 << 20  # a module larger than this is not parsed for a syntax error (grading still says)


def grade_into(submission, out, *, assignment, device, limits, hide, name=None, note="", stamp=None):
    """Grade `submission` and write its results, feedback, figures and row into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    assignment = assignments.load(assignment)
    report = grade(submission, assignment=assignment, device=device, limits=limits, hide=hide,
                   figures_dir=out / "figures")
    writers.write_gradescope(report, out / "results.json")
    (out / "feedback.md").write_text(writers.markdown(report, figures_relative_to=out))
    root = paths.locate_submission(submission, assignment.name, assignment.modules)
    row = writers.csv_row(name or Path(submission).name, report, assignment.rubric,
                          status=status_of(report, root, assignment, limits))
    row.update(note=note, fingerprint=stamp or {})
    writers.write_atomically(out / "row.json", json.dumps(row))


def status_of(report, root, assignment, limits):
    """grades.csv's status: `empty` when no module holds work (each is missing or the untouched
    skeleton), else what went wrong, worst first (`grader error; crashed; timed out; syntax
    error in FILE; partial files; sandbox off`), else `ok`."""
    present = [module for module in assignment.modules if _regular(root / f"{module}.py")]
    if all(_untouched(root / f"{module}.py", assignment.skeletons / f"{module}.py") for module in present):
        return "empty"
    kinds = {item.status for item in report.items}
    problems = [status for status, seen in (
        ("grader error", "grader error" in kinds or any(w.startswith("grader failed") for w in report.warnings)),
        ("crashed", "crashed" in kinds),
        ("timed out", "timeout" in kinds)) if seen]
    problems += [f"syntax error in {module}.py" for module in present if _syntax_error(root / f"{module}.py")]
    if len(present) < len(assignment.modules):
        problems.append("partial files")
    if sandbox.warning(limits.sandbox):
        problems.append("sandbox off")
    return "; ".join(problems) or "ok"


def _regular(path):
    return path.is_file() and not path.is_symlink()


def _untouched(path, skeleton):
    """Whether `path` is the skeleton, whatever its line endings and trailing blank space."""
    def normal(file):
        return file.read_bytes().replace(b"\r\n", b"\n").strip()

    return skeleton.is_file() and path.stat().st_size <= PARSED_BYTES and normal(path) == normal(skeleton)


def _syntax_error(path):
    """Whether Python cannot parse the module at `path` (parsed only: nothing of it runs here)."""
    if path.stat().st_size > PARSED_BYTES:
        return False
    try:
        ast.parse(path.read_bytes(), filename=path.name)
    except (SyntaxError, ValueError):  # ValueError: a null byte
        return True
    except (RecursionError, MemoryError):  # too deeply nested to parse here: grading reports what it can
        return False
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.worker")
    parser.add_argument("submission")
    parser.add_argument("out")
    parser.add_argument("--assignment", default=None)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--limits", default="{}", help="Limits fields as JSON")
    parser.add_argument("--hide", action="append", default=[])
    parser.add_argument("--name", help="the submission's row name (default: the folder's name)")
    parser.add_argument("--note", default="", help="how the batch found the submission (nested, zip upload)")
    parser.add_argument("--stamp", default="{}", help="the batch's fingerprint of the submission, as JSON")
    args = parser.parse_args(argv)
    limits = Limits(**json.loads(args.limits))
    try:
        grade_into(args.submission, Path(args.out), assignment=args.assignment, device=args.device, limits=limits,
                   hide=args.hide, name=args.name, note=args.note, stamp=json.loads(args.stamp))
    except paths.UsageError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    code = main()
    skip_final_collection()
    raise SystemExit(code)
