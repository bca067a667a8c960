"""Does the `autograder` command behave as the contract says, as a user would run it?"""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import SKELETONS, SOLUTIONS

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gradescope_results.schema.json").read_text())


def autograder(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def test_grade_prints_the_table_and_writes_valid_results(tmp_path):
    results = tmp_path / "results.json"
    run = autograder("grade", str(SOLUTIONS), "--results", str(results), "--questions", "1")
    assert run.returncode == 0, run.stderr
    assert "Q1: 20/20" in run.stdout and "Total: 20/20" in run.stdout
    data = json.loads(results.read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["score"] == 20 and [t["number"] for t in data["tests"]][:2] == ["1.1", "1.2"]
    assert "Traceback" not in run.stdout + run.stderr


def test_skeleton_results_are_valid_and_zero(tmp_path):
    results = tmp_path / "results.json"
    run = autograder("grade", str(SKELETONS), "--results", str(results), "--questions", "1")
    assert run.returncode == 0
    data = json.loads(results.read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["score"] == 0 and all("not implemented yet" in t["output"] for t in data["tests"])


@pytest.mark.parametrize("args, says", [
    (["grade", "/no/such/dir"], "/no/such/dir: no such directory"),
    (["grade", ".", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["grade", ".", "--device", "tpu"], "invalid choice: 'tpu'"),
    (["grade", ".", "--questions", "one"], "not a list of question numbers"),
    (["nonsense"], "invalid choice: 'nonsense'"),
])
def test_usage_errors_are_one_line_and_exit_2(args, says):
    run = autograder(*args)
    assert run.returncode == 2
    assert run.stdout == "" and says in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_release_check_passes_on_the_committed_skeletons():
    run = autograder("release", "--check")
    assert run.returncode == 0, run.stdout
