"""One fork server per grading run: are its workers still as isolated as fresh interpreters?"""
import subprocess

import pytest

from autograder.runner import errors, sandbox
from autograder.runner.host import Host
from autograder.runner.limits import Limits
from autograder.runner.proxy import StudentModule

LIMITS = Limits(call_seconds=5, import_seconds=30)


@pytest.fixture
def host(tmp_path):
    with Host(LIMITS, hide=[tmp_path], preload=("numpy",)) as server:
        yield server


def modules(tmp_path, host, **sources):
    for name, source in sources.items():
        (tmp_path / f"{name}.py").write_text(source)
    return [StudentModule(name, tmp_path, LIMITS, host=host) for name in sources]


def test_each_question_gets_a_fresh_worker(tmp_path, host):
    patcher, reader = modules(
        tmp_path, host,
        patcher="import numpy, os\nnumpy.leak = 1\nopen('left.txt', 'w').write('x')\n\ndef pid():\n    return os.getpid()\n",
        reader="import numpy, os\n\ndef seen():\n    return [hasattr(numpy, 'leak'), os.path.exists('left.txt')]\n\n"
               "def pid():\n    return os.getpid()\n",
    )
    with patcher, reader:
        first = patcher.call("pid")
        assert reader.call("seen") == [False, False]
        assert reader.call("pid") != first


def test_a_worker_that_kills_its_server_loses_only_its_own_call(tmp_path, host):
    killer, after = modules(
        tmp_path, host,
        killer="import os, signal\n\ndef f():\n    try:\n        os.kill(os.getppid(), signal.SIGKILL)\n"
               "    except PermissionError:  # a worker of its own user cannot\n        os._exit(3)\n"
               "    import time\n    time.sleep(60)\n",
        after="def g():\n    return 'fine'\n",
    )
    with killer, after:
        with pytest.raises((errors.Crashed, errors.TimedOut)):
            killer.call("f")
        assert after.call("g") == "fine"


@pytest.mark.skipif(not sandbox.bwrap_works(), reason="bubblewrap is not available here")
def test_what_a_finished_worker_started_is_gone_before_the_next_question(tmp_path, host):
    (daemon,) = modules(
        tmp_path, host,
        daemon="import subprocess\nsubprocess.Popen(['sleep', '4545'], start_new_session=True)\n\ndef f():\n    return 1\n",
    )
    with daemon:
        assert daemon.call("f") == 1
    assert subprocess.run(["pgrep", "-f", "sleep 4545"], capture_output=True).stdout == b""
