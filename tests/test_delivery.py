"""Does the framework reach students where courses grade: their laptop (check), a release
template with GitHub Classroom's workflow, Gradescope's zip, and an unmodified nbgrader?"""
import ast
import base64
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import nbformat
import pytest
import yaml

import autograder
from autograder.graders.tutorial8_rnn import RUBRIC
from autograder.release import TORCH_CPU
from autograder.runner import sandbox
from conftest import BIN, ENV, SKELETONS, SOLUTIONS
from test_cli import SCHEMA
from test_stubs import _regions

PUBLIC = {item.number for item in RUBRIC.items if item.public}


def public_check(template, *args):
    """`autograder check` as a student runs it: the template's public build, no solutions anywhere."""
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import autograder.cli as cli; "
            "assert 'solutions' not in cli.__file__; raise SystemExit(cli.main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, str(template / ".autograder"), "check", *args],
                          capture_output=True, text=True, cwd=template, env=ENV, timeout=600)


def test_template_layout(template):
    for path in ("README.md", "requirements.txt", ".github/workflows/classroom.yml", ".autograder/pyproject.toml",
                 ".autograder/autograder/graders/tutorial8_rnn/recording.bin"):
        assert (template / path).is_file(), path
    assert sorted(p.name for p in (template / "assignments" / "tutorial8_rnn").glob("*.py")) == \
        sorted(p.name for p in SOLUTIONS.glob("*.py"))
    assert not list(template.rglob("hidden")) and not list(template.rglob("loops.py"))


def test_template_holds_nothing_of_the_reference(template):
    """No solution file, and no line of a solution region, anywhere in the template."""
    solution_texts = {p.read_text() for p in SOLUTIONS.glob("*.py")}
    secret = {line.strip() for p in SOLUTIONS.glob("*.py") for body in _regions(p.read_text())
              for line in body if len(line.strip()) >= 25 and not line.strip().startswith("#")}
    for path in template.rglob("*"):
        if path.is_file() and path.suffix != ".bin":
            text = path.read_text(errors="ignore")
            assert text not in solution_texts, path
            leaked = [line for line in secret if line in text]
            assert not leaked, (path, leaked[:3])


def test_check_on_the_skeleton_fails_every_public_item_saying_not_implemented(template):
    run = public_check(template)
    assert run.returncode == 1, run.stderr
    rows = [line for line in run.stdout.splitlines() if line[:1].isdigit() and "/" in line.split()[1]]
    assert {row.split()[0] for row in rows} == PUBLIC
    assert run.stdout.count("not implemented yet") == len(PUBLIC)
    assert "Counterexample" not in run.stdout and "Traceback" not in run.stdout + run.stderr


def test_check_on_the_reference_passes_and_names_mistakes_offline(template, tmp_path):
    for name in SOLUTIONS.glob("*.py"):
        shutil.copy(name, template / "assignments" / "tutorial8_rnn" / name.name)
    try:
        run = public_check(template)
        assert run.returncode == 0, run.stdout
        wrong = tmp_path / "wrong"
        wrong.mkdir()
        source = (SOLUTIONS / "q1_rnn_forward.py").read_text().replace("W.T @ h_prev", "W @ h_prev")
        (wrong / "q1_rnn_forward.py").write_text(source)
        run = public_check(template, "q1", "--path", str(wrong))
        assert run.returncode == 1 and "W instead of Wᵀ" in run.stdout
    finally:
        for name in SKELETONS.glob("*.py"):
            shutil.copy(name, template / "assignments" / "tutorial8_rnn" / name.name)


def _steps(template):
    workflow = yaml.safe_load((template / ".github" / "workflows" / "classroom.yml").read_text())
    return workflow["jobs"]["run-autograding-tests"]["steps"]


def _grading_step(template):
    steps = _steps(template)
    reporter = next(step for step in steps if str(step.get("uses", "")).startswith(
        "classroom-resources/autograding-grading-reporter@v1"))
    step = next(step for step in steps if step.get("id") == reporter["with"]["runners"])
    assert f"{step['id'].upper()}_RESULTS" in reporter["env"]
    return step["run"]


@pytest.mark.parametrize("source, total", [(SOLUTIONS, 100), (SKELETONS, 0)])
def test_classroom_grading_step_reports_every_item(template, tmp_path, source, total):
    """The workflow's grading step, run exactly as written, on the reference and the skeleton."""
    repo = tmp_path / "student-repo"
    shutil.copytree(template, repo, ignore=shutil.ignore_patterns(".autograder"))
    for name in source.glob("*.py"):
        shutil.copy(name, repo / "assignments" / "tutorial8_rnn" / name.name)
    output = tmp_path / "github_output"
    run = subprocess.run(["bash", "-e", "-c", _grading_step(template)], cwd=repo, capture_output=True, text=True,
                         env=dict(ENV, GITHUB_OUTPUT=str(output)), timeout=900)
    assert run.returncode == 0, run.stderr
    line = next(line for line in output.read_text().splitlines() if line.startswith("result="))
    result = json.loads(base64.b64decode(line.removeprefix("result=")))
    assert result["version"] == 1 and result["max_score"] == 100
    assert [t["name"].split()[0] for t in result["tests"]] == [item.number for item in RUBRIC.items]
    assert sum(t["score"] for t in result["tests"]) == total
    assert result["status"] == ("pass" if total == 100 else "fail")


def test_classroom_workflow_leaves_no_token_behind_and_installs_torchs_cpu_build(template):
    steps = _steps(template)
    checkouts = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkouts) == 2 and all(step["with"]["persist-credentials"] is False for step in checkouts)
    assert any(TORCH_CPU in step.get("run", "") for step in steps)


@pytest.mark.parametrize("works", [True, False])
def test_classroom_sandbox_step_requires_bwrap_where_it_runs_else_says_so_in_the_job_summary(template, tmp_path,
                                                                                            works):
    """The workflow's sandbox step with `sudo` stubbed out, and `bwrap` too where it should fail."""
    if works and not sandbox.bwrap_works():
        pytest.skip("bubblewrap does not run here")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name, status in {"sudo": 0, **({} if works else {"bwrap": 1})}.items():
        (stubs / name).write_text(f"#!/bin/sh\nexit {status}\n")
        (stubs / name).chmod(0o755)
    step = next(step["run"] for step in _steps(template) if step.get("name") == "Sandbox")
    env, summary = tmp_path / "github_env", tmp_path / "step_summary"
    run = subprocess.run(["bash", "-e", "-c", step], capture_output=True, text=True, timeout=120,
                         env=dict(ENV, PATH=f"{stubs}{os.pathsep}{ENV['PATH']}", GITHUB_ENV=str(env),
                                  GITHUB_STEP_SUMMARY=str(summary)))
    assert run.returncode == 0, run.stderr
    assert env.read_text() == f"AUTOGRADER_SANDBOX={'bwrap' if works else 'none'}\n"
    assert summary.exists() != works and ("::warning title=Sandbox off::" in run.stdout) != works
    if not works:
        assert summary.read_text().startswith("## ⚠️ The sandbox was OFF")


def _gradescope_layout(tmp_path):
    """Gradescope's /autograder, in `tmp_path`: the archive unpacked as source/."""
    archive = tmp_path / "autograder.zip"
    run = subprocess.run([sys.executable, "-m", "autograder", "gradescope", "--assignment", "tutorial8_rnn",
                          "--out", str(archive)], capture_output=True, text=True, env=ENV)
    assert run.returncode == 0, run.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(root / "source")
    (root / "source" / "run_autograder").chmod(0o755)
    return root


def test_gradescope_layout_grades_code_that_runs_the_reference_by_path_zero(tmp_path):
    """On Gradescope the reference lies at a known path: code that runs it earns nothing."""
    root = _gradescope_layout(tmp_path)
    (root / "submission").mkdir()
    reference = root / "source" / "solutions" / "tutorial8_rnn" / "q1_rnn_forward.py"
    (root / "submission" / "q1_rnn_forward.py").write_text(f"exec(open({str(reference)!r}).read())\n")
    run = subprocess.run([str(root / "source" / "run_autograder")], capture_output=True, text=True, timeout=900,
                         env=dict(ENV, AUTOGRADER_ROOT=str(root), AUTOGRADER_BIN=str(BIN)))
    assert run.returncode == 0, run.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results["score"] == 0 and len(results["tests"]) == len(RUBRIC.items)


def test_gradescope_run_autograder_writes_valid_results(tmp_path):
    archive = tmp_path / "autograder.zip"
    run = subprocess.run([sys.executable, "-m", "autograder", "gradescope", "--assignment", "tutorial8_rnn", "--out", str(archive)],
                         capture_output=True, text=True, env=ENV)
    assert run.returncode == 0, run.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        zipped.extractall(root / "source")
    assert {"setup.sh", "run_autograder"} <= set(names)
    setup = (root / "source" / "setup.sh").read_text()
    assert subprocess.run(["bash", "-n", "-c", setup]).returncode == 0
    assert TORCH_CPU in setup and "bubblewrap" in setup
    (root / "source" / "run_autograder").chmod(0o755)
    shutil.copytree(SOLUTIONS, root / "submission")
    run = subprocess.run([str(root / "source" / "run_autograder")], capture_output=True, text=True, timeout=900,
                         env=dict(ENV, AUTOGRADER_ROOT=str(root), AUTOGRADER_BIN=str(BIN)))
    assert run.returncode == 0, run.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, SCHEMA)
    assert results["score"] == 100 and len(results["tests"]) == len(RUBRIC.items)
    for hidden in ("solutions/tutorial8_rnn", "autograder/graders/tutorial8_rnn", "autograder/judge"):
        assert not (root / "source" / hidden).stat().st_mode & 0o077, hidden  # workers of their own user
    assert {test["number"]: test["visibility"] for test in results["tests"]} == \
        {item.number: "visible" if item.public else "after_published" for item in RUBRIC.items}


def test_the_package_parses_as_python_3_10():
    """Gradescope's default image (Ubuntu 22.04) has Python 3.10, the oldest pyproject.toml allows."""
    for path in Path(autograder.__file__).parent.rglob("*.py"):
        ast.parse(path.read_text(), str(path), feature_version=(3, 10))


NBGRADER = pytest.mark.skipif(shutil.which("nbgrader", path=str(BIN)) is None, reason="nbgrader is not installed")
# An answer cell that makes every in-kernel grading cell claim its item's full points.
PATCH = """

try:  # the framework is not importable where the sandbox grades: the real work still counts there
    import autograder.notebook as _notebook
    from autograder.graders.tutorial8_rnn import RUBRIC as _RUBRIC
    _notebook.NotebookGrader.points = lambda self, number: next(i.points for i in _RUBRIC.items if i.number == number)
except ImportError:
    pass
"""


def _nbgrader(course, *args):
    run = subprocess.run(["nbgrader", *args], cwd=course, capture_output=True, text=True, env=ENV, timeout=1500)
    assert run.returncode == 0, run.stderr[-3000:]


def _course(folder, *config, assignment="tutorial8_rnn"):
    """A generated nbgrader course in `folder`, with these lines added to its nbgrader_config.py."""
    course = folder / "course"
    subprocess.run([sys.executable, "-m", "autograder", "nbgrader", "--assignment", assignment, "--course-dir", str(course)], check=True, env=ENV)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.writelines(line + "\n" for line in config)
    _nbgrader(course, "generate_assignment", assignment, "--force")
    return course


def _submit_hostile(course):
    """A student whose Q1 is the reference and whose every notebook patches the in-kernel grader."""
    source, release = course / "source" / "tutorial8_rnn", course / "release" / "tutorial8_rnn"
    hostile = course / "submitted" / "hostile" / "tutorial8_rnn"
    shutil.copytree(release, hostile)
    shutil.copy(source / "q1_rnn_forward.ipynb", hostile)
    for path in hostile.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        answer = next(cell for cell in notebook.cells if cell.metadata["nbgrader"]["solution"])
        answer.source += PATCH
        nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def nbgrader_course(tmp_path_factory):
    """A course autograded by real nbgrader, as generated: the reference, the skeleton, the hostile student."""
    course = _course(tmp_path_factory.mktemp("nbgrader"))
    shutil.copytree(course / "source" / "tutorial8_rnn", course / "submitted" / "reference" / "tutorial8_rnn")
    shutil.copytree(course / "release" / "tutorial8_rnn", course / "submitted" / "skeleton" / "tutorial8_rnn")
    _submit_hostile(course)
    _nbgrader(course, "autograde", "tutorial8_rnn", "--force")
    _nbgrader(course, "export")
    return course


def _notebook_scores(course, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission("tutorial8_rnn", student)
        return {notebook.name: notebook.score for notebook in submission.notebooks}


@NBGRADER
def test_real_nbgrader_generates_and_autogrades_the_course(nbgrader_course):
    rows = (nbgrader_course / "grades.csv").read_text().splitlines()[1:]
    grades = {line.split(",")[3]: line.split(",") for line in rows}
    assert float(grades["reference"][9]) == 100.0 and float(grades["skeleton"][9]) == 0.0
    assert float(grades["reference"][10]) == 100.0


@NBGRADER
def test_nbgrader_records_only_the_real_work_of_a_notebook_that_patches_the_grader(nbgrader_course):
    """Does nbgrader record the sandboxed grade of the file, whatever the answer cells did to the kernel?"""
    assert _notebook_scores(nbgrader_course, "hostile") == {
        "q1_rnn_forward": 20.0, "q2_sequence_rnn": 0.0, "q3_lstm_mapping": 0.0, "q4_char_sentiment": 0.0}
    autograded = nbgrader_course / "autograded" / "hostile" / "tutorial8_rnn" / "q2_sequence_rnn.ipynb"
    notebook = nbformat.read(autograded, 4)
    assert "not implemented yet" in autograded.read_text()
    assert not any(cell.get("execution_count") for cell in notebook.cells)  # no notebook code ran outside


@NBGRADER
def test_nbgrader_running_the_notebooks_in_a_kernel_still_records_only_the_sandboxed_grade(tmp_path):
    """With run_kernel the patch runs in nbgrader's kernel: the recorded points must not follow it."""
    course = _course(tmp_path, "c.SandboxedExecute.run_kernel = True")
    _submit_hostile(course)
    _nbgrader(course, "autograde", "tutorial8_rnn", "--force")
    assert _notebook_scores(course, "hostile") == {
        "q1_rnn_forward": 20.0, "q2_sequence_rnn": 0.0, "q3_lstm_mapping": 0.0, "q4_char_sentiment": 0.0}
    notebook = nbformat.read(course / "autograded" / "hostile" / "tutorial8_rnn" / "q2_sequence_rnn.ipynb", 4)
    assert all(cell.execution_count for cell in notebook.cells if cell.cell_type == "code")  # the kernel ran


@NBGRADER
def test_the_graded_module_is_the_notebooks_code_without_grading_cells_or_magics():
    """Does a `%matplotlib inline` cost nothing, while code that only looks like a magic stays?"""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    from autograder.notebook import MARKER
    from autograder.notebook_autograde import module_source

    cells = [new_markdown_cell("# Q1"), new_code_cell("%matplotlib inline\nimport numpy as np"),
             new_code_cell("x = (1\n % 2)"), new_code_cell(f"{MARKER}: 1.1\ngrader.points('1.1')")]
    assert module_source(cells) == "# %matplotlib inline\nimport numpy as np\n\nx = (1\n % 2)\n"
