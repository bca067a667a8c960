"""`grade_all()`: grade a whole class, several submissions side by side, resumably.

Each submission is graded by its own worker process (`autograder.worker`), so a broken,
hanging or memory-hungry submission costs only its own row. The batch process itself never
imports torch and stays small; it shows progress, writes grades.csv, and a summary for the TA.
"""
import csv
import dataclasses
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from autograder import assignment as assignments, paths, summary, writers
from autograder.runner.limits import Limits

WORKER_SLACK = 600  # seconds a worker may take beyond the submission's time budget (starting, judging)


def default_jobs():
    """Submissions graded side by side by default: one per core, as memory allows (a grading
    process with its fork server and worker holds about 1 GiB; 2 GiB each leaves headroom)."""
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return max(1, min(os.cpu_count() or 1, int(memory_gib // 2)))


def grade_all(submissions, out, *, assignment=None, jobs=1, force=False, device="cpu", limits=Limits(),
              stream=None):
    """Grade every subfolder of `submissions` into `out`; return a one-paragraph summary.

    `assignment`: a name or an `Assignment` (default: the only one there is)."""
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise paths.UsageError(f"{submissions}: no such directory (give the folder with one subfolder per student)")
    folders = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise paths.UsageError(f"{submissions}: no submissions in it (one subfolder per student)")
    assignment = _assignment_of(folders, assignment)
    out.mkdir(parents=True, exist_ok=True)
    todo = [f for f in folders if force or not (out / f.name / "row.json").exists()]
    started = time.monotonic()
    progress = Progress(len(todo), stream or sys.stderr, assignment.rubric.max_score)
    _run(todo, out, assignment, jobs, device, limits, [submissions, out], progress)
    rows = [_row(folder, out) for folder in folders]
    _write_csv(rows, out / "grades.csv", assignment.rubric)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary.write(rows, out, assignment.rubric, seconds=time.monotonic() - started, jobs=jobs, peak_mib=peak_mib)
    return (f"graded {len(todo)} submission(s), {len(folders) - len(todo)} already done, in "
            f"{time.monotonic() - started:.0f} s: {out / 'grades.csv'}, {out / 'summary.md'}")


def _assignment_of(folders, name):
    """The assignment `name`, else the one most of the class's folders are of."""
    if name is not None:
        return assignments.load(name)
    votes = Counter(found for folder in folders for found in assignments.detect(folder))
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return assignments.load(ranked[0][0])
    return assignments.load(None)


def _run(todo, out, assignment, jobs, device, limits, hide, progress):
    waiting, running = list(todo), {}
    deadline_seconds = limits.submission_seconds + WORKER_SLACK
    while waiting or running:
        while waiting and len(running) < jobs:
            folder = waiting.pop(0)
            running[folder] = (_start(folder, out / folder.name, assignment, device, limits, hide), time.monotonic())
            progress.started(folder.name)
        time.sleep(0.2)
        for folder, (process, began) in list(running.items()):
            if process.poll() is None and time.monotonic() - began < deadline_seconds:
                continue
            if process.poll() is None:
                process.kill()
                process.wait()
                _fail(folder, out / folder.name, assignment, f"timeout (grading ran past {deadline_seconds:.0f} s)")
            elif not (out / folder.name / "row.json").exists():
                _fail(folder, out / folder.name, assignment,
                      f"crashed (the grading process exited with {process.returncode})")
            del running[folder]
            progress.finished(folder.name, _row(folder, out))
        progress.draw()
    progress.close()


def _start(folder, target, assignment, device, limits, hide):
    target.mkdir(parents=True, exist_ok=True)
    (target / "row.json").unlink(missing_ok=True)
    command = [sys.executable, "-m", "autograder.worker", str(folder), str(target), "--assignment", assignment.name,
               "--device", device, "--limits", json.dumps(dataclasses.asdict(limits))]
    for folder_to_hide in hide:
        command += ["--hide", str(folder_to_hide)]
    log = open(target / "grading.log", "wb")
    with log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _fail(folder, target, assignment, status):
    (target / "row.json").write_text(json.dumps(writers.failed_row(folder.name, assignment.rubric, status)))


def _row(folder, out):
    return json.loads((out / folder.name / "row.json").read_text())


def _write_csv(rows, path, rubric):
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=writers.csv_fields(rubric), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


class Progress:
    """Submissions done, the ones being graded, elapsed time and ETA, on one line (or per line)."""

    def __init__(self, total, stream, max_score):
        self.total, self.stream, self.done, self.current, self.max_score = total, stream, 0, [], max_score
        self.started_at = time.monotonic()
        self.live = hasattr(stream, "isatty") and stream.isatty()

    def started(self, name):
        self.current.append(name)

    def finished(self, name, row):
        self.current.remove(name)
        self.done += 1
        if self.live:
            self.stream.write("\r\033[K")
        self.stream.write(f"[{self.done}/{self.total}] {name}: {row['total']}/{self.max_score:g} {row['status']} "
                          f"({self._clock(time.monotonic() - self.started_at)} elapsed)\n")
        self.stream.flush()

    def draw(self):
        if not self.live or not self.total:
            return
        elapsed = time.monotonic() - self.started_at
        eta = elapsed / self.done * (self.total - self.done) if self.done else None
        width = 24
        bar = "#" * (width * self.done // self.total)
        self.stream.write(f"\r\033[K[{bar:<{width}}] {self.done}/{self.total} · grading {', '.join(self.current)[:40]}"
                          f" · {self._clock(elapsed)} elapsed · ETA {self._clock(eta) if eta is not None else '?'}")
        self.stream.flush()

    def close(self):
        if self.live:
            self.stream.write("\r\033[K")
            self.stream.flush()

    @staticmethod
    def _clock(seconds):
        return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"
