"""Is the rubric the contract's, and is every item decided by at least one grader test?"""
import ast
import importlib.util

import numpy as np
import pytest

from autograder.graders import tutorial8_rnn
from autograder.rubric import Item, Question, Rubric
from conftest import SOLUTIONS

RUBRIC = tutorial8_rnn.RUBRIC


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
        tree = ast.parse(tutorial8_rnn.grader_path(question).read_text())
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


def test_a_rubric_whose_items_miss_the_total_is_refused():
    with pytest.raises(ValueError, match="add up to 3, not 5"):
        Rubric("x", (Question(1, "q1", "t", 5),), (Item("1.1", "a", 3, public=True),))


def test_reference_reproduces_the_tutorial_answers():
    """The tutorial's printed Q1 answers, to its four decimals."""
    spec = importlib.util.spec_from_file_location("q1_ref", SOLUTIONS / "q1_rnn_forward.py")
    q1 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(q1)
    elman = q1.elman_forward(q1.X_SEQ, q1.U, q1.W_ELMAN, q1.V, q1.B, q1.C)[0].ravel()
    jordan = q1.jordan_forward(q1.X_SEQ, q1.U, q1.W_JORDAN, q1.V, q1.B, q1.C)[0].ravel()
    np.testing.assert_allclose(elman, [0.2707, 0.7284, 0.9432, 0.1126], atol=5e-5)
    np.testing.assert_allclose(jordan, [0.2707, 0.7115, 0.9635, 0.1563], atol=5e-5)
