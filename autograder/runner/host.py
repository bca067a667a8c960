"""The judge's handle on a fork server (`forkserver`): one sandboxed process per grading run that
imports the heavy libraries once and forks a fresh, limited worker for each student module.

`Host.spawn()` copies the submission's regular files (never a link: `files`) into a private
folder with an unguessable name and returns a `Worker` with its own socket; `Host.end()` kills
the worker and everything it started and says how it ended. A server that dies (a worker may
kill it) or stops answering is replaced on the next spawn. As root, the server's workers run
as a user of their own (`users`), whose processes and scratch files are gone after each worker.
"""
import copy
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.runner import errors, files, sandbox
from autograder.runner.forkserver import MESSAGE_BYTES
from autograder.runner.limits import Limits
from autograder.runner.users import MAX_PROCESSES, WorkerUser

CONTROL_SECONDS = 10.0  # for the server to fork or reap a worker


@dataclass
class Worker:
    """One forked worker: `pid` as its server sees it, `channel` the judge's end of its socket."""

    pid: int
    channel: socket.socket
    directory: Path


@dataclass(frozen=True)
class Exit:
    """How a worker ended: `code` as `Popen.returncode` reads it (negative: that signal), and
    why its server's watchdog killed it, if it did: "memory" or "disk"."""

    code: int
    killed: str = None


class Host:
    """Starts (lazily, once) and talks to one fork server; see the module docstring."""

    def __init__(self, limits=Limits(), hide=(), preload=("numpy",)):
        self.limits, self.hide, self.preload = limits, list(hide), tuple(preload)
        self._process, self._control, self._tmp = None, None, None
        self._owner, self._ready, self.user = True, False, None
        self._workers = set()  # pids of workers not yet ended

    def start(self):
        """Start the server's imports now, without waiting for them (they overlap the judge's work)."""
        if self._control is not None:
            return
        self.close()
        self._tmp = Path(tempfile.mkdtemp(prefix="autograder-"))
        self._tmp.chmod(0o711)  # workers of their own user reach their folder, but list nothing
        confined = sandbox.mode(self.limits.sandbox) == "bwrap"  # the sandbox shows the interpreter to all
        self.user = WorkerUser.claim(needs=() if confined else sandbox.interpreter_roots())
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        rlimits = {**self.limits.rlimits(), **({"RLIMIT_NPROC": MAX_PROCESSES} if self.user else {})}
        config = {"preload": self.preload, "rlimits": rlimits, "uid": self.user and self.user.uid,
                  "memory": self.limits.memory_bytes, "disk": self.limits.disk_bytes,
                  "namespace": sandbox.mode(self.limits.sandbox) == "bwrap"}
        command = [sys.executable, "-I", "-m", "autograder.runner.forkserver", str(theirs.fileno()), json.dumps(config)]
        with open(self._tmp / "server.log", "wb") as log:
            self._process = subprocess.Popen(
                sandbox.wrap(command, setting=self.limits.sandbox, private_dir=self._tmp, hide=self.hide,
                             setuid=self.user is not None),
                cwd=self._tmp, env=_server_env(self._tmp), pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        theirs.close()
        self._control, self._ready = ours, False

    def lend(self):
        """For a judge process forked after start(): a handle on the same server that does not own it.

        The process that started the server stops it; should it fail, the handle starts its own.
        """
        borrowed = copy.copy(self)
        borrowed._process, borrowed._owner, borrowed._workers = None, False, set()
        return borrowed

    @property
    def isolated(self):
        """True when workers cannot write the judge's files: a sandbox, or a user of their own."""
        return self.user is not None or sandbox.mode(self.limits.sandbox) == "bwrap"

    def spawn(self, submission_dir, name):
        """A fresh worker whose working directory is a private copy of `submission_dir`."""
        for _ in range(2):  # a server that a previous worker killed is replaced once
            self.start()
            directory = self._private_copy(submission_dir, name)
            ours, theirs = socket.socketpair()
            try:
                self._wait_ready()
                socket.send_fds(self._control, [_message(op="fork", dir=str(directory))], [theirs.fileno()])
                worker = Worker(self._reply(CONTROL_SECONDS)["pid"], ours, directory)
                self._workers.add(worker.pid)
                return worker
            except (OSError, EOFError, errors.Crashed):
                ours.close()
                failure = f"the sandbox process could not start a worker{self._log_tail()}"
                self.close()
            finally:
                theirs.close()
        raise errors.Crashed(failure)

    def end(self, worker, grace=0.0):
        """Kill `worker` and what it started (after up to `grace` s for it to exit by itself).

        Returns how it ended (`Exit`), or None when its server was gone.
        """
        worker.channel.close()
        self._workers.discard(worker.pid)
        code = None
        try:
            if self._control is None:
                raise EOFError
            self._control.send(_message(op="end", pid=worker.pid, grace=grace))
            reply = self._reply(grace + CONTROL_SECONDS)
            code = Exit(reply["code"], reply.get("killed"))
        except (OSError, EOFError, errors.Crashed):
            self._workers.add(worker.pid)  # for close() to kill, where that is needed
            self.close()
        if self.user is not None:
            self.user.clean()
        shutil.rmtree(worker.directory, ignore_errors=True)
        return code

    def close(self):
        """Stop the server (with bubblewrap: everything in its sandbox) and remove its folder.

        A lent handle only closes its own end of the channel.
        """
        if sandbox.mode(self.limits.sandbox) == "none":  # no PID namespace takes the workers down with it
            self._sweep()
            for pid in self._workers:
                _kill_group(pid)
        if self._process is not None:
            _kill_group(self._process.pid)
            self._process.wait()
        if self._control is not None:
            self._control.close()
        if self._owner and self.user is not None:
            self.user.release()
        if self._owner and self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
        self._process, self._control, self._tmp, self.user = None, None, None, None
        self._owner, self._workers = True, set()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- internals ----------------------------------------------------------------------------
    def _private_copy(self, submission_dir, name):
        """A new folder no worker could have guessed, holding `work/`: the submission's files."""
        directory = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self._tmp))
        owner = self.user and self.user.owner
        if owner:
            os.chown(directory, *owner)
        files.copy_files(submission_dir, directory / "work", owner=owner)
        return directory

    def _sweep(self):
        """Ask the server to kill what its workers left (daemons it adopted as subreaper)."""
        try:
            if self._control is not None and self._ready:
                self._control.send(_message(op="sweep"))
                self._reply(CONTROL_SECONDS)
        except (OSError, EOFError, errors.Crashed):
            pass

    def _wait_ready(self):
        if not self._ready:
            self._reply(self.limits.import_seconds)
            self._ready = True

    def _reply(self, seconds):
        if not select.select([self._control], [], [], seconds)[0]:
            raise errors.Crashed("the sandbox process stopped answering")
        data = self._control.recv(MESSAGE_BYTES)
        if not data:
            raise EOFError
        return json.loads(data)

    def _log_tail(self):
        log = self._tmp / "server.log" if self._tmp else None
        lines = log.read_text(errors="replace").strip().splitlines() if log and log.is_file() else []
        return f": {lines[-1]}" if lines else ""


def _message(**fields):
    return json.dumps(fields).encode()


def _server_env(tmp):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "TMPDIR": str(tmp),
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(tmp / "mpl"),
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTORCH_NVML_BASED_CUDA_CHECK": "1",  # torch.cuda.is_available() in the server must not spoil fork
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
