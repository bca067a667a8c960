"""Are the gradebooks what the tools that import them take, and is the roster read as documented?

Canvas's rules are written out here, from Instructure's guide "How do I import grades in the
Gradebook?" (https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807)
and the importer that reads the file (canvas-lms, app/models/gradebook_importer.rb), not taken from
the writer: a change to the writer cannot change what it is checked against. A real batch's file
is validated in tests/test_batch.py.
"""
import csv

import pytest

from autograder import paths, summary

# The student columns Canvas's importer recognises, in the order it requires them (`Section` ends them).
STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
# Columns Canvas computes itself: the importer drops them, so no assignment may be named like one.
COMPUTED = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade",
            "Override Score", "Override Grade", "Override Status")


def canvas_problems(path):
    """What would keep Canvas's gradebook import from reading the file at `path` as meant ([] if nothing)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0][:len(STUDENT_COLUMNS)] != STUDENT_COLUMNS:
        return [f"the header must start {', '.join(STUDENT_COLUMNS)}"]
    problems = []
    header, width = rows[0], len(STUDENT_COLUMNS)
    titles = header[width:]
    if not titles or len(set(titles)) != len(titles) or not all(t.strip() for t in titles):
        problems.append(f"one named column per assignment after {header[width - 1]}, each once: {titles}")
    problems += [f"{title!r} is named like a column Canvas computes" for title in titles
                 if any(computed in title for computed in COMPUTED)]
    problems += [f"row {number} has {len(row)} cells, the header {len(header)}"
                 for number, row in enumerate(rows, 1) if len(row) != len(header)]
    if len(rows) < 2 or "Points Possible" not in rows[1][0] or any(rows[1][1:width]):
        return problems + ["the second row must be Points Possible, its student cells empty"]
    possible = [_number(cell) for cell in rows[1][width:]]
    problems += [f"{title}: points possible {cell!r} is no positive number"
                 for title, cell, top in zip(titles, rows[1][width:], possible) if not top or top <= 0]
    for number, row in enumerate(rows[2:], 3):
        if not any(row[:4]):
            problems.append(f"row {number} names no student (Student, ID, SIS User ID or SIS Login ID)")
        problems += [f"row {number}, {title}: {cell!r} is not a score from 0 to {top:g}"
                     for title, cell, top in zip(titles, row[width:], possible)
                     if cell and not (top and 0 <= (_number(cell) or -1) <= top)]
    return problems


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def test_the_rules_reject_what_canvas_would_not_take(tmp_path):
    """Does the validator fail the shapes Canvas misreads (so that its passing means something)?"""
    def problems(*rows):
        path = tmp_path / "canvas.csv"
        with open(path, "w", newline="") as handle:
            csv.writer(handle).writerows(rows)
        return canvas_problems(path)

    points = ["    Points Possible", "", "", "", "", "100"]
    assert problems(STUDENT_COLUMNS + ["hw"], points, ["Ann", "", "S1", "", "", "87.5"]) == []
    assert problems(["Name", "SIS User ID", "hw"], ["Ann", "S1", "80"])  # not Canvas's header
    assert problems(STUDENT_COLUMNS + ["hw"], ["Ann", "", "S1", "", "", "80"])  # no Points Possible row
    assert problems(STUDENT_COLUMNS + ["Final Score"], points, ["Ann", "", "S1", "", "", "80"])
    assert problems(STUDENT_COLUMNS + ["hw"], points, ["Ann", "", "S1", "", "", "120"])  # above the points
    assert problems(STUDENT_COLUMNS + ["hw"], points, ["", "", "", "", "A", "80"])  # nobody named


def test_the_roster_fills_canvas_identifiers(tmp_path):
    """Does the login default to the email, and do canvas_id and login columns reach the Canvas file?"""
    roster = tmp_path / "roster.csv"
    roster.write_text("Folder,Name,ID,Email,Login,Canvas_ID\nann,\"Lee, Ann\",S1,ann@u.edu,alee,4242\n"
                      "bob,,S2,bob@u.edu,,\n")
    read = summary.read_roster(roster)
    assert read["ann"] == {"name": "Lee, Ann", "id": "S1", "email": "ann@u.edu", "login": "alee", "canvas_id": "4242"}
    assert read["bob"]["login"] == "bob@u.edu" and read["bob"]["name"] == "bob"


def test_a_roster_that_is_not_utf8_is_one_line(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_bytes("folder,id\nJos\xe9,S1\n".encode("cp1252"))
    with pytest.raises(paths.UsageError, match="not a UTF-8 CSV file"):
        summary.read_roster(roster)
