"""`grade()`: run an assignment's grader modules on one submission and return the Report."""
import contextlib
import io
import time
from pathlib import Path

import pytest

from autograder import paths, plugin as fixtures
from autograder.graders import tutorial8_rnn
from autograder.plugin import GradingPlugin
from autograder.results import ItemResult, Report
from autograder.runner.limits import Limits

ASSIGNMENTS = {tutorial8_rnn.RUBRIC.assignment: tutorial8_rnn}


def grade(submission, *, assignment="tutorial8_rnn", device="cpu", limits=Limits(), questions=None,
          public_only=False, progress=None):
    """Grade the submission folder `submission`; every rubric item ends up in the Report."""
    started = time.monotonic()
    package = ASSIGNMENTS[assignment]
    rubric = package.RUBRIC
    modules = [question.module for question in rubric.questions]
    root = paths.locate_submission(submission, assignment, modules)
    solutions = paths.solutions_dir(assignment)
    if not solutions.is_dir():
        raise paths.UsageError(f"reference solutions not found at {solutions}: set AUTOGRADER_SOLUTIONS")
    plugin = GradingPlugin(rubric, root, solutions, device=device, limits=limits,
                           public_only=public_only, questions=questions, progress=progress)
    graders = [str(package.grader_path(q)) for q in rubric.questions if questions is None or q.number in questions]
    _run_pytest(graders, plugin)
    report = Report(submission=str(submission), assignment=assignment, seconds=time.monotonic() - started,
                    warnings=[f"grader failed to load: {error}" for error in plugin.errors])
    for item in rubric.items:
        if plugin._wanted(item):
            feedback = plugin.outcomes.get(item.number, "not graded: the grader did not run (please tell your instructor)")
            score = item.points if feedback == "" else 0.0
            report.items.append(ItemResult(item.number, item.name, score, item.points, feedback, item.public))
    return report


def _run_pytest(graders, plugin):
    """Run pytest in this (the judge's) process, silently: the Report is the only output."""
    args = [
        *graders, "--assert=plain", "--noconftest", "--import-mode=importlib",
        "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:warnings", "-p", "no:stepwise",
        "--rootdir", str(Path(graders[0]).parent.parent) if graders else ".",
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        pytest.main(args, plugins=[plugin, fixtures])
