"""Does `autograder grade-all` grade a mixed class correctly, in parallel, resumably, and survive
broken, hanging and hostile submissions without losing anyone else's grade?"""
import csv
import re
import shutil
import subprocess
import sys

import pytest

from autograder.grading import grade
from autograder.runner.limits import Limits
from conftest import SKELETONS, SOLUTIONS, mutate, reference_source
from test_hostile import ATTACKS
from test_q1_grading import MISTAKES

Q1 = "q1_rnn_forward"
LIMITS = Limits(call_seconds=5, import_seconds=15)


def _class_folder(root):
    """20 submissions: full reference and skeleton, Q1-only mistakes, hostile and broken ones."""
    shutil.copytree(SOLUTIONS, root / "ref_full")
    shutil.copytree(SKELETONS, root / "skeleton_full")
    (root / "empty").mkdir()
    for index, (name, (replacements, _, _)) in enumerate(list(MISTAKES.items())[:8]):
        folder = root / f"mistake_{index}"
        folder.mkdir()
        (folder / f"{Q1}.py").write_text(mutate(Q1, *replacements))
    for index, name in enumerate(list(ATTACKS)[:7]):
        prepend, append, _ = ATTACKS[name]
        folder = root / f"hostile_{index}"
        folder.mkdir()
        (folder / f"{Q1}.py").write_text(prepend + reference_source(Q1) + append)
    for name, source in {"hang": reference_source(Q1) + "\n\ndef elman_forward(*a, **k):\n    while True:\n        pass\n",
                         "syntax": "def broken(:\n"}.items():
        (root / name).mkdir()
        (root / name / f"{Q1}.py").write_text(source)
    return root


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The class graded once with --jobs 2 through the command line; its output folder."""
    submissions = _class_folder(tmp_path_factory.mktemp("class"))
    out = tmp_path_factory.mktemp("grades")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(submissions), "--out", str(out),
                          "--jobs", "2", "--call-seconds", "5"], capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr
    return submissions, out, run


def rows(out):
    with open(out / "grades.csv") as handle:
        return {row["submission"]: row for row in csv.DictReader(handle)}


def test_every_submission_has_a_row_and_artifacts(batch):
    submissions, out, run = batch
    table = rows(out)
    assert len(table) == 20 and set(table) == {p.name for p in submissions.iterdir()}
    assert list(next(iter(table.values()))) == ["submission", "q1", "q2", "q3", "q4", "total", "status"]
    for name in table:
        assert (out / name / "results.json").is_file() and (out / name / "feedback.md").is_file()
    assert (out / "summary.md").is_file() and (out / "summary.png").stat().st_size > 1000
    assert "[20/20]" in run.stderr


# One of each kind: grading all twenty again alone would double the suite's longest test.
ALONE = ("ref_full", "skeleton_full", "empty", "hang", "syntax", "mistake_0", "hostile_0", "hostile_3")


def test_grades_match_grading_each_submission_alone(batch):
    submissions, out, _ = batch
    table = rows(out)
    for folder in (submissions / name for name in ALONE):
        alone = grade(folder, assignment="tutorial8_rnn", limits=Limits(call_seconds=5))
        scores = alone.question_scores()
        assert [table[folder.name][f"q{q}"] for q in (1, 2, 3, 4)] == [f"{scores[q][0]:g}" for q in (1, 2, 3, 4)], folder.name
        assert table[folder.name]["total"] == f"{alone.score:g}" and table[folder.name]["status"] == alone.status


def test_statuses_say_what_went_wrong(batch):
    table = rows(batch[1])
    assert table["ref_full"]["total"] == "100" and table["ref_full"]["status"] == "ok"
    assert table["skeleton_full"]["total"] == "0" and table["skeleton_full"]["status"] == "ok"
    assert table["empty"]["status"] == "missing file"
    assert "timeout" in table["hang"]["status"] and table["hang"]["q1"] == "8"
    assert "crashed" in table["hostile_3"]["status"]  # os._exit inside jordan_forward


def test_feedback_shows_the_figures(batch):
    out = batch[1]
    feedback = (out / "ref_full" / "feedback.md").read_text()
    for name in ("q2_plot_predictions", "q3_plot_learning_curve", "q4_plot_history"):
        assert f"(figures/{name}.png)" in feedback and (out / "ref_full" / "figures" / f"{name}.png").is_file()


def test_summary_ranks_lost_items_and_the_batch_process_stays_small(batch):
    summary = (batch[1] / "summary.md").read_text()
    assert "## Items the class lost most" in summary
    peak = float(re.search(r"peaked at (\d+) MiB", summary).group(1))
    assert peak < 500


def test_a_rerun_skips_what_is_graded_unless_forced(batch):
    submissions, out, _ = batch
    before = (out / "ref_full" / "row.json").stat().st_mtime
    run = subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(submissions), "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "graded 0 submission(s), 20 already done" in run.stdout
    assert (out / "ref_full" / "row.json").stat().st_mtime == before


def test_usage_errors(tmp_path):
    run = subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(tmp_path), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "no submissions" in run.stderr
    run = subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(tmp_path), "--out", "o", "--jobs", "0"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "not a positive whole number" in run.stderr
