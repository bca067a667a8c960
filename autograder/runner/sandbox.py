"""The filesystem and network sandbox around each fork server: bubblewrap where it works.

With `bwrap`, the server and its workers see the machine read-only, their private folder (the
copies of the submission) writable, a private /tmp, no network, their own PID namespace
(nothing they start outlives the server), and none of the hidden material: the project checkout (reference solutions, graders, tests),
the folder the submission came from (other students' work) are replaced by empty folders.
Only the interpreter and the framework's own `autograder.runner` package are bound back in.

Without bubblewrap the workers still run in a fresh `python -I` process's forks in temporary copies,
with a clean environment and `solutions/` off `sys.path`, but could read files by absolute
path; `warning()` says so, and how to fix it.
"""
import functools
import shutil
import site
import subprocess
import sys
from pathlib import Path

import autograder

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
    return "none"


def warning(setting):
    """The line a report carries when student code ran without the sandbox, else ''."""
    if mode(setting) == "bwrap":
        return ""
    reason = "switched off" if setting == "none" else "not available"
    return (f"sandbox {reason}: student code ran in a temporary copy with a clean environment, but could "
            f"read files by absolute path; {INSTALL_HINT}")


def wrap(command, *, setting, private_dir, hide):
    """`command` wrapped in bubblewrap (or unchanged without it), hiding the folders in `hide`."""
    if mode(setting) == "none":
        return command
    hidden = _outermost({Path(p).resolve() for p in hide if Path(p).exists() and Path(p).resolve() != Path("/")})
    args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for folder in hidden:
        args += ["--tmpfs", str(folder)]
    masked = [*hidden, Path("/tmp").resolve()]  # an interpreter living under /tmp must be bound back too
    for keep in _needed():
        if any(_inside(keep, folder) for folder in masked):
            args += ["--ro-bind", str(keep), str(keep)]
    args += ["--bind", str(private_dir), str(private_dir), "--chdir", str(private_dir),
             "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
             "--die-with-parent", "--new-session", "--"]
    return args + list(command)


def _needed():
    """What the server must still see: the interpreter, its packages, and autograder.runner."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent, *map(Path, site.getsitepackages())}
    for package in {PACKAGE, _server_package()}:
        paths |= {package / "__init__.py", package / "runner"}
    return sorted(path.resolve() for path in paths if path.exists())


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
