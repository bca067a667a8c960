"""Render a `Report`: a terminal table and Gradescope's results.json."""
import json
import os
import re
import tempfile
import textwrap
from pathlib import Path

WIDTH = 100


def text_table(report):
    """The readable summary `autograder grade` prints: item, points, feedback, totals."""
    lines = [f"Grading {report.submission} ({report.assignment})", ""]
    lines.append(f"{'item':<6} {'points':>11}  {'test':<52} ")
    lines.append("-" * WIDTH)
    for item in report.items:
        mark = "ok" if item.passed else "--"
        points = f"{_num(item.score)}/{_num(item.max_score)}"
        lines.append(f"{item.number:<6} {points:>11}  {mark}  {item.name}")
        if not item.passed and item.feedback:
            for line in item.feedback.splitlines():
                lines.extend(textwrap.wrap(line, WIDTH - 8, initial_indent=" " * 8,
                                           subsequent_indent=" " * 10) or [""])
    lines.append("-" * WIDTH)
    for question, (score, top) in sorted(report.question_scores().items()):
        lines.append(f"Q{question}: {_num(score)}/{_num(top)}")
    lines.append(f"Total: {_num(report.score)}/{_num(report.max_score)}  ({report.seconds:.1f} s)")
    return "\n".join(lines + [f"warning: {w}" for w in report.warnings])


def gradescope(report):
    """Gradescope's results.json as a dict: one test per rubric item."""
    return {
        "score": report.score,
        "max_score": report.max_score,
        "execution_time": round(report.seconds, 2),
        "output": f"{report.assignment}: {_num(report.score)}/{_num(report.max_score)}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [
            {
                "name": item.name,
                "number": item.number,
                "score": item.score,
                "max_score": item.max_score,
                "status": "passed" if item.passed else "failed",
                "output": item.feedback,
                # Hidden items' inputs and feedback stay with the instructor until grades are published.
                "visibility": "visible" if item.public else "after_published",
                "tags": ["public" if item.public else "hidden"],
            }
            for item in report.items
        ],
    }


def write_gradescope(report, path):
    """results.json, written whole or not at all (a reader never sees half a file)."""
    write_atomically(path, json.dumps(gradescope(report), indent=2) + "\n")


def write_atomically(path, text):
    """Write `text` to a new file beside `path`, then rename it over `path`: one atomic step, and
    never through a link planted at `path` (the rename replaces the link itself)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.fchmod(handle, 0o644)
    try:
        with os.fdopen(handle, "w") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fence(text):
    """A Markdown code fence longer than any run of backticks in `text`, which it cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _num(value):
    return f"{value:g}"


def markdown(report, figures_relative_to=None):
    """Feedback a student can read: totals, one section per failed item, the figures drawn."""
    lines = [f"# Feedback: {report.assignment}", "",
             f"**Total: {_num(report.score)}/{_num(report.max_score)}**", "",
             "| item | test | points | status |", "| --- | --- | --- | --- |"]
    for item in report.items:
        lines.append(f"| {item.number} | {item.name} | {_num(item.score)}/{_num(item.max_score)} | {item.status} |")
    failed = [item for item in report.items if not item.passed]
    if failed:
        lines += ["", "## What to fix", ""]
        for item in failed:
            lines += [f"### {item.number} {item.name} ({_num(item.score)}/{_num(item.max_score)})", "",
                      f"{_fence(item.feedback)}text", item.feedback, _fence(item.feedback), ""]
    if report.figures:
        lines += ["", "## Your figures", ""]
        for path in report.figures:
            shown = path.relative_to(figures_relative_to) if figures_relative_to else path
            lines += [f"![{path.stem}]({shown.as_posix()})", "",
                      # the judge plots inputs it made up, so that it knows what each line must be
                      f"*{path.stem}: drawn by your code on the judge's synthetic data, not on your training run*",
                      ""]
    lines += [f"_{w}_" for w in report.warnings]
    return "\n".join(lines).rstrip() + "\n"


def csv_fields(rubric, extra=()):
    """grades.csv's columns: the contract's (submission, one per question q1, q2, …, total,
    status), then `extra` (note, roster columns), then one per rubric item (1.1, 1.2, …)."""
    return ("submission", *(f"q{question.number}" for question in rubric.questions), "total", "status", *extra,
            *(item.number for item in rubric.items))


def csv_row(name, report, rubric, status=None):
    """One grades.csv row: per-question scores, the total, the status (by default the report's),
    and `items`, the per-item scores ({number: score}, the items graded)."""
    scores = report.question_scores()
    row = {"submission": name, "total": _num(report.score), "status": status or report.status}
    for question in rubric.questions:
        row[f"q{question.number}"] = _num(scores.get(question.number, (0.0, 0.0))[0])
    row["items"] = {item.number: item.score for item in report.items}
    return row


def failed_row(name, rubric, status):
    """The grades.csv row of a submission whose grading itself failed: zero everywhere, and why."""
    return {"submission": name, **{f"q{q.number}": "0" for q in rubric.questions}, "total": "0", "status": status,
            "items": {}}
