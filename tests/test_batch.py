"""Does `autograder grade-all` grade a mixed class correctly, in parallel, resumably, and survive
broken, hanging and hostile submissions without losing anyone else's grade?"""
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from autograder import assignment as assignments, batch as batches, summary
from autograder.grading import grade
from autograder.results import ItemResult, Report
from autograder.runner.limits import Limits
from autograder.worker import status_of
from conftest import SKELETONS, SOLUTIONS, mutate, reference_source
from test_gradebook import canvas_problems
from test_hostile import ATTACKS
from test_q1_grading import MISTAKES

Q1 = "q1_rnn_forward"
LIMITS = Limits(call_seconds=5, import_seconds=15)
# Of test_hostile's attacks (each graded alone there): an exit at import, a crash inside a function,
# fake results printed and written over a wrong answer.
HOSTILE = (0, 3, 6)


def _class_folder(root):
    """14 submissions: full reference and skeleton, Q1-only mistakes, hostile and broken ones, one
    nested a folder down and one uploaded as a zip."""
    shutil.copytree(SOLUTIONS, root / "ref_full")
    shutil.copytree(SKELETONS, root / "skeleton_full")
    (root / "empty").mkdir()
    for index, (name, (replacements, _, _)) in enumerate(list(MISTAKES.items())[:4]):
        folder = root / f"mistake_{index}"
        folder.mkdir()
        (folder / f"{Q1}.py").write_text(mutate(Q1, *replacements))
    for index, name in enumerate(ATTACKS):
        if index not in HOSTILE:
            continue
        prepend, append, _ = ATTACKS[name]
        folder = root / f"hostile_{index}"
        folder.mkdir()
        (folder / f"{Q1}.py").write_text(prepend + reference_source(Q1) + append)
    for name, source in {"hang": reference_source(Q1) + "\n\ndef elman_forward(*a, **k):\n    while True:\n        pass\n",
                         "syntax": "def broken(:\n"}.items():
        (root / name).mkdir()
        (root / name / f"{Q1}.py").write_text(source)
    (root / "nested" / "tutorial").mkdir(parents=True)
    (root / "nested" / "tutorial" / f"{Q1}.py").write_text(reference_source(Q1))
    with zipfile.ZipFile(root / "zipped.zip", "w") as archive:
        archive.writestr(f"zipped/{Q1}.py", reference_source(Q1))
        archive.writestr("__MACOSX/._junk", "x")
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
    assert len(table) == 14 and set(table) == {p.name.removesuffix(".zip") for p in submissions.iterdir()}
    columns = list(next(iter(table.values())))
    assert columns[:7] == ["submission", "q1", "q2", "q3", "q4", "total", "status"]  # the contract's, first
    assert columns[7] == "note" and columns[8:] == [item.number for item in assignments.load("tutorial8_rnn").rubric.items]
    for name in table:
        assert (out / name / "results.json").is_file() and (out / name / "feedback.md").is_file()
    assert (out / "summary.md").is_file() and (out / "summary.png").stat().st_size > 1000
    assert "[14/14]" in run.stderr


# One of each kind that grading could get wrong in a batch (the rest are graded alone elsewhere).
ALONE = ("ref_full", "hang", "syntax", "mistake_0", "hostile_3")


def test_grades_match_grading_each_submission_alone(batch):
    submissions, out, _ = batch
    table = rows(out)
    for folder in (submissions / name for name in ALONE):
        alone = grade(folder, assignment="tutorial8_rnn", limits=Limits(call_seconds=5))
        scores = alone.question_scores()
        assert [table[folder.name][f"q{q}"] for q in (1, 2, 3, 4)] == [f"{scores[q][0]:g}" for q in (1, 2, 3, 4)], folder.name
        assert table[folder.name]["total"] == f"{alone.score:g}"
        assert [table[folder.name][item.number] for item in alone.items] == [f"{item.score:g}" for item in alone.items]


def test_statuses_say_what_went_wrong(batch):
    """Does each real submission of the class get the status of what happened to it (`sandbox off`
    and `grader error` come from real conditions in the two tests below)?"""
    table = rows(batch[1])
    assert table["ref_full"]["total"] == "100" and table["ref_full"]["status"] == "ok"
    assert table["skeleton_full"]["total"] == "0" and table["skeleton_full"]["status"] == "empty"
    assert table["empty"]["status"] == "empty"
    assert table["mistake_0"]["status"] == "partial files"
    assert table["hang"]["status"] == "timed out; partial files" and table["hang"]["q1"] == "8"
    assert table["hostile_3"]["status"].startswith("crashed")  # os._exit inside jordan_forward
    assert table["syntax"]["status"] == f"syntax error in {Q1}.py; partial files"


def _one_student(root, source):
    """A class of one, `ann`, who submitted only Q1's module with `source`."""
    (root / "ann").mkdir(parents=True)
    (root / "ann" / f"{Q1}.py").write_text(source)
    return root


def test_grading_without_the_sandbox_says_sandbox_off(tmp_path):
    """Graded with the sandbox switched off (--sandbox none), does the row say so, the grade unchanged?"""
    run = _grade_all(_one_student(tmp_path / "class", reference_source(Q1)), tmp_path / "out", "--sandbox", "none")
    assert run.returncode == 0, run.stderr
    row = rows(tmp_path / "out")["ann"]
    assert (row["status"], row["q1"]) == ("partial files; sandbox off", "20")


def test_a_grading_process_that_fails_is_a_grader_error_not_a_crash(tmp_path):
    """With the reference solutions missing (AUTOGRADER_SOLUTIONS set to an empty place), does the
    row say `grader error` and why, rather than blame the student's code, and the batch finish?"""
    env = {**os.environ, "AUTOGRADER_SOLUTIONS": str(tmp_path / "nowhere")}
    run = _grade_all(_one_student(tmp_path / "class", reference_source(Q1)), tmp_path / "out", env=env)
    assert run.returncode == 0, run.stderr
    row = rows(tmp_path / "out")["ann"]
    assert row["status"].startswith("grader error (the grading process exited with 2: autograder: reference "
                                    "solutions not found at "), row["status"]
    assert row["total"] == "0" and "grader error" in (tmp_path / "out" / "summary.md").read_text()


def test_nested_and_zipped_uploads_are_found_and_graded(batch):
    table = rows(batch[1])
    assert table["nested"]["q1"] == "20" and table["nested"]["note"] == "nested: graded from tutorial/"
    assert table["zipped"]["q1"] == "20" and table["zipped"]["note"] == "zip upload zipped.zip; nested: graded from zipped/"


def test_feedback_shows_the_figures(batch):
    out = batch[1]
    feedback = (out / "ref_full" / "feedback.md").read_text()
    for name in ("q2_plot_predictions", "q3_plot_learning_curve", "q4_plot_history"):
        assert f"(figures/{name}.png)" in feedback and (out / "ref_full" / "figures" / f"{name}.png").is_file()


def test_summary_ranks_lost_items_and_the_batch_process_stays_small(batch):
    summary = (batch[1] / "summary.md").read_text()
    assert "## Items the class lost most" in summary
    assert "14 submissions: 12 attempted, 2 empty" in summary  # skeleton_full and empty, left out
    assert "| mistake | students | items it cost |" in summary  # the Q1 mistakes, named and ranked
    assert "| W instead of Wᵀ | 1 | 1.1, 1.2, 1.3 |" in summary  # one mistake, however many others the same output fits
    table = summary.split("| mistake | students | items it cost |\n| --- | --- | --- |\n")[1].split("\n\n")[0]
    counts = [int(row.split("|")[2]) for row in table.splitlines()]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2  # ranked by how many made it
    peak = float(re.search(r"peaked at (\d+) MiB", summary).group(1))
    assert peak < 500


def test_a_rerun_skips_what_is_graded_unless_forced(batch):
    submissions, out, _ = batch
    before = (out / "ref_full" / "row.json").stat().st_mtime
    run = _grade_all(submissions, out, timeout=300)  # the same options: a change of options regrades
    assert run.returncode == 0 and "graded 0 submission(s), 14 already done" in run.stdout
    assert (out / "ref_full" / "row.json").stat().st_mtime == before


def test_usage_errors(tmp_path):
    run = subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(tmp_path), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "no submissions" in run.stderr
    run = subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(tmp_path), "--out", "o", "--jobs", "0"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "not a positive whole number" in run.stderr
    (tmp_path / "ann").mkdir()
    no_bwrap = {**os.environ, "PATH": os.path.dirname(sys.executable)}  # bubblewrap is not on it
    run = _grade_all(tmp_path, tmp_path / "o", "--sandbox", "bwrap", env=no_bwrap)
    assert run.returncode == 2 and "bubblewrap sandbox was required" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "o" / "ann").exists()  # refused once, before any student


def _grade_all(submissions, out, *more, timeout=600, env=None):
    return subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(submissions), "--out", str(out),
                           "--jobs", "2", "--call-seconds", "5", *more],
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Two Q1-only submissions graded once; the folder, the output and its files as first written."""
    submissions = tmp_path_factory.mktemp("small")
    for name, source in {"alice": reference_source(Q1), "bob": mutate(Q1, *list(MISTAKES.values())[0][0])}.items():
        (submissions / name).mkdir()
        (submissions / name / f"{Q1}.py").write_text(source)
    out = tmp_path_factory.mktemp("small_out")
    assert _grade_all(submissions, out).returncode == 0
    first = {name: (out / name).read_text() for name in ("grades.csv", "grades_long.csv", "gradebook_canvas.csv")}
    return submissions, out, first


def test_shards_merged_equal_the_unsharded_run(small, tmp_path):
    """Does grading two shards apart and merging them give exactly the gradebooks of one run?"""
    submissions, _, first = small
    shards = [tmp_path / "shard1", tmp_path / "shard2"]
    runs = [subprocess.Popen([sys.executable, "-m", "autograder", "grade-all", str(submissions), "--out", str(shard),
                              "--jobs", "1", "--call-seconds", "5", "--shard", f"{index}/2"])
            for index, shard in enumerate(shards, 1)]
    assert [run.wait(600) for run in runs] == [0, 0]
    assert [set(rows(shard)) for shard in shards] == [{"alice"}, {"bob"}]  # by their names' hashes: one each
    merged = subprocess.run([sys.executable, "-m", "autograder", "merge", *map(str, shards), "--out",
                             str(tmp_path / "merged")], capture_output=True, text=True)
    assert merged.returncode == 0, merged.stderr
    assert {name: (tmp_path / "merged" / name).read_text() for name in first} == first
    assert (tmp_path / "merged" / "alice" / "feedback.md").is_file()


def test_a_roster_joins_ids_and_canvas_takes_the_gradebook(small, tmp_path):
    """Do ids and emails join by folder name, and does the Canvas CSV pass Canvas's documented import rules?"""
    _, out, _ = small
    (tmp_path / "roster.csv").write_text("name,folder,id,email\nAlice A,alice,S001,alice@uni.edu\n")
    merged = subprocess.run([sys.executable, "-m", "autograder", "merge", str(out), "--out", str(tmp_path / "m"),
                             "--roster", str(tmp_path / "roster.csv")], capture_output=True, text=True)
    assert merged.returncode == 0, merged.stderr
    table = rows(tmp_path / "m")
    assert (table["alice"]["id"], table["alice"]["email"], table["bob"]["id"]) == ("S001", "alice@uni.edu", "")
    assert canvas_problems(tmp_path / "m" / "gradebook_canvas.csv") == []
    with open(tmp_path / "m" / "gradebook_canvas.csv") as handle:
        canvas = list(csv.reader(handle))
    assert canvas[0][5:] == ["tutorial8_rnn"] and canvas[1][5:] == ["100"]  # a new assignment, worth 100
    assert canvas[2] == ["Alice A", "", "S001", "alice@uni.edu", "", "20"]  # matched by SIS User ID
    assert canvas[3] == ["bob", "", "", "", "", table["bob"]["total"]]  # not on the roster: matched by name on review
    with open(tmp_path / "m" / "grades_long.csv") as handle:
        long = list(csv.DictReader(handle))
    assert list(long[0]) == ["submission", "item", "score", "max_score", "status"] and len(long) == 2 * len(assignments.load("tutorial8_rnn").rubric.items)


def test_only_what_changed_is_regraded(small):
    """After one student's file changes, does a rerun regrade just that student, and say why?"""
    submissions, out, _ = small
    before = (out / "alice" / "row.json").stat().st_mtime
    (submissions / "bob" / f"{Q1}.py").write_text(reference_source(Q1))
    run = _grade_all(submissions, out)
    assert run.returncode == 0 and "graded 1 submission(s), 1 already done" in run.stdout, run.stderr
    assert (out / "alice" / "row.json").stat().st_mtime == before and rows(out)["bob"]["q1"] == "20"
    assert "| bob | files changed |" in (out / "summary.md").read_text()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_batch_writes_what_it_finished_and_says_how_to_resume(small, tmp_path, signum):
    """Ctrl-C (SIGINT to the terminal's whole process group) or SIGTERM mid-batch: exit 130 or 143
    without a traceback, a valid grades.csv with the finished rows, a resume hint."""
    submissions, out, _ = small
    shutil.copytree(submissions, tmp_path / "class")
    shutil.copytree(out, tmp_path / "out")  # alice and bob graded already: only the new one runs
    (tmp_path / "class" / "zed").mkdir()
    (tmp_path / "class" / "zed" / f"{Q1}.py").write_text(reference_source(Q1) + "\nimport time\ntime.sleep(300)\n")
    run = subprocess.Popen([sys.executable, "-m", "autograder", "grade-all", str(tmp_path / "class"), "--out",
                            str(tmp_path / "out"), "--call-seconds", "5"], stderr=subprocess.PIPE, text=True,
                           start_new_session=True)  # its own group, as a terminal gives a command
    while not (tmp_path / "out" / "zed" / "grading.log").exists():
        time.sleep(0.2)
    time.sleep(2)
    os.killpg(run.pid, signum)
    stderr = run.communicate(timeout=60)[1]
    assert run.returncode == 128 + signum and "Traceback" not in stderr
    assert "rerun the same command to resume" in stderr and "2 of 3 submission(s) graded" in stderr
    with open(tmp_path / "out" / "grades.csv", newline="") as handle:
        reader = csv.DictReader(handle)
        table = {row["submission"]: row for row in reader}
    assert reader.fieldnames[:7] == ["submission", "q1", "q2", "q3", "q4", "total", "status"]
    assert set(table) == {"alice", "bob"} and table["alice"]["q1"] == "20"
    assert "interrupted" in (tmp_path / "out" / "summary.md").read_text()


def report(*statuses, warnings=()):
    return Report("s", "tutorial8_rnn", [ItemResult(f"1.{i}", "x", 0, 1, "", True, status)
                                         for i, status in enumerate(statuses, 1)], warnings=list(warnings))


def test_statuses_name_the_worst_problems_first(tmp_path):
    """Are several problems named together, worst first? (Reports built here: each status alone
    comes from a real submission or condition in the tests above.)"""
    tutorial = assignments.load("tutorial8_rnn")
    (tmp_path / f"{Q1}.py").write_text(reference_source(Q1))
    assert status_of(report("passed"), tmp_path, tutorial, Limits()) == "partial files"
    assert status_of(report("timeout", "crashed", "grader error"), tmp_path, tutorial, Limits()) == \
        "grader error; crashed; timed out; partial files"
    assert status_of(report("passed"), tmp_path, tutorial, Limits(sandbox="none")) == "partial files; sandbox off"
    assert status_of(report("passed", warnings=["grader failed to load: x"]), tmp_path, tutorial,
                     Limits()).startswith("grader error")
    for module in tutorial.modules:
        shutil.copy(SKELETONS / f"{module}.py", tmp_path / f"{module}.py")
    assert status_of(report("not implemented"), tmp_path, tutorial, Limits()) == "empty"


def test_zip_uploads_are_unpacked_safely(tmp_path, monkeypatch):
    """Are paths out of the folder, links and bombs refused, and never written outside it?"""
    def upload(name, entries, link=None):
        path = tmp_path / f"{name}.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for entry, text in entries.items():
                archive.writestr(entry, text)
            if link:
                info = zipfile.ZipInfo(link)
                info.external_attr = 0o120777 << 16
                archive.writestr(info, "/etc/passwd")
        return batches._unpack(path, tmp_path / "unpacked" / name)

    assert "unsafe path" in upload("escape", {"../evil.py": "x"}).note and not (tmp_path / "unpacked" / "evil.py").exists()
    assert "unsafe path" in upload("absolute", {"/tmp/evil.py": "x"}).note
    linked = upload("linked", {f"{Q1}.py": "x"}, link="q2.py")
    assert not os.path.lexists(linked.root / "q2.py") and (linked.root / f"{Q1}.py").is_file()
    monkeypatch.setattr(batches, "UNZIPPED_BYTES", 1000)
    assert "more than" in upload("bomb", {"big.py": "0" * 5000}).note
    monkeypatch.setattr(batches, "ZIP_ENTRIES", 3)
    assert "more than 3 entries" in upload("many", {f"f{i}.py": "" for i in range(4)}).note
    (tmp_path / "broken.zip").write_text("not a zip")
    assert "not unpacked" in batches._unpack(tmp_path / "broken.zip", tmp_path / "unpacked" / "broken").note


def test_links_are_skipped_and_a_single_inner_folder_is_descended(tmp_path):
    (tmp_path / "class" / "peggy" / "tutorial8_rnn").mkdir(parents=True)
    (tmp_path / "class" / "peggy" / "tutorial8_rnn" / f"{Q1}.py").write_text("x")
    (tmp_path / "class" / "linked").symlink_to(tmp_path / "class" / "peggy")
    found, skipped = batches.discover(tmp_path / "class", tmp_path / "unpacked")
    assert [(s.name, s.root.name) for s in found] == [("peggy", "tutorial8_rnn")] and "link" in skipped["linked"]


def test_why_a_submission_is_regraded(tmp_path):
    (tmp_path / "a").mkdir()
    stamp = {"files": "f", "grader": "g", "options": "o"}
    (tmp_path / "a" / "row.json").write_text(json.dumps({"fingerprint": stamp}))
    assert batches._why_grade("a", tmp_path, stamp, False, ()) == ""
    assert batches._why_grade("a", tmp_path, {**stamp, "grader": "G", "options": "O"}, False, ()) == \
        "grader changed, options changed"
    assert batches._why_grade("a", tmp_path, stamp, False, ("b",)) == ""
    assert batches._why_grade("b", tmp_path, stamp, False, ("b",)) == "asked for (--only)"
    assert batches._why_grade("a", tmp_path, stamp, True, ()) == "forced (--force)"


def test_the_eta_comes_from_finished_submissions_only():
    progress = batches.Progress(10, io.StringIO(), 100, jobs=2)
    progress.started("a")
    progress.started("b")
    assert progress.eta() is None
    progress.began["a"] -= 20  # a took 20 s
    progress.finished("a", {"total": "0", "status": "ok"})
    assert progress.eta() == pytest.approx(20 * 9 / 2, abs=1)


def test_a_feedback_line_naming_several_mistakes_counts_each():
    line = "Likely mistake: your output is what W instead of Wᵀ — or leaving out the output bias c gives."
    assert summary._named(line) == ["W instead of Wᵀ", "leaving out the output bias c"]
    assert summary._named("Likely mistake: the losses are what a missing zero_grad gives.") == ["a missing zero_grad"]
