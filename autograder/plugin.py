"""The pytest plugin that turns grader tests into rubric results.

It provides the graders' fixtures (`student`: the question's module behind the process
boundary; `reference`: the hidden solution, loaded in the judge; `device`) and records, per
rubric item, whether its test passed, the one feedback message that explains why not, and
what kind of failure it was, and the share of the item's points it keeps.
"""
import importlib.util
import sys
import time

import pytest

from autograder.judge.compare import Mismatch
from autograder.recording import NeedsHiddenMaterial
from autograder.runner import errors
from autograder.runner.limits import Limits
from autograder.runner.proxy import StudentModule

if sys.version_info < (3, 11):  # hypothesis and pytest raise the backport's groups there
    from exceptiongroup import BaseExceptionGroup

PLUGIN = pytest.StashKey()
PASSED = ("", "passed", 1.0)

# The status an item gets from the error that failed it (first match wins).
STATUSES = (
    (errors.NotImplementedYet, "not implemented"),
    (errors.MissingModule, "missing file"),
    (errors.TimedOut, "timeout"),
    ((errors.Crashed, errors.BadReply), "crashed"),
    (errors.StudentRaised, "error"),
    (Mismatch, "failed"),
    (AssertionError, "failed"),
    (NeedsHiddenMaterial, "grader error"),
)


@pytest.fixture(scope="module")
def student(request):
    """The question's student module, called in a sandboxed worker process."""
    plugin = request.config.stash[PLUGIN]
    with StudentModule(request.module.MODULE, plugin.submission_dir, plugin.limits, host=plugin.host,
                       deadline=plugin.deadline) as module:
        module.figures_dir = plugin.figures_dir
        yield module


@pytest.fixture(scope="module")
def reference(request):
    """The reference solution of the question, imported in the judge only."""
    return request.config.stash[PLUGIN].load_reference(request.module.MODULE)


@pytest.fixture(scope="module")
def mistakes(request):
    """The question's hidden knowledge (misconception catalogues, recipes), in the judge only."""
    return request.config.stash[PLUGIN].load_mistakes(request.module.MODULE)


@pytest.fixture(scope="session")
def device(request):
    """The torch device training runs on (`--device`)."""
    return resolve_device(request.config.stash[PLUGIN].device_name)


class GradingPlugin:
    """Grades one submission of `assignment` (an `autograder.assignment.Assignment`)."""

    def __init__(self, assignment, submission_dir, host, *, device="cpu", limits=Limits(),
                 public_only=False, questions=None, progress=None, figures_dir=None, recorder=None,
                 recording=None, deadline=None):
        self.assignment, self.rubric, self.submission_dir = assignment, assignment.rubric, submission_dir
        self.solutions_dir = assignment.solutions
        self.host = host  # the fork server that starts each question's worker
        self.device_name, self.limits, self.figures_dir = device, limits, figures_dir
        self.public_only, self.questions, self.progress = public_only, questions, progress
        self.recorder, self.recording = recorder, recording  # see autograder.recording
        self.deadline = deadline  # time.monotonic() by which all student code of the run has finished
        self.outcomes = {}  # item number -> (feedback, status, credit); feedback '' when passed
        self.seconds = {}  # item number -> wall seconds its tests took (setup included)
        self.errors = []  # grader modules that failed to load: a bug of ours, never the student's
        self._references = {}

    def load_reference(self, module):
        """The reference solution module (or its recording, in a student template)."""
        if self.recording is not None:
            return self.recording.replay(f"reference.{module}")
        if module not in self._references:
            path = self.solutions_dir / f"{module}.py"
            spec = importlib.util.spec_from_file_location(f"_reference_{module}", path)
            loaded = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = loaded
            spec.loader.exec_module(loaded)
            self._references[module] = self.recorder.wrap(f"reference.{module}", loaded) if self.recorder else loaded
        return self._references[module]

    def load_mistakes(self, module):
        """The hidden knowledge module of a question (or its recording, in a student template)."""
        if self.recording is not None:
            return self.recording.replay(f"mistakes.{module}")
        name = self.assignment.hidden_module(module)
        loaded = importlib.import_module(name) if importlib.util.find_spec(name) else None
        return self.recorder.wrap(f"mistakes.{module}", loaded) if self.recorder and loaded else loaded

    def wanted(self, item):
        if self.public_only and not item.public:
            return False
        return self.questions is None or item.question in self.questions

    # -- hooks --------------------------------------------------------------------------------
    def pytest_configure(self, config):
        config.stash[PLUGIN] = self

    def pytest_collection_modifyitems(self, config, items):
        keep, drop = [], []
        for test in items:
            number = _item_number(test)
            wanted = number is not None and self.wanted(self.rubric.item(number))
            (keep if wanted else drop).append(test)
        items[:] = keep
        config.hook.pytest_deselected(items=drop)

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(f"{report.nodeid}: {str(report.longrepr).strip().splitlines()[-1]}")

    def pytest_runtest_logstart(self, nodeid, location):
        self._started = time.monotonic()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        number = _item_number(item)
        if number is None or call.when == "teardown":
            return report
        if call.excinfo is not None:
            self._record_failure(number, outcome_of(call.excinfo.value))
        elif call.when == "call":
            self.outcomes.setdefault(number, PASSED)
        if call.when == "call":
            self.seconds[number] = self.seconds.get(number, 0.0) + time.monotonic() - self._started
        if call.when == "call" and self.progress:
            self.progress(self.rubric.item(number), self.outcomes[number][0], time.monotonic() - self._started)
        return report

    def _record_failure(self, number, outcome):
        """Of the failures of one item's tests, the one that keeps the least credit counts."""
        recorded = self.outcomes.get(number, PASSED)
        if recorded == PASSED or outcome[2] < recorded[2]:
            self.outcomes[number] = outcome


def outcome_of(error):
    """(feedback, status, credit) for the error that failed an item: the one message a student
    sees, and the share of the item's points kept (right values in the wrong structure)."""
    inner = _first_explained(error) or error
    for kind, status in STATUSES:
        if isinstance(inner, kind):
            return (str(inner) or "the check failed"), status, getattr(inner, "credit", 0.0)
    return (f"internal grader error ({type(inner).__name__}: {inner}); please tell your instructor",
            "grader error", 0.0)


def _first_explained(error):
    """The first Mismatch or StudentError in an error or a group of them (hypothesis, flakiness)."""
    if isinstance(error, (Mismatch, errors.StudentError)):
        return error
    if isinstance(error, BaseExceptionGroup):
        found = [_first_explained(inner) for inner in error.exceptions]
        found = [inner for inner in found if inner is not None]
        return next((f for f in found if isinstance(f, errors.NotImplementedYet)), found[0] if found else None)
    return None


def _item_number(test):
    marker = test.get_closest_marker("rubric_item")
    return marker.args[0] if marker else None


def resolve_device(name):
    """'auto' means CUDA when this machine has a GPU, else CPU."""
    import torch

    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)
