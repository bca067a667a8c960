"""An unprivileged user of its own for each fork server's workers, where grading runs as root.

Gradescope, CI containers and many TA machines grade as root. A worker running as root could
write the project, the reference solutions and the results files, and signal any process.
So, as root, each fork server claims a user id nobody else uses (a lock file per id), its
workers drop to it before student code runs, and when a worker ends every process of that id
is killed and every file it left in the shared scratch folders removed. Two judges never
share an id, so one student's code can neither see nor signal another's.
"""
import fcntl
import os
import shutil
import signal
import stat
import time
from pathlib import Path

FIRST_UID, COUNT = 61000, 4000
LOCKS = Path("/run/autograder-uids")  # root's own: nothing a worker can write
SCRATCH = ("/tmp", "/var/tmp", "/dev/shm")  # world-writable folders a worker could leave files in
MAX_PROCESSES = 256  # RLIMIT_NPROC for a worker's user (threads count too)


class WorkerUser:
    """A claimed user id; `release()` kills its processes, removes its files and frees the id."""

    def __init__(self, uid, lock_fd):
        self.uid, self._lock = uid, lock_fd

    @classmethod
    def claim(cls, needs=()):
        """A free id when this process is root, else None (workers then keep the judge's user).

        Also None when a folder in `needs` (the interpreter's) is out of other users' reach
        (a Python under /root): the workers could not even import the standard library.
        """
        if os.geteuid() != 0 or not all(map(reachable, needs)):
            return None
        LOCKS.mkdir(mode=0o700, parents=True, exist_ok=True)
        for uid in range(FIRST_UID, FIRST_UID + COUNT):
            fd = os.open(LOCKS / str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return cls(uid, fd)
        raise RuntimeError(f"no free worker user id in {FIRST_UID}..{FIRST_UID + COUNT - 1}")

    @property
    def owner(self):
        return self.uid, self.uid

    def clean(self):
        """Kill every process of this id, then remove what it left in the scratch folders."""
        kill_processes_of(self.uid)
        for folder in SCRATCH:
            remove_files_of(self.uid, folder)

    def release(self):
        self.clean()
        os.close(self._lock)


def reachable(folder):
    """True when users other than the owner can enter `folder` and every folder above it."""
    path = Path(folder).resolve()
    return all(os.stat(part).st_mode & stat.S_IXOTH for part in (path, *path.parents))


def kill_processes_of(uid, rounds=50):
    """SIGKILL every process whose real or effective user is `uid`, until none is left
    (a fork bomb may fork while it is being killed)."""
    for _ in range(rounds):
        found = [pid for pid in _pids() if uid in _uids(pid)]
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.01)


def remove_files_of(uid, folder):
    """Remove the entries directly in `folder` that `uid` owns (with what is below them)."""
    remove_entries(folder, lambda entry: entry.stat(follow_symlinks=False).st_uid == uid)


def remove_entries(folder, chosen):
    """Remove each entry directly in `folder` for which `chosen(entry)` holds, with what is below
    it; links are removed, never followed."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if not chosen(entry):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)  # never follows links
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def _pids():
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]


def _uids(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("Uid:"):
                    return {int(value) for value in line.split()[1:3]}
    except OSError:
        pass
    return set()
