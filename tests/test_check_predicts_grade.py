"""Does `autograder check` (public items, offline, recorded values) fail on every realistic mistake
that costs points in `grade`? (That `grade` names each mistake, its hint firing on nothing else, is
test_q2_q4_grading.py's.)"""
import pytest

from autograder.graders.tutorial8_rnn import RUBRIC
from conftest import mutate
from mistakes import CONVERGENCE_ONLY, ISSUE, MISTAKES
from test_delivery import public_check
from test_q1_grading import MISTAKES as Q1_MISTAKES

PUBLIC = {item.number for item in RUBRIC.items if item.public}


@pytest.mark.parametrize("name", sorted(MISTAKES) + [f"Q1 {name}" for name in Q1_MISTAKES])
def test_every_mistake_costs_a_public_item_or_says_why_not(name):
    """Every item a mistake loses is known (test_q1_grading, test_q2_q4_grading); check runs the public ones."""
    lost = MISTAKES[name][2] if name in MISTAKES else Q1_MISTAKES[name.removeprefix("Q1 ")][1]
    assert bool(lost & PUBLIC) != (name in CONVERGENCE_ONLY), (name, lost)


@pytest.mark.parametrize("name", ISSUE)
def test_check_fails_offline_naming_the_mistake(name, template, tmp_path):
    """`grade` loses exactly the mistake's items and names it: test_q2_q4_grading.py, for every mistake."""
    module, replacements, _, phrase = MISTAKES[name]
    (tmp_path / f"{module}.py").write_text(mutate(module, *replacements))
    run = public_check(template, f"q{module[1]}", "--path", str(tmp_path))
    assert run.returncode == 1 and phrase in " ".join(run.stdout.split()), run.stdout + run.stderr  # unwrapped
    assert "Traceback" not in run.stdout + run.stderr
