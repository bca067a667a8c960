"""The forgery paths a hostile student found (issue 10), one test each: no points for no work,
nothing outside the worker changed, other questions and other students untouched, no process
left behind. Attacks that need the sandbox's isolation run where bubblewrap does, or where the
workers run as a user of their own (root with an interpreter other users can reach)."""
import hashlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder import writers
from autograder.grading import grade
from autograder.runner import errors, sandbox, users
from autograder.runner.host import Host
from autograder.runner.limits import Limits
from autograder.runner.proxy import StudentModule
from conftest import QUICK, SKELETONS, SOLUTIONS, grade_quick, reference_source

Q1 = "q1_rnn_forward"
ROOT = Path(__file__).resolve().parent.parent
needs_bwrap = pytest.mark.skipif(not sandbox.bwrap_works(), reason="bubblewrap is not available here")
OWN_USER = os.geteuid() == 0 and all(map(users.reachable, sandbox.interpreter_roots()))
# Where student code cannot write the judge's files or signal its processes.
ISOLATED = [pytest.param("bwrap", marks=needs_bwrap),
            pytest.param("none", marks=pytest.mark.skipif(not OWN_USER, reason="workers share the judge's user here"))]


def lost(report):
    return {item.number for item in report.items if item.score < item.max_score}


def module_at(tmp_path, name, source):
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.py").write_text(source)
    return folder


# -- submissions are files, not paths ----------------------------------------------------------
def test_a_linked_assignment_folder_is_not_followed(tmp_path):
    """A student repository whose assignments/tutorial8_rnn links to the grader's solutions."""
    (tmp_path / "repo" / "assignments").mkdir(parents=True)
    (tmp_path / "repo" / "assignments" / "tutorial8_rnn").symlink_to(SOLUTIONS)
    report = grade_quick(tmp_path / "repo")
    assert report.score == 0
    assert any("tutorial8_rnn: a symbolic link, not copied" in warning for warning in report.warnings)


def test_a_linked_module_file_is_not_followed(make_submission):
    folder = make_submission()
    (folder / f"{Q1}.py").symlink_to(SOLUTIONS / f"{Q1}.py")
    report = grade_quick(folder)
    assert report.score == 0
    assert f"{Q1}.py is missing" in report.items[0].feedback
    assert any(f"{Q1}.py: a symbolic link" in warning for warning in report.warnings)


def test_a_package_beside_the_module_is_ignored(make_submission):
    """Python imports a folder q1_rnn_forward/ before q1_rnn_forward.py; grading does not."""
    folder = make_submission(**{Q1: (SKELETONS / f"{Q1}.py").read_text()})
    (folder / Q1).mkdir()
    (folder / Q1 / "__init__.py").write_text(reference_source(Q1))
    report = grade_quick(folder)
    assert report.score == 0
    assert any(f"{Q1}: ignored, the question is graded from {Q1}.py" in w for w in report.warnings)


def test_links_planted_for_the_next_worker_are_not_followed(tmp_path):
    """A worker plants links where later workers' folders might be made; the judge never
    writes through them (the folders' names are unguessable, and created with O_EXCL)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    planter = module_at(tmp_path, "planter", (
        "import os\ndef plant(target):\n    made = 0\n"
        "    for name in ['victim-1', 'victim-2', 'work', *(f'victim-{i:08x}' for i in range(500))]:\n"
        "        for folder in ('..', '.'):\n            try:\n"
        "                os.symlink(target, os.path.join(folder, name))\n                made += 1\n"
        "            except OSError:\n                pass\n    return made\n"))
    victim = module_at(tmp_path, "victim", "def ok():\n    return 1\n")
    with Host(QUICK) as host:
        with StudentModule("planter", planter, QUICK, host=host) as student:
            student.call("plant", str(outside))
        with StudentModule("victim", victim, QUICK, host=host) as student:
            assert student.call("ok") == 1
    assert list(outside.iterdir()) == []


# -- hidden material -------------------------------------------------------------------------
@needs_bwrap
def test_the_worker_sees_only_the_runner_of_the_framework(tmp_path):
    spy = module_at(tmp_path, "spy", (
        "import importlib, os\nimport autograder\n"
        "def package():\n    return sorted(set(os.listdir(os.path.dirname(autograder.__file__))) - {'__pycache__'})\n"
        "def load(name):\n    try:\n        importlib.import_module(name)\n        return 'imported'\n"
        "    except ImportError as error:\n        return type(error).__name__\n"))
    with StudentModule("spy", spy, Limits(sandbox="bwrap")) as student:
        assert student.call("package") == ["__init__.py", "runner"]
        for hidden in ("autograder.graders.tutorial8_rnn.hidden.q1_rnn_forward", "autograder.graders.tutorial8_rnn.hidden.loops",
                       "autograder.grading"):
            assert student.call("load", hidden) == "ModuleNotFoundError"


@needs_bwrap
def test_a_non_editable_install_hides_the_graders_too(tmp_path, monkeypatch):
    """`pip install .` puts the whole package in site-packages, which the sandbox shows."""
    site = tmp_path / "site-packages"
    shutil.copytree(sandbox.PACKAGE, site / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    roots = [*sandbox.interpreter_roots(), site]
    monkeypatch.setattr(sandbox, "PACKAGE", site / "autograder")
    monkeypatch.setattr(sandbox, "_server_package", lambda: site / "autograder")
    monkeypatch.setattr(sandbox, "interpreter_roots", lambda: roots)
    probe = (f"import sys; sys.path.insert(0, {str(site)!r})\nimport autograder, autograder.runner.codec\n"
             "try:\n    import autograder.graders.tutorial8_rnn.hidden\n    print('graders visible')\n"
             "except ImportError:\n    print('graders hidden')\nprint(autograder.__file__)\n")
    (tmp_path / "private").mkdir()
    command = sandbox.wrap([sys.executable, "-I", "-c", probe], setting="bwrap", private_dir=tmp_path / "private",
                           hide=[])
    shown = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert shown.stdout.splitlines() == ["graders hidden", str(site / "autograder" / "__init__.py")], shown.stderr


# -- nothing outside the worker changes ------------------------------------------------------------
@pytest.mark.parametrize("setting", ["none", pytest.param("bwrap", marks=needs_bwrap)])
def test_a_daemon_does_not_outlive_grading(setting, make_submission, tmp_path):
    """Double fork and setsid: the daemon would rewrite results.json after grading."""
    marker = tmp_path / "heartbeat"
    daemon = ("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
              "        while True:\n            try:\n"
              f"                open({str(marker)!r}, 'w').write(str(time.time()))\n"
              "            except OSError:\n                pass\n            time.sleep(0.05)\n"
              "    os._exit(0)\nos.wait()\n")
    report = grade(make_submission(**{Q1: daemon + reference_source(Q1)}), questions=[1],
                   limits=Limits(call_seconds=5, import_seconds=15, sandbox=setting))
    assert report.score == 20
    time.sleep(0.5)
    last = marker.read_text() if marker.exists() else None
    time.sleep(1.0)
    assert (marker.read_text() if marker.exists() else None) == last  # no beat after grading returned
    assert subprocess.run(["pgrep", "-f", "heartbeat"], capture_output=True).stdout == b""


@pytest.mark.parametrize("setting", ISOLATED)
def test_the_reference_on_disk_cannot_be_changed(setting, make_submission, tmp_path, monkeypatch):
    copy = tmp_path / "solutions" / "tutorial8_rnn"
    shutil.copytree(SOLUTIONS, copy)
    monkeypatch.setenv("AUTOGRADER_SOLUTIONS", str(copy.parent))
    before = hashlib.sha256((copy / f"{Q1}.py").read_bytes()).hexdigest()
    attack = (f"try:\n    open({str(copy / (Q1 + '.py'))!r}, 'w').write('raise SystemExit')\n"
              "except OSError:\n    pass\n")
    limits = Limits(call_seconds=5, import_seconds=15, sandbox=setting)
    grade(make_submission(**{Q1: attack + reference_source(Q1)}), questions=[1], limits=limits)
    assert hashlib.sha256((copy / f"{Q1}.py").read_bytes()).hexdigest() == before
    assert grade(make_submission(**{Q1: reference_source(Q1)}), questions=[1], limits=limits).score == 20


@pytest.mark.parametrize("setting", ISOLATED)
def test_other_students_workers_cannot_be_signalled(setting, tmp_path):
    """Two judges side by side (a batch): one student's code kills every process it can."""
    limits = Limits(call_seconds=20, sandbox=setting)
    victim = module_at(tmp_path, "victim", "import time\ndef ready():\n    return 1\n"
                                           "def slow():\n    time.sleep(4)\n    return 42\n")
    killer = module_at(tmp_path, "killer", (
        "import os, signal\ndef kill_all():\n    killed = 0\n    for entry in os.listdir('/proc'):\n"
        "        if entry.isdigit() and int(entry) not in (os.getpid(), 1):\n            try:\n"
        "                os.kill(int(entry), signal.SIGKILL)\n                killed += 1\n"
        "            except OSError:\n                pass\n    return killed\n"))
    answers = {}
    with StudentModule("victim", victim, limits) as honest, StudentModule("killer", killer, limits) as hostile:
        assert honest.call("ready") == 1
        thread = threading.Thread(target=lambda: answers.setdefault("victim", honest.call("slow")))
        thread.start()
        time.sleep(1.0)
        hostile.call("kill_all")
        thread.join()
    assert answers["victim"] == 42


@needs_bwrap
def test_host_sockets_are_out_of_reach(tmp_path):
    """A read-only bind does not stop connect(): the sandbox shows no host socket at all."""
    paths = [f"/run/autograder-test-{os.getpid()}.sock", f"/tmp/autograder-test-{os.getpid()}.sock"]
    servers = []
    for path in paths + [f"\0autograder-test-{os.getpid()}"]:
        server = socket.socket(socket.AF_UNIX)
        server.bind(path)
        server.listen()
        servers.append(server)
    spy = module_at(tmp_path, "spy", (
        "import socket\ndef connect(path):\n    try:\n        socket.socket(socket.AF_UNIX).connect(path)\n"
        "        return 'connected'\n    except OSError as error:\n        return type(error).__name__\n"))
    try:
        with StudentModule("spy", spy, Limits(sandbox="bwrap")) as student:
            for path in paths + [f"\0autograder-test-{os.getpid()}"]:
                assert student.call("connect", path) in ("FileNotFoundError", "ConnectionRefusedError"), path
    finally:
        for server in servers:
            server.close()
        for path in paths:
            os.unlink(path)


# -- bounded everything ----------------------------------------------------------------------------
def test_a_flood_reply_is_cut_off(tmp_path):
    """A worker writes its own 8 MiB frame of nested empty lists onto its socket."""
    flood = module_at(tmp_path, "flood", (
        "import os, stat, struct\ndef flood():\n    head = b'[' + b'[],' * (8 * 2**20 // 3) + b'[]]'\n"
        "    body = struct.pack('<I', len(head)) + head\n    for fd in range(3, 64):\n        try:\n"
        "            if stat.S_ISSOCK(os.fstat(fd).st_mode):\n"
        "                os.write(fd, struct.pack('<Q', len(body)) + body)\n        except OSError:\n"
        "            pass\n    return 0\n"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with StudentModule("flood", flood, QUICK) as student:
        with pytest.raises(errors.BadReply, match="over the .*limit"):
            student.call("flood")
    assert time.monotonic() - started < 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100 * 1024  # KiB


def test_the_whole_submission_has_one_time_budget(make_submission):
    """Every import and call just under its limit: the run still ends at the submission's cap."""
    slow = ("import time\ntime.sleep(2.5)\n" + reference_source(Q1)
            + "\n_elman = elman_forward\ndef elman_forward(*a, **k):\n    time.sleep(1.5)\n    return _elman(*a, **k)\n")
    limits = Limits(call_seconds=2, import_seconds=3, question_seconds=60, submission_seconds=6)
    started = time.monotonic()
    report = grade(make_submission(**{Q1: slow}), questions=[1], limits=limits)
    assert time.monotonic() - started < 6 + 12  # the cap, plus starting and stopping the fork server
    assert any("the submission's time budget of 6 s is used up" in item.feedback for item in report.items)


@pytest.mark.parametrize("setting", ISOLATED)
def test_leftovers_do_not_reach_the_next_question(setting, tmp_path):
    """Files in /dev/shm and /tmp and detached processes, left by one question's worker."""
    limits = Limits(call_seconds=20, sandbox=setting)
    litter = module_at(tmp_path, "litter", (
        "import os, subprocess\ndef litter():\n"
        "    open('/dev/shm/leftover', 'wb').truncate(2**25)\n    open('/tmp/leftover', 'w').write('x')\n"
        "    for _ in range(20):\n        subprocess.Popen(['sleep', '4747'], start_new_session=True)\n    return 0\n"))
    look = module_at(tmp_path, "look", (
        "import os\ndef look():\n    return [p for p in ('/dev/shm/leftover', '/tmp/leftover') if os.path.exists(p)]\n"))
    with Host(limits) as host:
        with StudentModule("litter", litter, limits, host=host) as student:
            student.call("litter")
        with StudentModule("look", look, limits, host=host) as student:
            assert student.call("look") == []
        assert subprocess.run(["pgrep", "-f", "sleep 4747"], capture_output=True).stdout == b""


def test_control_characters_are_escaped_in_every_report(make_submission):
    escape = "\x1b[2J\x1b[32mTotal: 100 of 100\r"
    source = reference_source(Q1) + f"\n\ndef elman_forward(*a, **k):\n    raise ValueError({escape!r})\n"
    folder = make_submission(**{Q1: source})
    (folder / f"notes{escape}.txt").symlink_to("/etc/passwd")
    report = grade_quick(folder)
    for text in (writers.text_table(report), writers.markdown(report), str(writers.gradescope(report))):
        assert "\x1b" not in text and "\r" not in text
    assert "\\x1b[2J" in report.items[0].feedback


# -- points from plain data, never from the worker's helpers -------------------------------------
JUNK_MAPPER = '''

import autograder.runner.probes as _probes


class LSTMMapper(nn.Module):
    """No LSTM at work: the target's own formula, with an unused LSTM to show in the layer summary."""

    def __init__(self, n_units=10):
        super().__init__()
        self.lstm = nn.LSTM(1, n_units, batch_first=True)
        self.head = nn.Linear(n_units, 1)

    def forward(self, x):
        _probes.state_of = lambda model: {}  # a patch made during a call: gone before the next
        x = torch.as_tensor(x, dtype=torch.float32)[..., 0]
        return x + torch.nn.functional.pad(x, (1, 0))[:, :-1] + 0 * self.head.weight.sum()


_probes.modules = lambda model: [{"name": "lstm", "type": "LSTM", "input_size": 1, "hidden_size": 10, "num_layers": 1}]
_probes.parameter_shapes = lambda model: [[40, 1], [40, 10], [40], [40], [1, 10], [1]]
'''


def test_a_junk_model_gets_no_point_for_the_architecture_or_the_fit(make_submission):
    """Outputs right by formula, an unused LSTM and patched helpers: the judge computes the model
    from its parameters, and no reading of them gives those outputs."""
    module = "q3_lstm_mapping"
    report = grade(make_submission(**{module: reference_source(module) + JUNK_MAPPER}), questions=[3], limits=QUICK)
    assert lost(report) == {"3.2", "3.4"}, [(item.number, item.feedback) for item in report.items]
    assert "not those of one LSTM layer of 10 units" in next(i.feedback for i in report.items if i.number == "3.2")


READS_THE_GRADERS = '''
from autograder.graders.tutorial8_rnn.hidden import q1_rnn_forward as _hidden


def elman_forward(x, U, W, V, b, c, h0=None):
    return _hidden._forward(x, U, W, V, b, c, h0, jordan=False)


def jordan_forward(x, U, W, V, b, c, y0=None):
    return _hidden._forward(x, U, W, V, b, c, y0, jordan=True)
'''


@needs_bwrap
def test_a_non_editable_install_grades_hostile_code_like_any_other(tmp_path):
    """`pip install .` into a fresh environment (site-packages then holds the graders): code that
    imports the hidden graders' correct computation gets nothing; the reference still 20."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    ours = next(Path(p) for p in sys.path if p.endswith("site-packages") and (Path(p) / "torch").is_dir())
    (site / "libraries.pth").write_text(f"import site; site.addsitedir({str(ours)!r})\n")  # torch, numpy, pytest
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(ROOT)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run([python, "-I", "-c", "import autograder; print(autograder.__file__)"],
                               capture_output=True, text=True, check=True).stdout
    assert installed.startswith(str(site))
    scores = {}
    for name, source in (("hostile", (SKELETONS / f"{Q1}.py").read_text() + READS_THE_GRADERS),
                         ("honest", reference_source(Q1))):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{Q1}.py").write_text(source)
        results = tmp_path / f"{name}.json"
        subprocess.run([python, "-m", "autograder", "grade", str(tmp_path / name), "--questions", "1", "--sandbox",
                        "bwrap", "--results", str(results)], check=True, capture_output=True,
                       env={**os.environ, "AUTOGRADER_SOLUTIONS": str(SOLUTIONS.parent)})
        scores[name] = json.loads(results.read_text())["score"]
    assert scores == {"hostile": 0, "honest": 20}


def test_a_hard_link_to_the_reference_is_not_the_students_file(make_submission, tmp_path, monkeypatch):
    """A hard link (a tar upload can carry one) is the reference file itself, under a new name."""
    copy = tmp_path / "solutions" / "tutorial8_rnn"
    shutil.copytree(SOLUTIONS, copy)
    monkeypatch.setenv("AUTOGRADER_SOLUTIONS", str(copy.parent))
    folder = make_submission()
    os.link(copy / f"{Q1}.py", folder / f"{Q1}.py")
    report = grade_quick(folder)
    assert report.score == 0
    assert any("a link to one of the grader's own files" in warning for warning in report.warnings)


PASTED_WEIGHTS = """

class LSTMMapper(nn.Module):
    \"\"\"A real LSTM whose state_dict hands out copies: weights loaded into it go nowhere.\"\"\"

    def __init__(self, n_units=10):
        super().__init__()
        self.lstm = nn.LSTM(1, n_units, batch_first=True)
        self.readout = nn.Linear(n_units, 1)

    def forward(self, x):
        return self.readout(self.lstm(torch.as_tensor(x, dtype=torch.float32))[0])[..., 0]

    def state_dict(self, *args, **kwargs):
        return {name: value.detach().clone() for name, value in super().state_dict(*args, **kwargs).items()}
"""


def test_a_model_that_ignores_the_judges_start_gets_no_convergence_point(make_submission):
    """Weights fitted elsewhere would survive the shuffled start if loading into the model did nothing."""
    module = "q3_lstm_mapping"
    report = grade(make_submission(**{module: reference_source(module) + PASTED_WEIGHTS}), questions=[3], limits=QUICK)
    assert "3.4" in lost(report)
    assert "do not take the values loaded into them" in next(i.feedback for i in report.items if i.number == "3.4")
