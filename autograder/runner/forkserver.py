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
  {"op": "end", "pid": P, "grace": S} -> {"code": C}: after up to S seconds for it to exit by
      itself, kill the worker and everything it started, reap it, and return its exit status
      as `subprocess.Popen.returncode` reads (negative: killed by that signal).
"""
import importlib
import json
import os
import signal
import socket
import sys
import tempfile
import time
import traceback

from autograder.runner import child

MESSAGE_BYTES = 1 << 16


def main(argv):
    control = socket.socket(fileno=int(argv[1]))
    config = json.loads(argv[2])
    for name in config["preload"]:
        try:
            importlib.import_module(name)
        except ImportError:  # the student's own import will report it, in the student's words
            pass
    _send(control, {"ready": True})
    live = set()
    while True:
        data, fds, _, _ = socket.recv_fds(control, MESSAGE_BYTES, 1)
        if not data:
            return
        request = json.loads(data)
        if request["op"] == "fork":
            pid = _fork_worker(control, request["dir"], fds[0], config)
            live.add(pid)
            _send(control, {"pid": pid})
        elif request["op"] == "end":
            live.discard(request["pid"])
            _send(control, {"code": _end(request["pid"], request.get("grace", 0.0), live, config["namespace"])})


def _fork_worker(control, directory, fd, config):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(fd)
        return pid
    try:
        control.close()
        _become_worker(directory, config["rlimits"])
        child.Server(fd, fd).serve()
    except BaseException:  # a fault of ours: into the worker's output log, never the judge's
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def _become_worker(directory, rlimits):
    """Own process group, own folder, own output log, then the limits: ready for student code."""
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


def _end(pid, grace, live, namespace):
    deadline = time.monotonic() + grace
    reaped, status = os.waitpid(pid, os.WNOHANG)
    while not reaped and time.monotonic() < deadline:
        time.sleep(0.02)
        reaped, status = os.waitpid(pid, os.WNOHANG)
    for group in {pid, *(_strays(live) if namespace else ())}:
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if not reaped:
        _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _strays(live):
    """Process groups a finished worker left behind in the sandbox (daemons that left its group).

    Only inside the sandbox's own PID namespace, where every process but its init, this server
    and the live workers was started by student code.
    """
    keep = {0, 1, os.getpgid(0), *live}
    groups = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                groups.add(os.getpgid(int(entry)))
            except ProcessLookupError:
                pass
    return groups - keep


def _send(control, message):
    control.send(json.dumps(message).encode())


if __name__ == "__main__":
    main(sys.argv)
