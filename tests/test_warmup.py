"""The warm-up assignment, end to end: written from docs/authoring.md and `autograder new` alone.

Does the reference score full marks and the skeleton zero; does each realistic mistake lose
exactly its items, named; does correct work in another style score full marks; and do the
verbs (check, grade-all, release, gradescope, nbgrader, new) work for a second assignment?
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder import paths
from autograder.assignment import load
from autograder.grading import grade
from autograder.release import stubs
from conftest import QUICK
from test_delivery import NBGRADER, _course, _nbgrader

NAME = "warmup"
SOLUTIONS = paths.solutions_dir(NAME)
SKELETONS = paths.assignments_dir(NAME)
RUBRIC = load(NAME).rubric
MODULES = [question.module for question in RUBRIC.questions]
PUBLIC = {item.number for item in RUBRIC.items if item.public}
BIN = Path(sys.executable).parent
ENV = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
ROOT = paths.PROJECT_ROOT

# Realistic mistakes, each as (module, [(old, new)] applied to the reference, items lost, the name shown).
MISTAKES = {
    "softmax without the max subtraction": (
        "q1_softmax", [("np.exp(z - z.max(axis=axis, keepdims=True))", "np.exp(z)")], {"1.4"},
        "leaving out the max subtraction"),
    "cross-entropy summed, not averaged": (
        "q1_softmax", [("targets].mean())", "targets].sum())")], {"1.3", "1.5"},
        "summing the negative log-likelihoods instead of averaging them"),
    "losses recorded after each step": (
        "q2_sgd_step", [("        losses.append(float(np.mean(residual ** 2)))\n", ""),
                        ("        params = sgd_step(params, grads, lr)\n",
                         "        params = sgd_step(params, grads, lr)\n"
                         "        losses.append(float(np.mean((params[0] * x + params[1] - y) ** 2)))\n")],
        {"2.4"}, "recording each loss after its step instead of at its start"),
}

# Correct work in another style than the reference's: float32 softmax via a log-sum-exp, a numpy
# scalar loss, a tuple from sgd_step, a hand-derived gradient loop with a numpy array of losses.
OTHER_STYLE = {
    "q1_softmax": '''
import numpy as np

def softmax(z, axis=-1):
    z = np.moveaxis(np.asarray(z, dtype=np.float32), axis, -1)
    log_norm = z.max(-1, keepdims=True) + np.log(np.exp(z - z.max(-1, keepdims=True)).sum(-1, keepdims=True))
    return np.moveaxis(np.exp(z - log_norm), -1, axis)

def cross_entropy(logits, targets):
    total = 0.0
    for row, target in zip(np.asarray(logits, dtype=float), targets):
        m = max(row)
        total += m + np.log(sum(np.exp(v - m) for v in row)) - row[target]
    return np.float64(total / len(targets))
''',
    "q2_sgd_step": '''
import numpy as np

def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))

def fit_line(x, y, lr=0.1, n_steps=200):
    a, b, n = 0.0, 0.0, len(x)
    losses = np.zeros(n_steps)
    for k in range(n_steps):
        errors = [a * xi + b - yi for xi, yi in zip(x, y)]
        losses[k] = sum(e * e for e in errors) / n
        da = sum(2 * e * xi for e, xi in zip(errors, x)) / n
        db = sum(2 * e for e in errors) / n
        a, b = sgd_step([a, b], [da, db], lr)
    return np.float64(a), np.float64(b), losses
''',
}


def mutate(module, replacements):
    """The reference module's source with each (old, new) applied exactly once (conftest.mutate
    reads only Tutorial 8's solutions)."""
    source = (SOLUTIONS / f"{module}.py").read_text()
    for old, new in replacements:
        assert source.count(old) == 1, f"mutation target not unique in {module}: {old!r}"
        source = source.replace(old, new)
    return source


def autograder(*args, cwd=ROOT, timeout=300):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=ENV, timeout=timeout)


def scores(report):
    return {item.number: item.score for item in report.items}


def lost(report):
    return {item.number for item in report.items if item.score < item.max_score}


@pytest.fixture(scope="session")
def reference_report():
    return grade(SOLUTIONS, assignment=NAME, limits=QUICK)


@pytest.fixture(scope="session")
def skeleton_report():
    return grade(SKELETONS, assignment=NAME, limits=QUICK)


# -- the assignment itself ----------------------------------------------------------------------
def test_reference_scores_full_marks(reference_report):
    assert [item.number for item in reference_report.items if not item.passed] == []
    assert reference_report.score == reference_report.max_score == 20


def test_skeleton_scores_zero_saying_not_implemented(skeleton_report):
    assert skeleton_report.score == 0 and skeleton_report.max_score == 20
    assert all("not implemented yet" in item.feedback for item in skeleton_report.items)


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_loses_exactly_its_items_and_is_named(tmp_path, mistake):
    module, replacements, items, name = MISTAKES[mistake]
    (tmp_path / f"{module}.py").write_text(mutate(module, replacements))
    question = int(module[1])
    report = grade(tmp_path, assignment=NAME, questions=[question], limits=QUICK)
    assert lost(report) == items
    assert all(item.score == 0 for item in report.items if item.number in items)
    for item in report.items:
        if item.number in items:
            assert "Likely mistake" in item.feedback and name in item.feedback.replace("\n  ", " "), item.feedback


def test_correct_work_in_another_style_scores_full_marks(tmp_path):
    for module, source in OTHER_STYLE.items():
        (tmp_path / f"{module}.py").write_text(source)
    report = grade(tmp_path, assignment=NAME, limits=QUICK)
    assert {number: item.feedback for number, item in ((i.number, i) for i in report.items) if not item.passed} == {}
    assert report.score == 20


def test_skeletons_are_generated_from_the_solutions():
    assert stubs.drifted(SOLUTIONS, SKELETONS) == []
    assert sorted(p.name for p in SKELETONS.glob("q*.py")) == sorted(p.name for p in SOLUTIONS.glob("q*.py")) == \
        sorted(f"{module}.py" for module in MODULES)


def _handout(path):
    """The markdown cells of a percent-format module, as one line of text."""
    lines, inside = [], False
    for line in path.read_text().splitlines():
        if line.startswith("# %%"):
            inside = "[markdown]" in line
        elif inside:
            lines.append(line.removeprefix("#").strip())
    return re.sub(r"\s+", " ", " ".join(lines))


def test_every_item_quotes_its_handout_word_for_word():
    handouts = {f"handout Q{question.number}": _handout(SOLUTIONS / f"{question.module}.py")
                for question in RUBRIC.questions}
    for item in RUBRIC.items:
        assert item.source == f"handout Q{item.question}", item.number
        for fragment in item.quote.split(" … "):
            assert fragment.strip() in handouts[item.source], (item.number, fragment)


# -- the verbs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("folder, status", [(SOLUTIONS, 0), (SKELETONS, 1)])
def test_check_runs_the_public_items(folder, status):
    run = autograder("check", "--assignment", NAME, "--path", folder)
    assert run.returncode == status, run.stdout + run.stderr
    rows = {line.split()[0] for line in run.stdout.splitlines() if re.match(r"\d+\.\d+\s", line)}
    assert rows == PUBLIC


def test_grade_all_writes_grades_csv(tmp_path):
    shutil.copytree(SOLUTIONS, tmp_path / "class" / "reference")
    shutil.copytree(SKELETONS, tmp_path / "class" / "skeleton")
    run = autograder("grade-all", tmp_path / "class", "--assignment", NAME, "--out", tmp_path / "out", "--jobs", 2)
    assert run.returncode == 0, run.stderr
    with open(tmp_path / "out" / "grades.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The contract's columns come first (grade-all may append more: a note, per-item scores).
    assert list(rows[0])[:5] == ["submission", "q1", "q2", "total", "status"]
    grades = {row["submission"]: row for row in rows}
    assert float(grades["reference"]["total"]) == 20 and grades["reference"]["status"] == "ok"
    assert float(grades["skeleton"]["total"]) == 0


def test_release_writes_a_template_whose_public_checks_pass_on_the_reference(tmp_path):
    template = tmp_path / "template"
    run = autograder("release", "--assignment", NAME, "--out", template)
    assert run.returncode == 0, run.stderr
    assert (template / ".autograder" / "autograder" / "graders" / NAME / "recording.bin").is_file()
    assert not list(template.rglob("hidden")) and not (template / "solutions").exists()
    for path in SOLUTIONS.glob("*.py"):
        shutil.copy(path, template / "assignments" / NAME / path.name)
    # As a student runs it: the template's public build, no solutions anywhere.
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import autograder.cli as cli; "
            "raise SystemExit(cli.main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", code, str(template / ".autograder"), "check"],
                         capture_output=True, text=True, cwd=template, env=ENV, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert {line.split()[0] for line in run.stdout.splitlines() if re.match(r"\d+\.\d+\s", line)} == PUBLIC


def test_gradescope_zip_holds_the_solutions(tmp_path):
    archive = tmp_path / "x.zip"
    run = autograder("gradescope", "--assignment", NAME, "--out", archive)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
    assert {"setup.sh", "run_autograder"} <= set(names)
    assert {f"solutions/{NAME}/{module}.py" for module in MODULES} <= set(names)


@NBGRADER
def test_real_nbgrader_autogrades_the_reference_full_and_the_skeleton_zero(tmp_path):
    course = _course(tmp_path, assignment=NAME)
    shutil.copytree(course / "source" / NAME, course / "submitted" / "reference" / NAME)
    shutil.copytree(course / "release" / NAME, course / "submitted" / "skeleton" / NAME)
    _nbgrader(course, "autograde", NAME, "--force")
    _nbgrader(course, "export")
    with open(course / "grades.csv") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    total = sum(item.points for item in RUBRIC.items)
    assert float(rows["reference"]["score"]) == float(rows["reference"]["max_score"]) == total
    assert float(rows["skeleton"]["score"]) == 0.0


def test_new_scaffolds_an_assignment_that_grades_its_reference_10_and_skeleton_0(tmp_path):
    shutil.copytree(ROOT / "autograder", tmp_path / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    run = autograder("new", "demo", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert str(tmp_path / "solutions" / "demo") in run.stdout  # the copy, not this checkout
    for folder, total in (("solutions", 10), ("assignments", 0)):
        run = autograder("grade", f"{folder}/demo", "--assignment", "demo", "--results", tmp_path / "r.json",
                         "--jobs", 1, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        assert f"Total: {total}/10" in run.stdout, run.stdout
