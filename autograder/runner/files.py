"""Copying a submission as files, never as paths: regular files only, no link ever followed.

A submission is untrusted input. A symbolic link in it could point at the reference solutions
(the judge's copy would then hold them), and a worker could plant links where the judge is
about to write. So `copy_files` walks both trees through directory file descriptors opened
with O_NOFOLLOW, reads only what `fstat` says is a regular file, and creates every entry with
O_EXCL: each byte copied comes from a regular file inside the source, and nothing is written
through a link. Links, devices, sockets and pipes are left out and listed, with the reason.
"""
import os
import stat
from dataclasses import dataclass, field

SKIPPED_QUIETLY = {".git", "__pycache__", ".ipynb_checkpoints", ".hypothesis"}
MAX_FILES, MAX_BYTES, MAX_DEPTH = 2000, 64 * 2**20, 12
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_CHUNK = 1 << 20


@dataclass
class Copied:
    """What `copy_files` copied, and what it left out (relative path, why)."""

    files: int = 0
    bytes: int = 0
    left_out: list = field(default_factory=list)
    forbidden: frozenset = frozenset()

    def notes(self):
        """One line per left-out entry, for a report's warnings."""
        return [f"{path if path.isprintable() else ascii(path)}: {why}, not copied (submit the file itself)"
                for path, why in self.left_out]


def copy_files(source, destination, *, owner=None, follow_top=True, forbidden=frozenset()):
    """Copy the regular files under `source` into the new folder `destination`.

    `follow_top`: the top folder itself may be a link (a path the grader chose); nothing below
    it may. `owner` (uid, gid), when given, owns every created entry (a worker's own user).
    `forbidden`: (device, inode) pairs of files never copied, whatever their name (a hard
    link to a reference solution is that very file; see `identities`).
    Raises FileExistsError if anything appears at a path being created.
    """
    flags = _DIRECTORY & ~os.O_NOFOLLOW if follow_top else _DIRECTORY
    copied = Copied(forbidden=frozenset(forbidden))
    top = os.open(source, flags)
    try:
        os.mkdir(destination, 0o700)
        target = os.open(destination, _DIRECTORY)
        try:
            _chown(target, owner)
            _copy_folder(top, target, "", copied, owner, 0)
        finally:
            os.close(target)
    finally:
        os.close(top)
    return copied


def identities(*folders):
    """The (device, inode) pairs of the regular files under `folders`, for `forbidden`."""
    found = set()
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                try:
                    info = os.lstat(os.path.join(root, name))
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found.add((info.st_dev, info.st_ino))
    return found


def _copy_folder(source_fd, target_fd, prefix, copied, owner, depth):
    with os.scandir(source_fd) as entries:
        listing = sorted(entries, key=lambda entry: entry.name)
    for entry in listing:
        relative = prefix + entry.name
        if entry.name in SKIPPED_QUIETLY or entry.name.endswith(".pyc"):
            continue
        if entry.is_symlink():
            copied.left_out.append((relative, "a symbolic link"))
        elif entry.is_dir(follow_symlinks=False):
            if depth >= MAX_DEPTH:
                copied.left_out.append((relative, f"nested more than {MAX_DEPTH} folders deep"))
                continue
            _copy_subfolder(source_fd, target_fd, entry.name, relative, copied, owner, depth)
        elif entry.is_file(follow_symlinks=False):
            _copy_file(source_fd, target_fd, entry.name, relative, copied, owner)
        else:
            copied.left_out.append((relative, "not a regular file"))


def _copy_subfolder(source_fd, target_fd, name, relative, copied, owner, depth):
    try:
        inner = os.open(name, _DIRECTORY, dir_fd=source_fd)
    except OSError:  # replaced by a link, or unreadable, since it was listed
        copied.left_out.append((relative, "not readable as a folder"))
        return
    try:
        os.mkdir(name, 0o700, dir_fd=target_fd)
        made = os.open(name, _DIRECTORY, dir_fd=target_fd)
        try:
            _chown(made, owner)
            _copy_folder(inner, made, relative + "/", copied, owner, depth + 1)
        finally:
            os.close(made)
    finally:
        os.close(inner)


def _copy_file(source_fd, target_fd, name, relative, copied, owner):
    try:
        reader = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=source_fd)
    except OSError:
        copied.left_out.append((relative, "not readable as a file"))
        return
    try:
        info = os.fstat(reader)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):
            copied.left_out.append((relative, "not a regular file"))
            return
        if (info.st_dev, info.st_ino) in copied.forbidden:
            copied.left_out.append((relative, "a link to one of the grader's own files"))
            return
        if copied.files >= MAX_FILES or copied.bytes + size > MAX_BYTES:
            copied.left_out.append((relative, f"over the submission's limit of {MAX_FILES} files "
                                              f"or {MAX_BYTES // 2**20} MiB"))
            return
        writer = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=target_fd)
        try:
            _chown(writer, owner)
            copied.bytes += _pump(reader, writer, size)
            copied.files += 1
        finally:
            os.close(writer)
    finally:
        os.close(reader)


def _pump(reader, writer, size):
    """Copy at most `size` bytes (a file that grows while copied is cut at its listed size)."""
    done = 0
    while done < size:
        chunk = os.read(reader, min(_CHUNK, size - done))
        if not chunk:
            break
        view = memoryview(chunk)
        while view:
            view = view[os.write(writer, view):]
        done += len(chunk)
    return done


def _chown(fd, owner):
    if owner is not None:
        os.fchown(fd, *owner)
