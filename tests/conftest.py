"""Shared helpers: build submissions from the reference (with mutations) and grade them."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from autograder import paths
from autograder.grading import grade
from autograder.runner.limits import Limits

# The suite's own property tests (tox chooses with HYPOTHESIS_PROFILE); grading uses its own settings.
settings.register_profile("fast", max_examples=25, derandomize=True, database=None, deadline=None)
settings.register_profile("full", max_examples=300, derandomize=True, database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

SOLUTIONS = paths.solutions_dir("tutorial8_rnn")
SKELETONS = paths.assignments_dir("tutorial8_rnn")
SUBMISSIONS = Path(__file__).parent / "submissions"
# Tight limits keep the hostile cases quick; correct code here runs in milliseconds.
QUICK = Limits(call_seconds=5, import_seconds=15)
# The environment of a command run as a user runs it: this interpreter's scripts (nbgrader) on PATH.
BIN = Path(sys.executable).parent
ENV = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def reference_source(module):
    return (SOLUTIONS / f"{module}.py").read_text()


def mutate(module, *replacements, prepend=""):
    """The reference module's source with each (old, new) applied exactly once."""
    source = reference_source(module)
    for old, new in replacements:
        assert source.count(old) == 1, f"mutation target not unique in {module}: {old!r}"
        source = source.replace(old, new)
    return prepend + source


@pytest.fixture
def make_submission(tmp_path):
    """make_submission(q1_rnn_forward=source, ...) -> a folder holding those modules."""
    def make(**modules):
        folder = tmp_path / f"submission{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for module, source in modules.items():
            (folder / f"{module}.py").write_text(source)
        return folder
    return make


def feedback(report, number):
    return next(item.feedback for item in report.items if item.number == number)


def grade_quick(folder, questions=(1,)):
    return grade(folder, assignment="tutorial8_rnn", questions=list(questions), limits=QUICK)


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    """A student template as `autograder release` writes it (public build, recording, no solutions)."""
    out = tmp_path_factory.mktemp("release") / "template"
    run = subprocess.run([sys.executable, "-m", "autograder", "release", "--assignment", "tutorial8_rnn", "--out", str(out)],
                         capture_output=True, text=True, env=ENV, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="session")
def reference_report():
    """The reference graded on all four questions, once per test process."""
    return grade_quick(SOLUTIONS, questions=(1, 2, 3, 4))


@pytest.fixture(scope="session")
def mistake_report(tmp_path_factory):
    """mistake_report(name): (folder, Report of its question) for `mistakes.MISTAKES[name]`, graded
    once per test process (several tests judge the same mistake)."""
    from mistakes import MISTAKES

    reports = {}

    def report(name):
        if name not in reports:
            module, replacements, _, _ = MISTAKES[name]
            folder = tmp_path_factory.mktemp("mistake")
            (folder / f"{module}.py").write_text(mutate(module, *replacements))
            reports[name] = folder, grade_quick(folder, questions=(int(module[1]),))
        return reports[name]

    return report
