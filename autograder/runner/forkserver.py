"""The fork server: a sandboxed process that imports the heavy libraries once and forks a fresh
worker for each student module the judge wants to call.

Run as `python -I -m autograder.runner.forkserver CONTROL_FD CONFIG_JSON` (see `host.Host`).
Starting an interpreter that imports torch takes over a second, and torch's first optimizer
step imports `torch._dynamo` for nearly another; a worker forked from this process has both
already. The server itself never imports or runs student code, so every worker starts from
the same pristine state a fresh interpreter would have, and questions stay isolated.

It answers the judge on CONTROL_FD, a SOCK_SEQPACKET socket, one JSON message per request:
  {"op": "fork", "dir": D} with one socket attached -> {"pid": P}: a worker serving
      `child.Server` on that socket, with D/work as working directory and D as home and /tmp;
  {"op": "end", "pid": P, "grace": S} -> {"code": C, "killed": K}: after up to S seconds for it
      to exit by itself, kill the worker and everything it started, reap it, and return its exit
      status as `subprocess.Popen.returncode` reads (negative: killed by that signal) and why the
      watchdog killed it, if it did ("memory", "disk"), else null;
  {"op": "sweep"} -> {"swept": N}: kill whatever workers left running (before the server stops).

A watchdog thread measures what the workers really use, the resident memory of everything
below the server and the files in the worker's folder, and kills them past `memory` or `disk`
bytes: an address-space limit would also stop CUDA, which reserves tens of GiB it never touches.
As root, each worker also gets an IPC namespace of its own, so shared memory it leaves dies
with it. The server is a child subreaper: a daemon that a worker detaches (double fork, setsid)
becomes the server's child, so "everything it started" is found and killed with or without a PID
namespace. Inside the sandbox (`namespace`), the scratch folders (/tmp, /dev/shm) are emptied
after every worker too. As root, a worker drops to its own user id (`uid`) before student code.
"""
import ctypes
import importlib
import itertools
import json
import os
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback

from autograder.runner import child, users

MESSAGE_BYTES = 1 << 16
PR_SET_CHILD_SUBREAPER = 36
CLONE_NEWIPC = 0x08000000
SCRATCH = ("/tmp", "/dev/shm", "/var/tmp")  # private to the sandbox when `namespace` is set


def main(argv):
    control = socket.socket(fileno=int(argv[1]))
    config = json.loads(argv[2])
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    for name in config["preload"]:
        try:
            importlib.import_module(name)
        except ImportError:  # the student's own import will report it, in the student's words
            pass
    live = set()
    watchdog = Watchdog(config["memory"], config["disk"], live)
    watchdog.start()
    _send(control, {"ready": True})
    while True:
        data, fds, _, _ = socket.recv_fds(control, MESSAGE_BYTES, 1)
        if not data:
            return
        request = json.loads(data)
        if request["op"] == "fork":
            pid = _fork_worker(control, request["dir"], fds[0], config)
            watchdog.folders[pid] = request["dir"]
            live.add(pid)
            _send(control, {"pid": pid})
        elif request["op"] == "end":
            live.discard(request["pid"])
            code = _end(request["pid"], request.get("grace", 0.0), live)
            if config["namespace"]:
                _empty_scratch(keep=os.getcwd())
            watchdog.folders.pop(request["pid"], None)
            _send(control, {"code": code, "killed": watchdog.killed.pop(request["pid"], None)})
        elif request["op"] == "sweep":
            _send(control, {"swept": _kill_descendants(exclude=())})


class Watchdog(threading.Thread):
    """Kills the `live` workers (and all below this server) once together they hold more than
    `memory` bytes resident, or a worker's folder holds more than `disk` bytes or DISK_ENTRIES
    entries; `killed` says whom and why. Signals only: reaping is the main thread's."""

    def __init__(self, memory, disk, live, interval=0.05, disk_every=20):
        super().__init__(daemon=True)
        self.memory, self.disk, self.live, self.killed, self.folders = memory, disk, live, {}, {}
        self.interval, self.disk_every = interval, disk_every

    def run(self):
        page = os.sysconf("SC_PAGE_SIZE")
        for tick in itertools.count():
            time.sleep(self.interval)
            if not self.live:
                continue
            below = _descendants(exclude=())
            if sum(_resident_pages(pid) for pid in below) * page > self.memory:
                self._kill(below, "memory")
            elif tick % self.disk_every == 0 and any(_over(folder, self.disk) for folder in list(self.folders.values())):
                self._kill(below, "disk")

    def _kill(self, below, why):
        for pid in list(self.live):
            self.killed[pid] = why
        for pid in below:
            _signal(pid)


DISK_ENTRIES = 10_000


def _over(folder, limit):
    """True when `folder` holds more than `limit` bytes or DISK_ENTRIES entries (never following links)."""
    used, entries, todo = 0, 0, [folder]
    while todo:
        try:
            with os.scandir(todo.pop()) as found:
                for entry in found:
                    entries += 1
                    info = entry.stat(follow_symlinks=False)
                    used += info.st_blocks * 512
                    if entry.is_dir(follow_symlinks=False):
                        todo.append(entry.path)
        except OSError:
            continue
        if used > limit or entries > DISK_ENTRIES:
            return True
    return False


def _resident_pages(pid):
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _fork_worker(control, directory, fd, config):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(fd)
        return pid
    try:
        control.close()
        _become_worker(directory, config["rlimits"], config.get("uid"))
        child.Server(fd, fd).serve()
    except BaseException:  # a fault of ours: into the worker's output log, never the judge's
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def _become_worker(directory, rlimits, uid):
    """Own process group, own folder, own output log, the limits, then (as root) its own user."""
    os.setpgid(0, 0)
    os.environ.update(HOME=directory, TMPDIR=directory)
    tempfile.tempdir = None  # the server's imports may have cached its own
    os.chdir(os.path.join(directory, "work"))
    log = os.open(os.path.join(directory, "output.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    sys.stdin = open(os.devnull)
    sys.path.insert(0, os.getcwd())
    child.apply_limits(rlimits)
    if uid is not None:
        _unshare(CLONE_NEWIPC)  # System V shared memory it leaves dies with its namespace
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)


def _unshare(flags):
    """unshare(2) (os.unshare needs Python 3.12)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))


def _end(pid, grace, live):
    deadline = time.monotonic() + grace
    reaped, status = os.waitpid(pid, os.WNOHANG)
    while not reaped and time.monotonic() < deadline:
        time.sleep(0.02)
        reaped, status = os.waitpid(pid, os.WNOHANG)
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not reaped:
        _, status = os.waitpid(pid, 0)
    _kill_descendants(exclude=live)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _kill_descendants(exclude, rounds=50):
    """Kill and reap every process below this server except the `exclude` workers' trees.

    Repeated until none is left: a process may fork while its siblings are being killed.
    Returns how many were killed.
    """
    killed = 0
    for _ in range(rounds):
        strays = _descendants(set(exclude))
        if not strays:
            break
        for pid, zombie in strays.items():
            if not zombie:
                _signal(pid)
                killed += 1
            try:
                os.waitpid(pid, os.WNOHANG)  # reaps our own children; others are their parents' to reap
            except ChildProcessError:
                pass
        time.sleep(0.01)
    return killed


def _descendants(exclude):
    """{pid: is a zombie} for the processes below this one, leaving out the `exclude` subtrees."""
    children, zombies = {}, set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
            except (OSError, ValueError):
                continue
            children.setdefault(int(parent), []).append(int(entry))
            if state == "Z":
                zombies.add(int(entry))
    found, todo = {}, list(children.get(os.getpid(), ()))
    while todo:
        pid = todo.pop()
        if pid not in exclude and pid not in found:
            found[pid] = pid in zombies
            todo.extend(children.get(pid, ()))
    return found


def _signal(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _empty_scratch(keep):
    """Empty the sandbox's private scratch folders, except the folder holding `keep`."""
    for folder in SCRATCH:
        users.remove_entries(folder, lambda entry: not (keep == entry.path or keep.startswith(entry.path + os.sep)))


def _send(control, message):
    control.send(json.dumps(message).encode())


if __name__ == "__main__":
    main(sys.argv)
