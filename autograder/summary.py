"""What a batch leaves for the TA: the gradebooks (grades.csv, grades_long.csv, Canvas's import
CSV) and the class summary (summary.md and summary.png: statistics without the non-attempts,
the named mistakes ranked, the items most of the class lost)."""
import csv
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from autograder import paths, writers

EMPTY = "empty"  # the status of a non-attempt: counted apart, left out of the statistics
MISTAKE = "Likely mistake:"  # how feedback names a known mistake
ROSTER_KEYS = ("folder", "name")  # the roster column matched to submission names, the first present
LISTED = 50  # at most this many regraded submissions are listed by name
CANVAS_GUIDE = "https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807"
CANVAS_STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")  # first, in this order
CANVAS_POINTS_ROW = "    Points Possible"  # the first cell of the row giving each assignment's points


def write(rows, out, assignment, *, roster=None, run=None):
    """Write every gradebook and the summary into `out` from the rows (row.json contents).

    `roster`: {submission name: {name, id, email}} from `read_roster`, or None;
    `run`: what this run did (seconds, jobs, peak_mib, regraded, skipped; or merged, interrupted)."""
    rows = sorted(rows, key=lambda row: row["submission"])
    rubric = assignment.rubric
    _write_grades(rows, out / "grades.csv", rubric, roster)
    _write_csv(out / "grades_long.csv", ("submission", "item", "score", "max_score", "status"),
               [{"submission": row["submission"], "item": item.number, "score": _score(row, item),
                 "max_score": f"{item.points:g}", "status": row["status"]} for row in rows for item in rubric.items])
    _write_canvas(rows, out / "gradebook_canvas.csv", assignment, roster)
    attempted = [row for row in rows if row["status"] != EMPTY]
    lines = _overview(rows, attempted, assignment.name, run or {}) + _statistics(attempted, rubric)
    lines += _statuses(rows) + _mistakes(attempted, out) + _lost_items(attempted, rubric) + _regraded(run or {})
    lines += ["![score distribution and items lost](summary.png)", ""]
    writers.write_atomically(out / "summary.md", "\n".join(lines))
    _plot(attempted, rubric, out / "summary.png")


def read_roster(path):
    """{submission name: {name, id, email, login, canvas_id}} from a roster CSV: a `folder` or
    `name` column matched to submission names, an `id` column (the institution's student id,
    Canvas's SIS User ID), and optionally `email`, `login` (Canvas's SIS Login ID, by default
    the email) and `canvas_id` (Canvas's own numeric ID)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = [column.strip().lower() for column in reader.fieldnames or ()]
            entries = [{column: (value or "").strip() for column, value in zip(columns, row.values())} for row in reader]
    except OSError as error:
        raise paths.UsageError(f"--roster {path}: {error.strerror}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise paths.UsageError(f"--roster {path}: not a UTF-8 CSV file ({error}); save it as CSV UTF-8") from None
    key = next((column for column in ROSTER_KEYS if column in columns), None)
    if key is None or "id" not in columns:
        raise paths.UsageError(f"--roster {path}: needs a folder (or name) column and an id column, it has "
                               f"{', '.join(columns) or 'none'}")
    return {entry[key]: {"name": entry.get("name") or entry[key], "id": entry["id"], "email": entry.get("email", ""),
                         "login": entry.get("login") or entry.get("email", ""), "canvas_id": entry.get("canvas_id", "")}
            for entry in entries if entry.get(key)}


def _write_grades(rows, path, rubric, roster):
    extra = ("note", "id", "email") if roster is not None else ("note",)
    table = []
    for row in rows:
        student = (roster or {}).get(row["submission"], {})
        table.append({**row, "note": row.get("note", ""), "id": student.get("id", ""),
                      "email": student.get("email", ""), **{item.number: _score(row, item) for item in rubric.items}})
    _write_csv(path, writers.csv_fields(rubric, extra), table)


def _write_canvas(rows, path, assignment, roster):
    """Canvas's gradebook import, as Instructure documents it (CANVAS_GUIDE) and its importer
    reads it (canvas-lms, app/models/gradebook_importer.rb): the header `Student, ID, SIS User ID,
    SIS Login ID, Section`, then one column per assignment, matched to an existing assignment by
    its title (or its export header `Title (id)`) and otherwise created with that title; a second
    row whose first cell is `Points Possible` gives the assignments' points (Canvas's own export
    writes it indented by four spaces); then one row per student, matched by Canvas's numeric
    `ID`, else `SIS User ID`, else `SIS Login ID` (the login, which is the email only where
    students log in with it), else by name. The roster fills them (`canvas_id`, `id`, `login`
    or else `email`, `name`); a student it lacks keeps the submission's name and is left for
    the import's review page to match."""
    title = assignment.name
    table = [{"Student": CANVAS_POINTS_ROW, title: f"{assignment.rubric.max_score:g}"}]
    for row in rows:
        student = (roster or {}).get(row["submission"], {})
        table.append({"Student": student.get("name", row["submission"]), "ID": student.get("canvas_id", ""),
                      "SIS User ID": student.get("id", ""), "SIS Login ID": student.get("login", ""),
                      title: row["total"]})
    _write_csv(path, (*CANVAS_STUDENT_COLUMNS, title), table)


def _write_csv(path, fields, table):
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(table)


def _score(row, item):
    return f"{row.get('items', {}).get(item.number, 0):g}"


def _overview(rows, attempted, name, run):
    empty = len(rows) - len(attempted)
    lines = [f"# Class summary: {name}", "",
             f"{len(rows)} submissions: {len(attempted)} attempted, {empty} empty (non-attempts, counted here "
             f"and left out of every statistic below).", ""]
    if run.get("interrupted"):
        lines += ["**This run was interrupted: only the submissions graded so far are here.**", ""]
    elif run.get("merged"):
        lines += [f"Merged from {len(run['merged'])} outputs: {', '.join(f'`{o}`' for o in run['merged'])}.", ""]
    elif "seconds" in run:
        lines += [f"This run graded {len(run['regraded'])} of them in {run['seconds']:.0f} s with --jobs "
                  f"{run['jobs']}; the batch process peaked at {run['peak_mib']:.0f} MiB.", ""]
    return lines


def _statistics(attempted, rubric):
    lines = ["## Scores of the attempted submissions", "",
             "| score | max | mean | median | min | max reached |", "| --- | --- | --- | --- | --- | --- |"]
    for key, top in [(f"q{q.number}", q.points) for q in rubric.questions] + [("total", rubric.max_score)]:
        values = [float(row[key]) for row in attempted]
        if values:
            lines.append(f"| {key} | {top:g} | {statistics.mean(values):.1f} | {statistics.median(values):g} | "
                         f"{min(values):g} | {max(values):g} |")
    return lines + [""]


def _statuses(rows):
    lines = ["## Status", "", "| status | submissions |", "| --- | --- |"]
    counts = Counter(row["status"] for row in rows).most_common()
    return lines + [f"| {_cell(status)} | {count} |" for status, count in counts] + [""]


def mistakes(rows, out):
    """[(mistake, students, items)]: each named mistake in the feedback, most students first."""
    students, items = defaultdict(set), defaultdict(set)
    for row in rows:
        results = Path(out) / row["submission"] / "results.json"
        if not results.is_file():
            continue
        for test in json.loads(results.read_text()).get("tests", []):
            for line in (test.get("output") or "").splitlines():
                for mistake in _named(line) if MISTAKE in line else ():
                    students[mistake].add(row["submission"])
                    items[mistake].add(test["number"])
    return sorted(((m, len(students[m]), sorted(items[m])) for m in students), key=lambda t: (-t[1], t[0]))


def _named(line):
    """The mistakes a feedback line names, each alone: "Likely mistake: your output is what A —
    or B gives." names A and B (the judge lists every known mistake that explains the output)."""
    text = line.split(MISTAKE, 1)[1].strip()
    if " what " in text and text.endswith(" gives."):
        text = text.split(" what ", 1)[1].removesuffix(" gives.")
    return [part.strip() for part in text.split(" — or ")]


def _mistakes(attempted, out):
    found = mistakes(attempted, out)
    lines = ["## Named mistakes", ""]
    if not found:
        return lines + ["No feedback named a known mistake.", ""]
    lines += ["| mistake | students | items it cost |", "| --- | --- | --- |"]
    return lines + [f"| {_cell(m)} | {n} | {', '.join(items)} |" for m, n, items in found] + [""]


def _lost_items(attempted, rubric):
    lines = ["## Items the class lost most", "", "| item | test | lost by |", "| --- | --- | --- |"]
    for item, lost in _lost(attempted, rubric):
        if lost:
            lines.append(f"| {item.number} | {_cell(item.name)} | {lost}/{len(attempted)} |")
    return lines + [""]


def _regraded(run):
    regraded = run.get("regraded") or {}
    lines = []
    if regraded:
        lines += ["## Graded in this run", "", "| submission | why |", "| --- | --- |"]
        lines += [f"| {_cell(name)} | {why} |" for name, why in list(regraded.items())[:LISTED]]
        lines += [f"| … | {len(regraded) - LISTED} more |"] if len(regraded) > LISTED else []
        lines += [""]
    for name, why in (run.get("skipped") or {}).items():
        lines += [f"Skipped `{name}`: {why}.", ""]
    return lines


def _cell(text):
    """`text` as one Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _lost(rows, rubric):
    """[(item, how many rows lost points on it)], most lost first, else in the rubric's order."""
    counts = [(item, sum(1 for row in rows if row.get("items", {}).get(item.number, 0) < item.points))
              for item in rubric.items]
    return sorted(counts, key=lambda pair: -pair[1])  # a stable sort keeps the rubric's order (4.2 before 4.10)


def _plot(attempted, rubric, path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 4.5))
    by_total, by_item = figure.subplots(1, 2, width_ratios=(1, 2))
    by_total.hist([float(row["total"]) for row in attempted], bins=20, range=(0, rubric.max_score), color="tab:blue")
    by_total.set_xlabel(f"total (of {rubric.max_score:g})")
    by_total.set_ylabel("submissions")
    by_total.set_title(f"Score distribution ({len(attempted)} attempted)")
    lost = {item.number: count for item, count in _lost(attempted, rubric)}
    numbers = [item.number for item in rubric.items]
    by_item.bar(numbers, [lost[n] / max(len(attempted), 1) * 100 for n in numbers], color="tab:red")
    by_item.set_ylabel("% of the attempts that lost it")
    by_item.set_xlabel("rubric item")
    by_item.set_title("Which items the class lost")
    by_item.tick_params(axis="x", labelrotation=90)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
