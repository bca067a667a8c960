"""Do graders draw the same examples wherever they run, whatever else is installed or imported?"""
import importlib

from hypothesis import given

from autograder.graders.tutorial8_rnn.test_q4_char_sentiment import ALPHABET, sentences
from autograder.judge.strategies import GRADING


def drawn(strategy):
    seen = []

    @GRADING
    @given(strategy)
    def collect(value):
        seen.append(value)

    collect()
    return seen


def test_examples_ignore_constants_in_local_source_files(tmp_path, monkeypatch):
    """Hypothesis may draw string constants from "local" modules: which modules those are differs
    between a checkout, a pip install and a student template, and so would the examples."""
    before = drawn(sentences)
    words = sorted({ALPHABET[i:i + 5] for i in range(0, len(ALPHABET) - 5, 3)})
    (tmp_path / "course_constants.py").write_text(f"WORDS = {words!r}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("course_constants")
    assert drawn(sentences) == before
