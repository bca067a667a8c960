"""The judge's proxy to one student module, living in a worker process it starts and kills.

`StudentModule("forward_pass", submission_dir).call("forward", x, ...)` sends plain data
to a fresh worker (forked by the grading run's `Host`) that imports the student's file from a
private copy, and returns plain data. Every failure becomes a `StudentError` whose text is one line of feedback. A call that
hangs or kills its process opens a circuit for that function, so later calls fail at once
instead of waiting out the limit again.
"""
import os
import select
import signal
import time
from pathlib import Path

from autograder.runner import codec, errors
from autograder.runner.forkserver import DISK_ENTRIES
from autograder.runner.host import Host
from autograder.runner.limits import Limits


class StudentModule:
    """One question's module of one submission, called through a worker process.

    `host` is the grading run's fork server; without one, the module starts its own, which
    hides `hide` and the submission's folder from the worker. `deadline` (time.monotonic())
    ends every call of the grading run, whatever is left of the question's own budget.
    """

    def __init__(self, module, submission_dir, limits=Limits(), hide=(), host=None, deadline=None):
        self.module, self.submission_dir, self.limits = module, Path(submission_dir), limits
        self.deadline = time.monotonic() + limits.submission_seconds if deadline is None else deadline
        self.host = host or Host(limits, hide=[self.submission_dir, *hide])
        self._own_host = host is None
        self.filename = f"{module}.py"
        self.spent = 0.0  # wall seconds used by calls so far, against limits.question_seconds
        self.figures_dir = None  # where graders save the student's figures as PNG, if anywhere
        self._worker = None
        self._import_error = None
        self._broken = {}  # function name -> the fatal error it caused

    # -- public API ---------------------------------------------------------------------------
    def call(self, function, *args, limit=None, reseed=None, **kwargs):
        """Call `function` of the student module with plain-data arguments.

        `limit` overrides the wall-time limit (seconds); `reseed` seeds Python's, numpy's and
        torch's generators in the worker first. Neither is passed on to the function.
        """
        return self._call({"function": function}, function, args, kwargs, limit, reseed)

    def method(self, handle, name, *args, limit=None, reseed=None, **kwargs):
        """Call method `name` of an object the worker holds (a Handle from an earlier call)."""
        label = f"{handle.type_name.rsplit('.', 1)[-1]}.{name}"
        return self._call({"method": name, "object": handle}, label, args, kwargs, limit, reseed)

    def probe(self, name, *args, limit=None, **kwargs):
        """Run one of the framework's own helpers (`autograder.runner.probes`) in the worker."""
        return self._call({"probe": name}, name, args, kwargs, limit, None)

    def close(self):
        """Kill the worker and everything it started, and remove its private copy."""
        self._end_worker()
        if self._own_host:
            self.host.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- internals ----------------------------------------------------------------------------
    def _call(self, target, label, args, kwargs, timeout, seed):
        if label in self._broken:
            raise self._broken[label]
        self._ensure_started()
        request = {"op": "call", "target": target, "args": list(args), "kwargs": kwargs, "seed": seed}
        try:
            reply = self._timed(request, self.limits.call_seconds if timeout is None else timeout, label)
        except (errors.TimedOut, errors.Crashed, errors.BadReply) as error:
            self._broken[label] = error
            self._end_worker()
            raise
        if not reply.get("ok"):
            raise self._student_error(label, reply.get("error") or {})
        return reply.get("value")

    def _ensure_started(self):
        if self._import_error is not None:
            raise self._import_error
        if self._worker is not None:
            return
        source = self.submission_dir / self.filename
        if not source.is_file():
            self._import_error = errors.MissingModule(
                f"{self.filename} is missing from the submission: add it (copy the skeleton) to be graded"
            )
            raise self._import_error
        try:
            self._start()
            reply = self._timed({"op": "import", "module": self.module}, self.limits.import_seconds, "import")
            if not reply.get("ok"):
                raise self._student_error("import", reply.get("error") or {})
        except errors.StudentError as error:
            self._import_error = error
            self._end_worker()
            raise

    def _timed(self, request, limit, label):
        """`_request` within `limit` s and what is left of the question's and the run's budgets."""
        left = min(self.limits.question_seconds - self.spent, self.deadline - time.monotonic())
        if left <= 0:
            whose = ("question's", self.limits.question_seconds)
            if self.deadline - time.monotonic() <= 0:
                whose = ("submission's", self.limits.submission_seconds)
            raise errors.TimedOut(f"{self._where(label)}: not run, the {whose[0]} time budget of "
                                  f"{whose[1]:g} s is used up")
        started = time.monotonic()
        try:
            return self._request(request, min(limit, left), label)
        finally:
            self.spent += time.monotonic() - started

    def _start(self):
        self._end_worker()
        self._worker = self.host.spawn(self.submission_dir, self.module)

    def _end_worker(self, grace=0.0):
        """How the worker ended (`host.Exit`), after ending it; None when there was none or its server was gone."""
        if self._worker is None:
            return None
        worker, self._worker = self._worker, None
        return self.host.end(worker, grace)

    def _request(self, request, seconds, label):
        deadline = time.monotonic() + seconds
        fd = self._worker.channel.fileno()
        try:
            codec.write_frame(fd, request)
            size = codec.frame_size(self._read(fd, 8, deadline, seconds, label))
            return codec.decode(self._read(fd, size, deadline, seconds, label))
        except (BrokenPipeError, ConnectionResetError, EOFError):
            raise self._crash(label) from None
        except codec.FrameError as error:
            raise errors.BadReply(f"{self._where(label)} returned {error}") from None

    def _read(self, fd, size, deadline, seconds, label):
        chunks, left = [], size
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise errors.TimedOut(f"{self._where(label)} did not finish within {seconds:g} s (killed)")
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _crash(self, label):
        ended = self._end_worker(grace=2.0)
        if ended is None:
            how = "died, and its sandbox process with it"
        elif ended.killed == "memory":
            how = f"used more than {self.limits.memory_bytes / 2**30:g} GiB of memory and was killed"
        elif ended.killed == "disk":
            how = (f"wrote more than {self.limits.disk_bytes / 2**30:g} GiB (or {DISK_ENTRIES:,} files) into its "
                   f"folder and was killed")
        elif ended.code < 0:
            how = f"was killed by signal {signal.Signals(-ended.code).name}"
        else:
            how = f"exited with code {ended.code} (sys.exit/os._exit in student code?)"
        return errors.Crashed(f"{self._where(label)}: the process running it {how}")

    def _student_error(self, label, error):
        kind, message, where = (_one_line(error.get(key, default), limit=200)  # student-made text: one line
                                for key, default in (("type", "Exception"), ("message", ""), ("where", "")))
        at = f" at {where}" if where else ""
        if kind == "NotImplementedError" and "not implemented yet" in message:
            return errors.NotImplementedYet(f"{self._where(label)}: not implemented yet")
        if kind == "MissingName":
            return errors.StudentRaised(f"{message}: keep the skeleton's names and signatures")
        return errors.StudentRaised(f"{self._where(label)} raised {kind}: {message}{at}", kind=kind)

    def _where(self, label):
        return f"importing {self.filename}" if label == "import" else f"{label} in {self.filename}"


def _one_line(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

