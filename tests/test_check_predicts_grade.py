"""Does `autograder check` (public items, offline, recorded values) fail on every realistic mistake
that costs points in `grade`, and does `grade` name each mistake, its hint firing on nothing else?"""
import subprocess
import sys

import pytest

from autograder.graders.tutorial8_rnn import RUBRIC
from conftest import SOLUTIONS, grade_quick, mutate
from mistakes import CONVERGENCE_ONLY, MISTAKES
from test_delivery import ENV, public_check
from test_q1_grading import MISTAKES as Q1_MISTAKES

PUBLIC = {item.number for item in RUBRIC.items if item.public}
# The issue's mistakes (each passed `check` before), and one whose named hint is new here.
ISSUE = ("Q2 no batch_first", "Q2 hidden state carried across sequences", "Q2 no zero_grad", "Q3 no zero_grad",
         "Q3 loss on the last time step only", "Q4 softmax before CrossEntropyLoss in the loop", "Q3 flattened output")


@pytest.mark.parametrize("name", sorted(MISTAKES) + [f"Q1 {name}" for name in Q1_MISTAKES])
def test_every_mistake_costs_a_public_item_or_says_why_not(name):
    """Every item a mistake loses is known (test_q1_grading, test_q2_q4_grading); check runs the public ones."""
    lost = MISTAKES[name][2] if name in MISTAKES else Q1_MISTAKES[name.removeprefix("Q1 ")][1]
    assert bool(lost & PUBLIC) != (name in CONVERGENCE_ONLY), (name, lost)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "template"
    run = subprocess.run([sys.executable, "-m", "autograder", "release", "--assignment", "tutorial8_rnn", "--out",
                          str(out)], capture_output=True, text=True, env=ENV, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """{mistake: (its submission folder, its question's Report)}, and the reference's under None."""
    reports = {None: (SOLUTIONS, grade_quick(SOLUTIONS, questions=(2, 3, 4)))}
    for name in ISSUE:
        module, replacements, _, _ = MISTAKES[name]
        folder = tmp_path_factory.mktemp("mistake")
        (folder / f"{module}.py").write_text(mutate(module, *replacements))
        reports[name] = folder, grade_quick(folder, questions=(int(module[1]),))
    return reports


@pytest.mark.parametrize("name", ISSUE)
def test_check_fails_offline_and_grade_names_the_mistake(name, template, graded):
    module, _, lost, phrase = MISTAKES[name]
    folder, report = graded[name]
    run = public_check(template, f"q{module[1]}", "--path", str(folder))
    assert run.returncode == 1 and phrase in " ".join(run.stdout.split()), run.stdout + run.stderr  # unwrapped
    assert "Traceback" not in run.stdout + run.stderr
    assert {item.number for item in report.items if not item.passed} == lost
    assert any(phrase in item.feedback for item in report.items)


@pytest.mark.parametrize("name", ISSUE)
def test_each_hint_fires_on_its_mistake_only(name, graded):
    """Graded: the reference and every other mistake of the set (but the same mistake in another
    question); none may show this mistake's hint."""
    phrase = MISTAKES[name][3]
    elsewhere = [other for other, (_, report) in graded.items() if other != name
                 and (other is None or MISTAKES[other][3] != phrase)
                 and any(phrase in item.feedback for item in report.items)]
    assert elsewhere == []
