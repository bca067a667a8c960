"""`grade_all()`: grade a whole class, several submissions side by side, resumably; `merge()` its shards.

Each submission is graded by its own worker process (`autograder.worker`), so a broken,
hanging or memory-hungry submission costs only its own row. The batch process itself never
imports torch and stays small; it finds the submissions (folders, a folder one level down,
zip uploads), regrades only what changed (content fingerprints), shows progress, and leaves
the gradebooks and a summary for the TA (`autograder.summary`), an interrupted run included.
"""
import dataclasses
import hashlib
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath

from autograder import assignment as assignments, paths, summary, writers
from autograder.runner import sandbox
from autograder.runner.limits import Limits

WORKER_SLACK = 600  # seconds a worker may take beyond the submission's time budget (starting, judging)
STOP_SECONDS = 5  # how long an interrupted worker may take to stop its fork server before it is killed
LOG_TAIL = 4096  # bytes of a grading log read back for the last line it wrote
# A zip upload is one student's few modules: these caps stop a zip bomb long before the disk fills.
ZIP_BYTES, ZIP_ENTRIES, UNZIPPED_BYTES = 64 << 20, 2000, 256 << 20
IGNORED = ("__MACOSX",)  # folders that archivers add beside the student's work
RUN_FILE = "run.json"  # which assignment and shard an output folder holds: what `merge` reads


class Interrupted(Exception):
    """Ctrl-C or SIGTERM during a batch: the finished rows are written; `code` is the exit status."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class _Stop(BaseException):
    """Raised by the signal handler, so that no `except Exception` swallows it."""

    def __init__(self, signum):
        self.signum = signum


@dataclasses.dataclass(frozen=True)
class Submission:
    """One student's work: the row `name`, the folder graded, how it was found (a note, or '')."""

    name: str
    root: Path
    note: str = ""


def default_jobs():
    """Submissions graded side by side by default: one per core, as memory allows (a grading
    process with its fork server and worker holds about 1 GiB; 2 GiB each leaves headroom)."""
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return max(1, min(os.cpu_count() or 1, int(memory_gib // 2)))


def grade_all(submissions, out, *, assignment=None, jobs=1, force=False, only=(), shard=(1, 1), roster=None,
              device="cpu", limits=Limits(), stream=None):
    """Grade every submission in `submissions` into `out`; return a one-paragraph summary.

    A submission is regraded when its files, the assignment's graders, reference or skeletons,
    or the grading options changed since its row was written; `force` regrades all, `only`
    just those named. `shard` (i, n) grades the i-th of n deterministic slices of the class.
    `roster`: a roster CSV's path (see `summary.read_roster`). `assignment`: a name or an
    `Assignment` (default: the one most folders are of)."""
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise paths.UsageError(f"{submissions}: no such directory (give the folder with one subfolder per student)")
    try:  # once here, not once per student in every worker
        sandbox.mode(limits.sandbox)
    except sandbox.SandboxError as error:
        raise paths.UsageError(str(error)) from None
    roster = summary.read_roster(roster) if roster else None
    with tempfile.TemporaryDirectory(prefix="autograder-uploads-") as unpacked:
        found, skipped = discover(submissions, Path(unpacked), out)
        out.mkdir(parents=True, exist_ok=True)
        assignment = _assignment_of([s.root for s in found], assignment)  # the whole class's, whatever the shard
        found = [s for s in found if in_shard(s.name, shard)]
        unknown = sorted(set(only) - {s.name for s in found})
        if unknown:
            raise paths.UsageError(f"--only: no submission called {', '.join(unknown)} in {submissions}"
                                   + (" (in this shard)" if shard != (1, 1) else ""))
        _write_run_file(out, assignment, shard)
        shared = fingerprint(assignment, device, limits)
        stamps = {s.name: {"files": _hash_tree(s.root), **shared} for s in found}
        reasons = {s.name: why for s in found if (why := _why_grade(s.name, out, stamps[s.name], force, only))}
        todo = [s for s in found if s.name in reasons]
        started = time.monotonic()
        progress = Progress(len(todo), stream or sys.stderr, assignment.rubric.max_score, jobs)
        try:
            with _signals_stop():
                _run(todo, out, assignment, jobs, device, limits, stamps, [submissions, out, unpacked], progress)
        except _Stop as stop:
            raise _interrupted(stop.signum, found, out, assignment, roster, todo) from None
    rows = [_row(s.name, out) for s in found]
    run = {"seconds": time.monotonic() - started, "jobs": jobs, "regraded": reasons, "skipped": skipped,
           "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    summary.write(rows, out, assignment, roster=roster, run=run)
    return (f"graded {len(todo)} submission(s), {len(found) - len(todo)} already done, in "
            f"{run['seconds']:.0f} s: {out / 'grades.csv'}, {out / 'summary.md'}"
            + "".join(f"\nskipped {name}: {why}" for name, why in skipped.items()))


def merge(outs, out, *, roster=None):
    """Join the output folders of a class's shards into `out`: their submissions' folders copied
    there, one gradebook and one summary."""
    outs, out = [Path(folder) for folder in outs], Path(out)
    roster = summary.read_roster(roster) if roster else None
    names = set()
    for folder in outs:
        if not (folder / RUN_FILE).is_file():
            raise paths.UsageError(f"{folder}: not an output of grade-all (it has no {RUN_FILE})")
        names.add(json.loads((folder / RUN_FILE).read_text())["assignment"])
    if len(names) != 1:
        raise paths.UsageError(f"these outputs grade different assignments ({', '.join(sorted(names))}): merge one")
    assignment = assignments.load(names.pop())
    out.mkdir(parents=True, exist_ok=True)
    taken = {}
    for folder in outs:
        for row_file in sorted(folder.glob("*/row.json")):
            name = row_file.parent.name
            if name in taken:
                raise paths.UsageError(f"{name} is in both {taken[name]} and {folder}: merge each shard once")
            taken[name] = folder
            if folder.resolve() != out.resolve():
                shutil.copytree(row_file.parent, out / name, symlinks=True, dirs_exist_ok=True)
    _write_run_file(out, assignment, (1, 1))
    rows = [_row(name, out) for name in sorted(taken)]
    summary.write(rows, out, assignment, roster=roster, run={"merged": [str(folder) for folder in outs]})
    return f"merged {len(rows)} submission(s) from {len(outs)} output(s): {out / 'grades.csv'}, {out / 'summary.md'}"


def in_shard(name, shard):
    """Whether submission `name` belongs to shard (i, n): by a hash of its name, so a student's
    shard never depends on who else is in the class (a late submission moves no one)."""
    index, count = shard
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % count == index - 1


def discover(submissions, unpacked, out=None):
    """([Submission], {name: why skipped}): every subfolder and .zip upload of `submissions`
    but the output folder `out`.

    Links are skipped, never followed; a zip is unpacked into `unpacked` (see `_unzip`); a folder
    holding nothing but one folder is graded from there (the shape of zip uploads)."""
    found, skipped = {}, {}
    for entry in sorted(submissions.iterdir()):
        if entry.name.startswith(".") or entry.name in IGNORED or (out and entry.resolve() == out.resolve()):
            continue
        if entry.is_symlink():
            skipped[entry.name] = "a link (links are never followed: copy the submission in)"
        elif entry.is_dir():
            found[entry.name] = _descend(Submission(entry.name, entry))
        elif entry.suffix.lower() == ".zip" and entry.is_file():
            name = entry.stem
            if name in found or (submissions / name).is_dir():
                skipped[entry.name] = f"the folder {name}/ is graded instead"
                continue
            found[name] = _unpack(entry, unpacked / name)
    if not found:
        raise paths.UsageError(f"{submissions}: no submissions in it (one subfolder or .zip per student)")
    return list(found.values()), skipped


def _descend(submission, depth=2):
    """`submission` graded from the folder its work is in: its own, or the only folder inside it
    (at most `depth` levels down) when it holds no Python file itself."""
    folder, note = submission.root, submission.note
    for _ in range(depth):
        entries = [e for e in folder.iterdir() if not e.name.startswith(".") and e.name not in IGNORED]
        inner = [e for e in entries if e.is_dir() and not e.is_symlink()]
        if any(e.suffix == ".py" for e in entries) or len(inner) != 1 or inner[0].name == "assignments":
            break
        folder = inner[0]
    if folder != submission.root:
        inside = folder.relative_to(submission.root).as_posix()
        note = "; ".join(filter(None, [note, f"nested: graded from {inside}/"]))
    return Submission(submission.name, folder, note)


def _unpack(path, target):
    """The zip upload `path` as a Submission unpacked into `target`, or an empty one noting why
    it could not be."""
    target.mkdir(parents=True)
    try:
        _unzip(path, target)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        shutil.rmtree(target)
        target.mkdir()
        return Submission(path.stem, target, f"zip upload {path.name} not unpacked: {error}")
    return _descend(Submission(path.stem, target, f"zip upload {path.name}"))


def _unzip(path, target):
    """Unpack regular files only into the new folder `target`: no absolute or `..` path, no
    link, no file twice, at most ZIP_ENTRIES entries and UNZIPPED_BYTES actually read (the
    sizes a zip declares are not trusted)."""
    if path.stat().st_size > ZIP_BYTES:
        raise ValueError(f"larger than {ZIP_BYTES >> 20} MiB")
    budget = UNZIPPED_BYTES
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        if len(members) > ZIP_ENTRIES:
            raise ValueError(f"more than {ZIP_ENTRIES} entries")
        for member in members:
            parts = PurePosixPath(member.filename.replace("\\", "/")).parts
            if member.is_dir() or stat.S_ISLNK(member.external_attr >> 16) or not parts or parts[0] in IGNORED:
                continue
            if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                raise ValueError(f"unsafe path {member.filename!r}")
            destination = target.joinpath(*parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(destination, "xb") as sink:
                while chunk := source.read(1 << 16):
                    budget -= len(chunk)
                    if budget < 0:
                        raise ValueError(f"unpacks to more than {UNZIPPED_BYTES >> 20} MiB")
                    sink.write(chunk)


def fingerprint(assignment, device, limits):
    """What every grade of this run depends on: {grader, options}, hashes stored in row.json
    beside the hash of the submission's own files (`files`)."""
    grader = "".join(_hash_tree(folder) for folder in (assignment.folder, assignment.solutions, assignment.skeletons))
    options = json.dumps({"device": device, "limits": dataclasses.asdict(limits)}, sort_keys=True)
    return {"grader": _hash_text(grader), "options": _hash_text(options)}


def _hash_tree(root):
    """A hash of the regular files under `root` (names and contents), links not followed, caches left out."""
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):  # os.walk follows no link to a folder
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            path = Path(folder, name)
            if not stat.S_ISREG(path.lstat().st_mode):
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _hash_text(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _why_grade(name, out, stamp, force, only):
    """Why submission `name` is (re)graded in this run, or '' when its row is up to date."""
    if only:
        return "asked for (--only)" if name in only else ""
    row_file = out / name / "row.json"
    if not row_file.exists():
        return "new"
    if force:
        return "forced (--force)"
    before = json.loads(row_file.read_text()).get("fingerprint", {})
    changed = [f"{part} changed" for part in ("files", "grader", "options") if before.get(part) != stamp[part]]
    return ", ".join(changed)


def _assignment_of(folders, name):
    """The assignment `name`, else the one most of the class's folders are of."""
    if name is not None:
        return assignments.load(name)
    votes = Counter(found for folder in folders for found in assignments.detect(folder))
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return assignments.load(ranked[0][0])
    return assignments.load(None)


def _write_run_file(out, assignment, shard):
    writers.write_atomically(out / RUN_FILE, json.dumps({"assignment": assignment.name, "shard": list(shard)}) + "\n")


class _signals_stop:
    """Within it, SIGINT and SIGTERM raise _Stop (in the main thread; elsewhere nothing changes)."""

    def __enter__(self):
        self.previous = {}
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self.previous[signum] = signal.signal(signum, self._raise)

    def __exit__(self, *exc):
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    @staticmethod
    def _raise(signum, frame):
        raise _Stop(signum)


def _interrupted(signum, found, out, assignment, roster, todo):
    """Write the finished rows and say how to resume; the exception the command ends with."""
    rows = [_row(s.name, out) for s in found if (out / s.name / "row.json").exists()]
    summary.write(rows, out, assignment, roster=roster, run={"interrupted": True})
    name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    left = sum(not (out / s.name / "row.json").exists() for s in todo)
    return Interrupted(f"interrupted ({name}): {len(rows)} of {len(found)} submission(s) graded, in "
                       f"{out / 'grades.csv'}; {left} left: rerun the same command to resume", 128 + signum)


def _run(todo, out, assignment, jobs, device, limits, stamps, hide, progress):
    waiting, running = list(todo), {}
    deadline_seconds = limits.submission_seconds + WORKER_SLACK
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                submission = waiting.pop(0)
                process = _start(submission, out / submission.name, assignment, device, limits, stamps, hide)
                running[submission] = (process, time.monotonic())
                progress.started(submission.name)
            time.sleep(0.2)
            for submission, (process, began) in list(running.items()):
                if process.poll() is None and time.monotonic() - began < deadline_seconds:
                    continue
                if process.poll() is None:
                    _stop(process, signal.SIGKILL)
                    _fail(submission, out, assignment, stamps, f"timed out (grading ran past {deadline_seconds:.0f} s)")
                elif not (out / submission.name / "row.json").exists():
                    _fail(submission, out, assignment, stamps, _grader_error(process, out / submission.name))
                del running[submission]
                progress.finished(submission.name, _row(submission.name, out))
            progress.draw()
    finally:
        for process, _ in running.values():
            _stop(process, signal.SIGINT)
        progress.close()


def _stop(process, signum):
    """Signal the worker's process group, and kill it if it has not ended within STOP_SECONDS."""
    try:
        os.killpg(process.pid, signum)
        process.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        process.wait()


def _start(submission, target, assignment, device, limits, stamps, hide):
    target.mkdir(parents=True, exist_ok=True)
    (target / "row.json").unlink(missing_ok=True)
    command = [sys.executable, "-m", "autograder.worker", str(submission.root), str(target),
               "--assignment", assignment.name, "--device", device, "--limits", json.dumps(dataclasses.asdict(limits)),
               "--name", submission.name, "--note", submission.note, "--stamp", json.dumps(stamps[submission.name])]
    for folder_to_hide in hide:
        command += ["--hide", str(folder_to_hide)]
    log = open(target / "grading.log", "wb")
    with log:  # its own session: a Ctrl-C reaches the batch, which stops each worker in turn
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)


def _grader_error(process, target):
    """The status of a grading process that ended without writing its row: ours failed (killed,
    or stopped by an error such as a missing reference), not the student's code, which runs
    in workers of its own; the last line of its log says why."""
    code = process.returncode
    how = f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited with {code}"
    with open(target / "grading.log", "rb") as log:
        log.seek(max(0, log.seek(0, os.SEEK_END) - LOG_TAIL))
        lines = log.read().decode(errors="replace").strip().splitlines()
    why = f": {lines[-1].strip()[:200]}" if lines else ""
    return f"grader error (the grading process {how}{why})"


def _fail(submission, out, assignment, stamps, status):
    row = writers.failed_row(submission.name, assignment.rubric, status)
    row.update(note=submission.note, fingerprint=stamps[submission.name])
    writers.write_atomically(out / submission.name / "row.json", json.dumps(row))


def _row(name, out):
    return json.loads((out / name / "row.json").read_text())


class Progress:
    """Submissions done, the ones being graded, elapsed time and ETA, on one line (or per line).

    The ETA comes from finished submissions only (their mean time, spread over the jobs): the
    time spent so far on the ones still running says nothing yet about how long they take."""

    def __init__(self, total, stream, max_score, jobs=1):
        self.total, self.stream, self.max_score, self.jobs = total, stream, max_score, jobs
        self.current, self.began, self.took = [], {}, []
        self.started_at = time.monotonic()
        self.live = hasattr(stream, "isatty") and stream.isatty()

    @property
    def done(self):
        return len(self.took)

    def started(self, name):
        self.current.append(name)
        self.began[name] = time.monotonic()

    def finished(self, name, row):
        self.current.remove(name)
        self.took.append(time.monotonic() - self.began.pop(name))
        if self.live:
            self.stream.write("\r\033[K")
        self.stream.write(f"[{self.done}/{self.total}] {name}: {row['total']}/{self.max_score:g} {row['status']} "
                          f"({self._clock(time.monotonic() - self.started_at)} elapsed)\n")
        self.stream.flush()

    def eta(self):
        """Seconds left, from the mean time of the finished submissions; None before the first."""
        if not self.took:
            return None
        left = self.total - self.done
        return sum(self.took) / len(self.took) * left / max(1, min(self.jobs, left))

    def draw(self):
        if not self.live or not self.total:
            return
        eta, width = self.eta(), 24
        bar = "#" * (width * self.done // self.total)
        self.stream.write(f"\r\033[K[{bar:<{width}}] {self.done}/{self.total} · grading {', '.join(self.current)[:40]}"
                          f" · {self._clock(time.monotonic() - self.started_at)} elapsed"
                          f" · ETA {self._clock(eta) if eta is not None else '?'}")
        self.stream.flush()

    def close(self):
        if self.live:
            self.stream.write("\r\033[K")
            self.stream.flush()

    @staticmethod
    def _clock(seconds):
        return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"
