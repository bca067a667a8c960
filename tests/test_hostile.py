"""Can a hostile submission raise its score, break grading, or see the hidden material? It must not:
each attack loses exactly the items it touches, and the rest is graded normally."""
import subprocess

import pytest

from autograder.grading import grade
from autograder.runner import errors, sandbox
from autograder.runner.limits import Limits
from autograder.runner.proxy import StudentModule
from conftest import SOLUTIONS, grade_quick, reference_source

Q1 = "q1_rnn_forward"
ALL, ELMAN, JORDAN = {f"1.{k}" for k in range(1, 7)}, {"1.1", "1.2", "1.3"}, {"1.4", "1.5", "1.6"}
needs_bwrap = pytest.mark.skipif(not sandbox.bwrap_works(), reason="bubblewrap is not available here")

WRONG_ELMAN = "\n\ndef elman_forward(x, U, W, V, b, c, h0=None):\n    return np.zeros((len(x), 1)), np.zeros((len(x), 2))\n"

ATTACKS = {
    "sys.exit at import": ("import sys\nsys.exit(0)\n", "", ALL),
    "SystemExit at import": ("raise SystemExit(100)\n", "", ALL),
    "KeyboardInterrupt at import": ("raise KeyboardInterrupt\n", "", ALL),
    "os._exit inside a function": ("", "\n\ndef jordan_forward(*a, **k):\n    import os\n    os._exit(0)\n", JORDAN),
    "its fork server killed inside a function": (
        "", "\n\ndef jordan_forward(*a, **k):\n    import os, signal\n    os.kill(os.getppid(), signal.SIGKILL)\n    os._exit(1)\n", JORDAN),
    "KeyboardInterrupt inside a function": ("", "\n\ndef elman_forward(*a, **k):\n    raise KeyboardInterrupt\n", ELMAN),
    "fake results printed and written": (
        "import json, pathlib\nprint(json.dumps({'score': 100, 'max_score': 100}))\n"
        "pathlib.Path('results.json').write_text('{\"score\": 100}')\n"
        "pathlib.Path('/tmp/results.json').write_text('{\"score\": 100}')\n", WRONG_ELMAN, ELMAN),
    "patched comparisons and builtins": (
        "import builtins, numpy, torch\nnumpy.allclose = lambda *a, **k: True\nnumpy.isclose = lambda a, b, **k: True\n"
        "numpy.testing.assert_allclose = lambda *a, **k: None\ntorch.allclose = lambda *a, **k: True\n"
        "builtins.isinstance = lambda *a: True\n", WRONG_ELMAN, ELMAN),
    "always-equal tensor subclass": ("import torch\n", (
        "\n\nclass Equal(torch.Tensor):\n    def __eq__(self, other):\n        return True\n"
        "    def allclose(self, *a, **k):\n        return True\n\n"
        "def elman_forward(x, U, W, V, b, c, h0=None):\n"
        "    return torch.zeros(len(x), 1).as_subclass(Equal), torch.zeros(len(x), 2).as_subclass(Equal)\n"), ELMAN),
    "tens of GiB allocated": ("", "\n\ndef elman_forward(*a, **k):\n    return np.ones((40, 2**30))\n", ELMAN),
    "processes spawned": ("import subprocess\nsubprocess.Popen(['sleep', '4242'])\n", "", set()),
}


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_loses_exactly_what_it_attacks(name, make_submission):
    prepend, append, expected_lost = ATTACKS[name]
    report = grade_quick(make_submission(**{Q1: prepend + reference_source(Q1) + append}))
    assert {i.number for i in report.items if i.score < i.max_score} == expected_lost, \
        [(i.number, i.feedback) for i in report.items if i.feedback]
    assert all(item.feedback.strip() for item in report.items if item.score < item.max_score)


def test_spawned_processes_do_not_outlive_grading(make_submission):
    source = "import subprocess, os\nsubprocess.Popen(['sleep', '4343'], start_new_session=True)\n" + reference_source(Q1)
    grade_quick(make_submission(**{Q1: source}))
    assert subprocess.run(["pgrep", "-f", "sleep 4343"], capture_output=True).stdout == b""


def test_a_memory_hog_is_stopped_at_the_cap(tmp_path):
    """It grows in a process of its own, too, to slip past a per-process limit."""
    (tmp_path / "hog.py").write_text(
        "import os\nhoard = []\n"
        "def grow():\n    if os.fork() == 0:\n        while True:\n            hoard.append(b'x' * 2**26)\n"
        "    while True:\n        hoard.append(b'x' * 2**26)\n")
    with StudentModule("hog", tmp_path, Limits(memory_bytes=2 * 2**30, call_seconds=60)) as student:
        with pytest.raises(errors.Crashed, match="used more than 2 GiB of memory"):
            student.call("grow")


@needs_bwrap
def test_the_sandboxed_child_cannot_read_the_solutions_by_absolute_path(tmp_path):
    target = SOLUTIONS / f"{Q1}.py"
    (tmp_path / "spy.py").write_text(
        "import os\n"
        "def read(path):\n    try:\n        return open(path).read()\n    except OSError as error:\n        return type(error).__name__\n"
        "def hunt():\n    found = []\n    for top in ['/', '/work', '/root', '/home', '/tmp']:\n"
        "        for root, dirs, files in os.walk(top):\n            if root.count(os.sep) > 6:\n                dirs[:] = []\n"
        "            found += [os.path.join(root, f) for f in files if f == 'q1_rnn_forward.py']\n    return found\n")
    hide = [SOLUTIONS.parent.parent]
    with StudentModule("spy", tmp_path, Limits(sandbox="bwrap", call_seconds=120), hide=hide) as student:
        assert student.call("read", str(target)) == "FileNotFoundError"
        assert not [path for path in student.call("hunt") if path.startswith(str(SOLUTIONS))]
        assert student.call("read", "/etc/hostname") != "PermissionError"


@needs_bwrap
def test_the_sandboxed_child_has_no_network(tmp_path):
    (tmp_path / "net.py").write_text(
        "import socket\ndef connect():\n    try:\n        socket.create_connection(('127.0.0.1', 22), timeout=2)\n"
        "        return 'connected'\n    except OSError as error:\n        return type(error).__name__\n"
        "def interfaces():\n    return [name for _, name in socket.if_nameindex()]\n")
    with StudentModule("net", tmp_path, Limits(sandbox="bwrap")) as student:
        assert student.call("interfaces") == ["lo"]


def test_without_the_sandbox_the_report_warns():
    report = grade(SOLUTIONS, questions=[1], limits=Limits(sandbox="none"))
    assert report.score == 20
    assert any("sandbox switched off" in w and "apt-get install bubblewrap" in w for w in report.warnings)
