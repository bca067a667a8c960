"""`grade()`: run an assignment's grader modules on one submission and return the Report.

`grade_in_parallel()` does the same with the questions spread over several judge processes,
each with its own fork server, for a single submission on a machine with cores to spare.
"""
import contextlib
import dataclasses
import gc
import importlib
import io
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from autograder import assignment as assignments, paths, plugin as fixtures
from autograder.plugin import GradingPlugin
from autograder.recording import Recording
from autograder.results import ItemResult, Report
from autograder.runner import files, sandbox
from autograder.runner.host import Host
from autograder.runner.limits import Limits

# torch.cuda.is_available() asks NVML instead of initialising CUDA: the judge forks, and CUDA
# initialised before a fork fails in the child ("CUDA error: initialization error").
os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")


def grade(submission, *, assignment=None, device="cpu", limits=Limits(), questions=None,
          public_only=False, progress=None, hide=(), figures_dir=None, recorder=None, host=None, deadline=None):
    """Grade the submission folder `submission`; every rubric item ends up in the Report.

    `assignment` is a name or an `Assignment` (default: the one the submission's layout names,
    or the only one there is). `hide` lists more folders the sandboxed workers must not see (a batch's other
    submissions); `figures_dir`, when given, receives the student's figures as PNG files;
    `host`, when given, is the fork server to start the workers with (see grade_in_parallel);
    `deadline` (time.monotonic()) ends all student code, by default `limits.submission_seconds` on.
    Where the reference solutions are absent (a student template), only the public items are
    graded, against the template's recording of the reference's values.
    """
    started = time.monotonic()
    deadline = started + limits.submission_seconds if deadline is None else deadline
    assignment = assignments.of_submission(submission, assignment)
    modules = assignment.modules
    root = paths.locate_submission(submission, assignment.name, modules)
    try:
        sandbox.mode(limits.sandbox)
    except sandbox.SandboxError as error:
        raise paths.UsageError(str(error)) from None
    with tempfile.TemporaryDirectory(prefix="autograder-submission-") as private:
        files_dir, notes = _take_files(root, Path(private), assignment)
        return _grade_files(submission, files_dir, notes, assignment, started, device=device, limits=limits,
                            questions=questions, public_only=public_only, progress=progress, hide=[root, *hide],
                            figures_dir=figures_dir, recorder=recorder, host=host, deadline=deadline)


def _take_files(root, private, assignment):
    """The submission's regular files, copied once into the judge's own `private` folder (which
    no worker sees), and a note for everything left out or ignored there. A hard link to the
    reference or to the graders is left out: it is their file, not the student's."""
    solutions = assignment.solutions
    grading_the_reference = solutions.is_dir() and root.resolve() == solutions.resolve()
    hidden = files.identities(*([] if grading_the_reference else [solutions]), Path(fixtures.__file__).parent)
    try:
        copied = files.copy_files(root, private / "files", forbidden=hidden)
    except OSError as error:
        raise paths.UsageError(f"{root}: cannot read the submission ({error.strerror})") from None
    notes = copied.notes()
    for module in assignment.modules:  # what Python would import instead of the question's own file
        notes += [f"{shadow}: ignored, the question is graded from {module}.py"
                  for shadow in (module, f"{module}.pyc") if os.path.lexists(root / shadow)]
    return private / "files", notes


def _grade_files(submission, root, notes, assignment, started, *, device, limits, questions, public_only, progress,
                 hide, figures_dir, recorder, host, deadline):
    rubric, solutions = assignment.rubric, assignment.solutions
    recording = None
    if not solutions.is_dir():
        recording = _public_recording(assignment)
        public_only = True
    host = host or judge_host(assignment, root, questions=questions, device=device, limits=limits, hide=hide)
    plugin = GradingPlugin(assignment, root, host, device=device, limits=limits, public_only=public_only,
                           questions=questions, progress=progress, figures_dir=figures_dir,
                           recorder=recorder, recording=recording, deadline=deadline)
    graders = [str(assignment.grader_path(q)) for q in rubric.questions if questions is None or q.number in questions]
    try:  # the fork server is stopped however grading ends, an interrupt included
        host.start()
        _prepare_judge(host.preload)
        _run_pytest(graders, plugin)
    finally:
        host.close()
    warnings = [f"grader failed to load: {error}" for error in plugin.errors]
    if recording is not None:
        warnings.append("public items only: the hidden items are graded when you submit")
    report = Report(submission=str(submission), assignment=assignment.name, seconds=time.monotonic() - started,
                    warnings=notes + warnings + list(filter(None, [sandbox.warning(limits.sandbox)])),
                    figures=sorted(Path(figures_dir).glob("*.png")) if figures_dir else [])
    not_run = ("not graded: the grader did not run (please tell your instructor)", "grader error", 0.0)
    for item in rubric.items:
        if plugin.wanted(item):
            feedback, status, credit = plugin.outcomes.get(item.number, not_run)
            score = item.points * credit
            report.items.append(ItemResult(item.number, item.name, score, item.points, feedback, item.public, status,
                                           plugin.seconds.get(item.number, 0.0)))
    return report


def judge_host(assignment, root, *, questions=None, device="cpu", limits=Limits(), hide=()):
    """The fork server for grading `questions` of the submission at `root`.

    Its workers see neither the project checkout (reference solutions, graders), nor the
    submission's own folder, nor `hide`; it imports what the graded questions' workers need,
    except `torch._dynamo` when training may use a GPU (CUDA must start in the worker).
    """
    solutions = assignment.solutions
    project = paths.PROJECT_ROOT if (paths.PROJECT_ROOT / "solutions").is_dir() else solutions
    chosen = [q for q in assignment.questions if questions is None or q.number in questions]
    imports = dict.fromkeys(name for question in chosen for name in question.imports)
    if device != "cpu":
        imports.pop("torch._dynamo", None)
    return Host(limits, hide=[root, project, solutions, *hide], preload=tuple(imports))


def grade_in_parallel(submission, *, jobs, assignment=None, questions=None, **options):
    """grade(), with the questions split over `jobs` processes balanced by their expected cost.

    Each judge gets its own fork server (a worker that kills its server takes down nothing of
    another judge's), started here with the judges' common imports, before they fork.
    """
    assignment = assignments.of_submission(submission, assignment)
    root = paths.locate_submission(submission, assignment.name, assignment.modules)  # fail fast
    chosen = [q for q in assignment.questions if questions is None or q.number in questions]
    if jobs <= 1 or len(chosen) <= 1:
        return grade(submission, assignment=assignment, questions=questions, **options)
    started = time.monotonic()
    groups = [[] for _ in range(min(jobs, len(chosen)))]
    for question in sorted(chosen, key=lambda q: -q.cost):
        min(groups, key=lambda group: sum(q.cost for q in group)).append(question)
    setting = {name: options[name] for name in ("device", "limits", "hide") if name in options}
    options.setdefault("deadline", started + options.get("limits", Limits()).submission_seconds)
    hosts = [judge_host(assignment, root, questions=[q.number for q in group], **setting) for group in groups]
    for host in hosts:
        host.start()
    _prepare_judge(dict.fromkeys(name for host in hosts for name in host.preload))
    work = [(str(submission), assignment.name, [q.number for q in group], options, index)
            for index, group in enumerate(groups)]
    try:
        with ProcessPoolExecutor(len(groups), mp_context=multiprocessing.get_context("fork"),
                                 initializer=_adopt, initargs=(hosts,)) as pool:
            parts = list(pool.map(_grade_group, work))
    finally:
        for host in hosts:
            host.close()
    items = sorted((ItemResult(**item) for part in parts for item in part["items"]),
                   key=lambda item: [int(n) for n in item.number.split(".")])
    warnings = list(dict.fromkeys(w for part in parts for w in part["warnings"]))
    figures = sorted(Path(f) for part in parts for f in part["figures"])
    return Report(str(submission), assignment.name, items, time.monotonic() - started, warnings, figures)


_hosts = []  # the fork servers a forked judge inherits from grade_in_parallel, one per judge


def _adopt(hosts):
    _hosts[:] = hosts


def _grade_group(job):
    submission, assignment, questions, options, index = job
    report = grade(submission, assignment=assignment, questions=questions, host=_hosts[index].lend(), **options)
    skip_final_collection()  # this judge process exits once the report is sent
    return dataclasses.asdict(report)


def skip_final_collection():
    """For a process about to exit: freeze the heap, or Python's final garbage collection walks
    torch._dynamo's large object graph for about a second that nobody needs."""
    gc.freeze()


def _public_recording(assignment):
    """The recording a student template ships in place of the reference solutions."""
    path = assignment.folder / "recording.bin"
    if not path.is_file():
        raise paths.UsageError(f"reference solutions not found at {assignment.solutions}: set AUTOGRADER_SOLUTIONS")
    return Recording.load(path)


def _prepare_judge(imports):
    """Import what the graded questions need (the judge trains the references with the same
    libraries, alongside the fork server's imports), and use one torch thread: these models
    are small, and batches run side by side."""
    for name in imports:
        importlib.import_module(name)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)


def _run_pytest(graders, plugin):
    """Run pytest in this (the judge's) process, silently: the Report is the only output."""
    args = [
        *graders, "--assert=plain", "--noconftest", "--import-mode=importlib",
        "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "no:warnings", "-p", "no:stepwise",
        "--rootdir", str(Path(graders[0]).parent.parent) if graders else ".",
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        pytest.main(args, plugins=[plugin, fixtures])
