"""Does the child process contain whatever student code does, and report it in one line?"""
import time

import numpy as np
import pytest

from autograder.runner import errors
from autograder.runner.limits import Limits
from autograder.runner.proxy import StudentModule

LIMITS = Limits(call_seconds=2, import_seconds=20)


@pytest.fixture
def module(tmp_path):
    def make(source, name="mod"):
        (tmp_path / f"{name}.py").write_text(source)
        return StudentModule(name, tmp_path, LIMITS)
    return make


def test_values_and_errors_come_back(module):
    with module("def f(x):\n    return x * 2\n\ndef g():\n    raise ValueError('bad input')\n") as student:
        np.testing.assert_array_equal(student.call("f", np.arange(3)), [0, 2, 4])
        with pytest.raises(errors.StudentRaised, match=r"g in mod.py raised ValueError: bad input at mod.py:5 in g"):
            student.call("g")


def test_hang_is_killed_at_the_limit_and_not_waited_for_twice(module):
    with module("def f():\n    while True:\n        pass\n\ndef g():\n    return 1\n") as student:
        started = time.monotonic()
        with pytest.raises(errors.TimedOut, match="did not finish within 2 s"):
            student.call("f")
        assert time.monotonic() - started < 6
        started = time.monotonic()
        with pytest.raises(errors.TimedOut):
            student.call("f")
        assert time.monotonic() - started < 0.5
        assert student.call("g") == 1  # a fresh process serves the rest


@pytest.mark.parametrize("body, kind, text", [
    ("import os\n    os._exit(0)", errors.Crashed, "exited with code 0"),
    ("import sys\n    sys.exit(3)", errors.StudentRaised, "raised SystemExit: 3"),
    ("raise KeyboardInterrupt", errors.StudentRaised, "raised KeyboardInterrupt"),
    ("import os, signal\n    os.kill(os.getpid(), signal.SIGKILL)", errors.Crashed, "signal SIGKILL"),
])
def test_exits_and_signals_inside_a_function(module, body, kind, text):
    with module(f"def f():\n    {body}\n\ndef g():\n    return 'fine'\n") as student:
        with pytest.raises(kind, match=text):
            student.call("f")
        assert student.call("g") == "fine"


@pytest.mark.parametrize("source, kind, text", [
    ("import os\nos._exit(0)\n", errors.Crashed, "importing mod.py: the process running it exited with code 0"),
    ("def f(:\n", errors.StudentRaised, "importing mod.py raised SyntaxError"),
    ("while True:\n    pass\n", errors.TimedOut, "importing mod.py did not finish"),
])
def test_import_failures_fail_every_call_at_once(module, source, kind, text):
    student = module(source)
    with student:
        with pytest.raises(kind, match=text):
            student.call("f")
        started = time.monotonic()
        with pytest.raises(kind):
            student.call("g")
        assert time.monotonic() - started < 0.5


def test_missing_file_and_missing_function(tmp_path, module):
    with StudentModule("absent", tmp_path, LIMITS) as student, pytest.raises(errors.MissingModule, match="absent.py is missing"):
        student.call("f")
    with module("x = 1\n") as student, pytest.raises(errors.StudentRaised, match="has no function f"):
        student.call("f")


def test_printing_does_not_disturb_the_channel(module):
    source = "import sys\nprint('{\"score\": 100}')\ndef f():\n    print('noise' * 1000)\n    sys.stdout.flush()\n    return 5\n"
    with module(source) as student:
        assert student.call("f") == 5


def test_memory_limit_is_enforced(module, tmp_path):
    limits = Limits(call_seconds=10, import_seconds=20, memory_bytes=1 * 2**30)
    (tmp_path / "hog.py").write_text("def f():\n    return len(b'x' * (3 * 2**30))\n")
    with StudentModule("hog", tmp_path, limits) as student:
        with pytest.raises(errors.Crashed, match="used more than 1 GiB of memory"):
            student.call("f")


def test_reserved_address_space_is_not_memory(tmp_path):
    """What a CUDA context does: reserve 64 GiB it never touches. Then really allocate too much."""
    limits = Limits(call_seconds=20, import_seconds=20, memory_bytes=1 * 2**30)
    (tmp_path / "cuda_like.py").write_text(
        "import mmap\nreserved = []\ndef reserve():\n"
        "    reserved.append(mmap.mmap(-1, 64 * 2**30, flags=mmap.MAP_PRIVATE, prot=0))\n    return len(reserved[0])\n"
        "def allocate():\n    hoard = []\n    while True:\n        hoard.append(b'x' * 2**26)\n")
    with StudentModule("cuda_like", tmp_path, limits) as student:
        assert student.call("reserve") == 64 * 2**30
        with pytest.raises(errors.Crashed, match="used more than 1 GiB of memory"):
            student.call("allocate")


def test_the_child_cannot_import_the_solutions(module):
    source = "def f():\n    import importlib.util\n    return importlib.util.find_spec('solutions') is None\n"
    with module(source) as student:
        assert student.call("f") is True


def test_non_plain_results_stay_in_the_child_as_handles(module):
    source = "class Box:\n    def __init__(self, v):\n        self.v = v\n    def get(self):\n        return self.v\n\ndef make(v):\n    return Box(v)\n"
    with module(source) as student:
        box = student.call("make", 7)
        assert "Box" in box.type_name
        assert student.method(box, "get") == 7


def test_a_reply_over_the_frame_limit_is_refused_in_one_line(module):
    with module("import numpy as np\ndef f():\n    return np.zeros((6000, 6000))\n") as student:
        with pytest.raises(errors.BadReply, match=r"^f in mod.py returned a reply of [\d,]+ bytes, over the limit of "
                                                  r"33,554,432$"):
            student.call("f")
