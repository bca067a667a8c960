"""Grade one submission for a batch and leave every artifact in one folder.

`python -m autograder.worker SUBMISSION OUTDIR [options]` writes OUTDIR/results.json,
feedback.md, figures/*.png and, last, row.json (the grades.csv row and per-item scores). A
batch knows a submission is done when row.json exists.
"""
import argparse
import json
import os
import sys
from pathlib import Path

from autograder import assignment as assignments, paths, writers
from autograder.grading import grade, skip_final_collection
from autograder.runner.limits import Limits


def grade_into(submission, out, *, assignment, device, limits, hide):
    """Grade `submission` and write its results, feedback, figures and row into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    assignment = assignments.load(assignment)
    report = grade(submission, assignment=assignment, device=device, limits=limits, hide=hide,
                   figures_dir=out / "figures")
    writers.write_gradescope(report, out / "results.json")
    (out / "feedback.md").write_text(writers.markdown(report, figures_relative_to=out))
    row = writers.csv_row(Path(submission).name, report, assignment.rubric)
    row["items"] = {item.number: item.score for item in report.items}
    temporary = out / "row.json.partial"
    temporary.write_text(json.dumps(row))
    os.replace(temporary, out / "row.json")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.worker")
    parser.add_argument("submission")
    parser.add_argument("out")
    parser.add_argument("--assignment", default=None)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--limits", default="{}", help="Limits fields as JSON")
    parser.add_argument("--hide", action="append", default=[])
    args = parser.parse_args(argv)
    limits = Limits(**json.loads(args.limits))
    try:
        grade_into(args.submission, Path(args.out), assignment=args.assignment, device=args.device, limits=limits,
                   hide=args.hide)
    except paths.UsageError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    code = main()
    skip_final_collection()
    raise SystemExit(code)
