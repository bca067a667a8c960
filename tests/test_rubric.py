"""Is the rubric the contract's, and is every item decided by at least one grader test?"""
import ast
import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest

from autograder.assignment import load
from autograder.graders import tutorial8_rnn
from autograder.rubric import Item, Question, Rubric, RubricError
from conftest import SOLUTIONS

RUBRIC = tutorial8_rnn.RUBRIC
ROOT = Path(__file__).resolve().parent.parent
# The documents the items cite; beside the checkout, as in the course's workspace.
SPEC = next((folder for folder in (ROOT / "shared" / "spec", ROOT.parent / "shared" / "spec") if folder.is_dir()), None)
DOCUMENTS = {"CONTRACT.md": "CONTRACT.md", "tutorial": "tutorial8_rnn.md"}


def test_question_totals_are_the_contracts():
    assert {q.number: q.points for q in RUBRIC.questions} == {1: 20, 2: 25, 3: 25, 4: 30}
    assert RUBRIC.max_score == 100
    assert [q.module for q in RUBRIC.questions] == [
        "q1_rnn_forward", "q2_sequence_rnn", "q3_lstm_mapping", "q4_char_sentiment"]


def test_item_numbers_are_unique_and_q_dot_k():
    numbers = [item.number for item in RUBRIC.items]
    assert len(numbers) == len(set(numbers))
    for question in RUBRIC.questions:
        mine = [n for n in numbers if n.startswith(f"{question.number}.")]
        assert mine == [f"{question.number}.{k}" for k in range(1, len(mine) + 1)]


def test_every_item_has_a_grader_test_and_every_test_an_item():
    marked = set()
    for question in RUBRIC.questions:
        tree = ast.parse(load("tutorial8_rnn").grader_path(question).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                numbers = [d.args[0].value for d in node.decorator_list
                           if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "item"]
                assert len(numbers) == 1, f"{node.name} must be tied to exactly one rubric item"
                marked.add(numbers[0])
    assert marked == {item.number for item in RUBRIC.items}


def test_every_question_has_public_and_hidden_items():
    for question in RUBRIC.questions:
        kinds = {item.public for item in RUBRIC.items if item.question == question.number}
        assert kinds == {True, False}


def test_a_rubric_whose_items_miss_the_total_is_refused_in_one_line():
    with pytest.raises(RubricError, match="add up to 3, not 5") as refused:
        Rubric("x", (Question(1, "q1", "t", 5),), (Item("1.1", "a", 3, public=True, source="CONTRACT.md", quote="q"),))
    assert str(refused.value).startswith("autograder/graders/x/__init__.py: ") and "\n" not in str(refused.value)


def test_an_item_without_a_cited_requirement_is_refused_in_one_line():
    """No item may grade what the students were never told: the rubric names the sentence."""
    with pytest.raises(RubricError, match="item 1.1 cites no requirement") as refused:
        Rubric("x", (Question(1, "q1", "t", 3),), (Item("1.1", "a", 3, public=True),))
    assert str(refused.value).startswith("autograder/graders/x/__init__.py: ") and "quote=" in str(refused.value)


def test_every_item_cites_a_requirement():
    for item in RUBRIC.items:
        assert item.source.split()[0] in DOCUMENTS and item.quote.strip(), item.number


@pytest.mark.skipif(SPEC is None, reason="the spec (shared/spec) is not beside this checkout")
def test_every_citation_is_word_for_word_in_its_document():
    """Each quoted fragment stands in the cited document (backticks and line breaks aside)."""
    texts = {name: _plain((SPEC / file).read_text()) for name, file in DOCUMENTS.items()}
    for item in RUBRIC.items:
        text = texts[item.source.split()[0]]
        for fragment in item.quote.split(" … "):
            assert _plain(fragment) in text, (item.number, fragment)


def _plain(text):
    return re.sub(r"\s+", " ", text.replace("`", "")).strip()


def test_docs_grading_table_has_a_row_per_item_with_its_points():
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip()
            for line in (ROOT / "docs" / "grading.md").read_text().splitlines() if re.match(r"\| \d+\.\d+ ", line)}
    assert rows == {item.number: f"{item.points:g}" for item in RUBRIC.items}


def test_reference_reproduces_the_tutorial_answers():
    """The tutorial's printed Q1 answers, to its four decimals."""
    spec = importlib.util.spec_from_file_location("q1_ref", SOLUTIONS / "q1_rnn_forward.py")
    q1 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(q1)
    elman = q1.elman_forward(q1.X_SEQ, q1.U, q1.W_ELMAN, q1.V, q1.B, q1.C)[0].ravel()
    jordan = q1.jordan_forward(q1.X_SEQ, q1.U, q1.W_JORDAN, q1.V, q1.B, q1.C)[0].ravel()
    np.testing.assert_allclose(elman, [0.2707, 0.7284, 0.9432, 0.1126], atol=5e-5)
    np.testing.assert_allclose(jordan, [0.2707, 0.7115, 0.9635, 0.1563], atol=5e-5)
