"""The filesystem and network sandbox around each fork server: bubblewrap where it works.

The sandbox is an allow-list. With `bwrap`, the server and its workers see, read-only, the
system's programs and libraries (/usr and its links, a few files of /etc), the interpreter
with its packages, and of this framework only `autograder/__init__.py` and
`autograder/runner/`; writable, only their private folder (the copies of the submission);
besides these a fresh /dev (plus GPU device nodes, where present), their own /proc, empty
/tmp, /dev/shm, /var/tmp and /run, no network (and so no abstract sockets), their own PID
namespace (nothing they start outlives the server). Nothing else of the host exists there: no
project checkout, no home folder, no host sockets, no other submission, no graders. Folders in
`hide` are emptied even where they lie inside an allowed one (a venv inside the checkout).

Without bubblewrap the workers still run in a fresh `python -I` process's forks in temporary copies,
with a clean environment and `solutions/` off `sys.path`, but could read files by absolute
path; `warning()` says so, and how to fix it.
"""
import functools
import glob
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import autograder
from autograder.runner import users

PACKAGE = Path(autograder.__file__).resolve().parent
INSTALL_HINT = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)"


class SandboxError(Exception):
    """`sandbox="bwrap"` was asked for but bubblewrap cannot run here."""


@functools.lru_cache(maxsize=None)
def bwrap_works():
    """True when `bwrap` is installed and can start a process on this machine."""
    binary = shutil.which("bwrap")
    if binary is None:
        return False
    try:
        probe = subprocess.run([binary, "--ro-bind", "/", "/", "--unshare-net", "--die-with-parent", "true"],
                               capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def mode(setting):
    """'bwrap' or 'none' for a Limits.sandbox setting."""
    if setting == "none":
        return "none"
    if bwrap_works():
        return "bwrap"
    if setting == "bwrap":
        raise SandboxError(f"the bubblewrap sandbox was required but cannot run here: {INSTALL_HINT}")
    if os.geteuid() == 0 and not all(map(users.reachable, interpreter_roots())):
        raise SandboxError(f"grading as root without bubblewrap would run student code as root (this Python lives "
                           f"where other users cannot reach it): {INSTALL_HINT}, grade as another user, or pass "
                           f"--sandbox none to accept the risk")
    return "none"


def warning(setting):
    """The line a report carries when student code ran without the sandbox, else ''."""
    if mode(setting) == "bwrap":
        return ""
    reason = "switched off" if setting == "none" else "not available"
    if os.geteuid() != 0:
        risk = "read and write this user's files by absolute path and signal its processes"
    elif all(map(users.reachable, interpreter_roots())):
        risk = "read files by absolute path (as a user of its own, it could write none of the judge's)"
    else:
        risk = ("read and write files by absolute path as root (the interpreter is out of other users' "
                "reach, so workers could not run as a user of their own)")
    return (f"sandbox {reason}: student code ran in a temporary copy with a clean environment, but could "
            f"{risk}; {INSTALL_HINT}")


SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/sys")
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "fonts", "passwd", "group",
       "nsswitch.conf", "alternatives", "mime.types")
DEVICES = ("/dev/nvidia*", "/dev/dri")  # a GPU, for --device cuda
EMPTY = ("/tmp", "/var/tmp", "/run", "/dev/shm")
# What a root fork server needs: give each worker its own user and IPC namespace, then kill
# what the worker started and remove what it left in the scratch folders.
SERVER_CAPABILITIES = ("CAP_SETUID", "CAP_SETGID", "CAP_SYS_ADMIN", "CAP_KILL", "CAP_DAC_OVERRIDE", "CAP_FOWNER")
SCRATCH_BYTES = 256 * 2**20  # each of EMPTY: files there take memory the watchdog does not see


def wrap(command, *, setting, private_dir, hide, setuid=False):
    """`command` wrapped in bubblewrap (or unchanged without it); see the module docstring.

    `setuid`: keep only the capabilities a root server needs (SERVER_CAPABILITIES).
    """
    if mode(setting) == "none":
        return command
    args = ["bwrap"]
    for path in SYSTEM:
        args += _mirror(Path(path))
    args += ["--perms", "0755", "--dir", "/etc"]
    for name in ETC:
        args += _mirror(Path("/etc") / name)
    args += ["--dev", "/dev", "--proc", "/proc"]
    for pattern in DEVICES:
        for device in sorted(glob.glob(pattern)):
            args += ["--dev-bind", device, device]
    for folder in EMPTY:  # memory-backed, hence sized
        args += ["--perms", "1777", "--size", str(SCRATCH_BYTES), "--tmpfs", folder]
    roots = interpreter_roots()  # after the empty folders: an interpreter may live under /tmp
    for root in roots:
        args += _parents(root) + ["--ro-bind", str(root), str(root)]
    hidden = {Path(p).resolve() for p in hide if Path(p).exists()} | {PACKAGE, _server_package()}
    for folder in _outermost(hidden):  # only what an allowed folder would otherwise show
        if any(_inside(folder, Path(root)) for root in (*SYSTEM, *roots)):
            args += ["--tmpfs", str(folder)]
    for package in sorted({PACKAGE, _server_package()}):
        args += _parents(package / "runner")
        for part in (package / "__init__.py", package / "runner"):
            args += ["--ro-bind", str(part), str(part)]
    args += ["--bind", str(private_dir), str(private_dir), "--chdir", str(private_dir),
             "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
             "--die-with-parent", "--new-session"]
    if setuid:  # the server's own (a worker drops them all with its user id)
        args += ["--cap-drop", "ALL"] + [arg for cap in SERVER_CAPABILITIES for arg in ("--cap-add", cap)]
    return args + ["--"] + list(command)


def _mirror(path):
    """The bwrap arguments that show `path` as it is here: a link as the same link, else bound."""
    if path.is_symlink():
        return ["--symlink", os.readlink(path), str(path)]
    if path.exists():
        return ["--ro-bind", str(path), str(path)]
    return []


def _parents(path):
    """Create `path`'s missing parent folders readable by all (bwrap's own are root-only, and a
    worker may run as its own user). Those inside the system folders exist already."""
    args = []
    for parent in reversed(path.parents):
        if parent != Path("/") and not any(_inside(parent, Path(root)) for root in SYSTEM):
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def interpreter_roots():
    """The interpreter, its standard library and its packages, wherever they live (package
    folders a .pth file added count too; never a source checkout on sys.path)."""
    packages = [Path(p) for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent, *map(Path, site.getsitepackages()),
             *packages}
    paths = {path.resolve() for path in paths if path.exists()} | {Path(sys.executable).resolve().parent}
    return [path for path in _outermost(paths) if not any(_inside(path, Path(root)) for root in SYSTEM)]


@functools.lru_cache(maxsize=None)
def _server_package():
    """Where `python -I` finds `autograder`: the judge's own copy may differ (a public build on sys.path)."""
    try:
        found = subprocess.run([sys.executable, "-I", "-c", "import autograder; print(autograder.__file__)"],
                               capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return PACKAGE
    return Path(found.stdout.strip()).parent if found.returncode == 0 and found.stdout.strip() else PACKAGE


def _inside(path, folder):
    return path == folder or folder in path.parents


def _outermost(folders):
    return sorted(f for f in folders if not any(other != f and other in f.parents for other in folders))
