"""The worker's side: it imports one student module and serves the judge's calls on a private socket.

A worker is forked by the fork server (`forkserver`) with its copy of the submission as working
directory. Everything student code raises, including `SystemExit` and `KeyboardInterrupt`, is
reported back as plain data; nothing the student returns is trusted.
"""
import importlib
import importlib.util
import os
import random
import resource
import sys
import traceback

from autograder.runner import codec, probes

# Bound here so that a student who rebinds the codec's names cannot break the reply path.
_encode, _write_bytes, _read_frame = codec.encode, codec.write_bytes, codec.read_frame
# Modules the reply path relies on: whatever student code patches in them is undone before
# each reply is encoded, so a patch can only spoil the value of the call that made it.
PROTECTED = ("builtins", "io", "json", "os", "struct", "math", "numpy", "numpy.lib.format", "autograder.runner.codec",
             "autograder.runner.probes")


_MISSING = object()


class Snapshot:
    """The namespaces of the PROTECTED modules, restorable after student code ran."""

    def __init__(self):
        self.saved = {name: dict(vars(sys.modules[name])) for name in PROTECTED if name in sys.modules}

    def restore(self):
        """Put back every name that existed before; names added since (lazy submodules) stay."""
        for name, saved in self.saved.items():
            namespace = vars(sys.modules[name])
            for key, value in saved.items():
                if namespace.get(key, _MISSING) is not value:
                    namespace[key] = value


class MissingName(LookupError):
    """The module lacks a name the contract requires."""


class Server:
    """Holds the student module and every object the judge refers to by handle."""

    def __init__(self, read_fd, write_fd):
        self.read_fd, self.write_fd = read_fd, write_fd
        self.module, self.objects = None, {}
        self.snapshot = Snapshot()

    def keep(self, obj):
        handle = codec.Handle(len(self.objects) + 1, codec.type_name(obj))
        self.objects[handle.id] = obj
        return handle

    def resolve(self, ident):
        return self.objects[ident]

    def serve(self):
        while True:
            try:
                request = _read_frame(self.read_fd, self.resolve)
            except EOFError:
                return
            reply = self.handle(request)
            self.snapshot.restore()
            try:
                frame = _encode(reply, self.keep)
            except BaseException as error:  # a returned object that fails to serialise
                frame = _encode({"ok": False, "error": _describe(error)})
            _write_bytes(self.write_fd, frame)

    def handle(self, request):
        try:
            if request["op"] == "import":
                self.module = import_file(request["module"])
                return {"ok": True, "value": None}
            seed = request.get("seed")
            if seed is not None:
                _seed_everything(seed)
            target = self.target(request["target"])
            value = target(*request.get("args", []), **request.get("kwargs", {}))
            return {"ok": True, "value": value}
        except BaseException as error:  # student code may raise anything, even SystemExit
            return {"ok": False, "error": _describe(error)}

    def target(self, spec):
        if "function" in spec:
            if not callable(getattr(self.module, spec["function"], None)):
                raise MissingName(f"{self.module.__name__}.py has no function {spec['function']}")
            return getattr(self.module, spec["function"])
        if "method" in spec:
            return getattr(spec["object"], spec["method"])
        return getattr(probes, spec["probe"])


def import_file(name):
    """Import module `name` from `name.py` in the working directory, and from nothing else: a
    package folder or compiled file of the same name, which Python would prefer, is ignored."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(os.getcwd(), f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _seed_everything(seed):
    random.seed(seed)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(seed)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(seed)


def _describe(error):
    """Type, message and the innermost submission frame of an exception."""
    frames = traceback.extract_tb(error.__traceback__)
    here = os.getcwd() + os.sep
    own = [f for f in frames if f.filename.startswith(here)]
    frame = own[-1] if own else None
    where = f"{os.path.relpath(frame.filename)}:{frame.lineno} in {frame.name}" if frame else ""
    return {"type": type(error).__name__, "message": str(error)[:2000], "where": where}


def apply_limits(rlimits):
    """Apply the `resource` limits (Limits.rlimits()) to this process, before any student code runs."""
    for name, value in rlimits.items():
        resource.setrlimit(getattr(resource, name), (value, value))
