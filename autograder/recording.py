"""Recorded judge values, so that public checks run on a student's laptop without the reference.

At release, the public items are graded once on the reference solution with the reference
module and the hidden knowledge modules wrapped by a `Recorder`: every constant they read and
every call they make is stored, keyed by the call's plain-data arguments. A student template
ships that recording (`recording.bin`, the runner's JSON + `.npy` frame format, read with
`allow_pickle=False`) instead of any code: public items ask the same questions with the same
fixed inputs, and `Recording.replay()` answers them. A computation the judge makes with a
module on objects that are not plain data (the reference's training loop on a probe model) is
recorded by `derived()` under a plain-data key, and only its plain-data result is kept.
"""
import hashlib
from pathlib import Path

from autograder.runner import codec


class NeedsHiddenMaterial(Exception):
    """A check asked the recording something it never recorded: it can only run at grading time."""


def call_key(qualname, args, kwargs):
    """A stable key for one call: the hash of its name and plain-data arguments."""
    return hashlib.sha256(codec.encode([qualname, list(args), dict(kwargs)])).hexdigest()


def derived(source, name, compute, *args, **kwargs):
    """`compute(module, *args, **kwargs)` for the module behind `source` (a loaded module, or one a
    Recorder wraps or a Recording replays), under the plain-data key of `name` and the arguments:
    computed and kept while recording, answered from the recording in a student template."""
    if isinstance(source, _Replayed):
        return getattr(source, name)(*args, **kwargs)
    if not isinstance(source, _Recorded):
        return compute(source, *args, **kwargs)
    value = compute(source._target, *args, **kwargs)
    source._recorder.calls[call_key(f"{source._name}.{name}", args, kwargs)] = value
    return value


class Recorder:
    """Wraps modules during release and keeps every value the public graders took from them."""

    def __init__(self):
        self.constants, self.calls = {}, {}

    def wrap(self, name, target):
        return _Recorded(self, name, target)

    def save(self, path):
        Path(path).write_bytes(codec.encode({"constants": self.constants, "calls": self.calls}))


class _Recorded:
    def __init__(self, recorder, name, target):
        self._recorder, self._name, self._target = recorder, name, target

    def __getattr__(self, attribute):
        value = getattr(self._target, attribute)
        qualname = f"{self._name}.{attribute}"
        if not callable(value):
            self._recorder.constants[qualname] = value
            return value

        def record(*args, **kwargs):
            result = value(*args, **kwargs)
            self._recorder.calls[call_key(qualname, args, kwargs)] = result
            return result

        return record


class Recording:
    """The values a Recorder saved, answering the same questions again."""

    def __init__(self, constants, calls):
        self.constants, self.calls = constants, calls

    @classmethod
    def load(cls, path):
        frame = Path(path).read_bytes()
        data = codec.decode(frame[8:])
        return cls(data["constants"], data["calls"])

    def replay(self, name):
        return _Replayed(self, name)


class _Replayed:
    def __init__(self, recording, name):
        self._recording, self._name = recording, name

    def __getattr__(self, attribute):
        qualname = f"{self._name}.{attribute}"
        if qualname in self._recording.constants:
            return self._recording.constants[qualname]

        def replay(*args, **kwargs):
            key = call_key(qualname, args, kwargs)
            if key not in self._recording.calls:
                raise NeedsHiddenMaterial(f"this check needs {qualname}, which only the grading server has")
            return self._recording.calls[key]

        return replay
