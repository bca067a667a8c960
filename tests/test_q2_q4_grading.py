"""Do the Q2–Q4 graders give full marks to right work in any style, zero to the skeleton, and
dock each realistic mistake on exactly its items, naming it?"""
import pytest

from conftest import SKELETONS, SUBMISSIONS, grade_quick, mutate, reference_source
from mistakes import ISSUE, MISTAKES, READINGS

MODULES = ("q1_rnn_forward", "q2_sequence_rnn", "q3_lstm_mapping", "q4_char_sentiment")


def lost(report):
    return {item.number for item in report.items if item.score < item.max_score}


def test_reference_scores_100(reference_report):
    assert reference_report.score == reference_report.max_score == 100, \
        [(i.number, i.feedback) for i in reference_report.items if i.feedback]


def test_skeleton_scores_0_saying_not_implemented():
    report = grade_quick(SKELETONS, questions=(2, 3, 4))
    assert report.score == 0 and report.max_score == 80
    for item in report.items:
        assert "not implemented yet" in item.feedback, (item.number, item.feedback)


@pytest.mark.parametrize("style", ["style_manual_cells", "style_time_major"])
def test_correct_work_in_other_styles_scores_100(style):
    report = grade_quick(SUBMISSIONS / style, questions=(1, 2, 3, 4))
    assert report.score == 100, [(i.number, i.feedback) for i in report.items if i.feedback]


@pytest.mark.parametrize("name", MISTAKES)
def test_mistake_loses_exactly_its_items_and_is_named(name, mistake_report):
    _, _, expected_lost, phrase = MISTAKES[name]
    _, report = mistake_report(name)
    assert lost(report) == expected_lost, [(i.number, i.feedback) for i in report.items if i.feedback]
    assert any(phrase in item.feedback for item in report.items)


@pytest.mark.parametrize("name", ISSUE)
def test_each_hint_fires_on_its_mistake_only(name, reference_report, mistake_report):
    """Graded: the reference and every other mistake of ISSUE (but the same mistake in another
    question); none may show this mistake's hint."""
    phrase = MISTAKES[name][3]
    reports = {None: reference_report, **{other: mistake_report(other)[1] for other in ISSUE}}
    elsewhere = [other for other, report in reports.items() if other != name
                 and (other is None or MISTAKES[other][3] != phrase)
                 and any(phrase in item.feedback for item in report.items)]
    assert elsewhere == []


@pytest.mark.parametrize("name", READINGS)
def test_every_reading_the_contract_allows_keeps_full_marks(name, make_submission):
    module, replacements = READINGS[name]
    report = grade_quick(make_submission(**{module: mutate(module, *replacements)}), questions=(int(module[1]),))
    assert report.score == report.max_score, [(i.number, i.feedback) for i in report.items if i.feedback]


def test_one_broken_module_leaves_the_other_questions_untouched(make_submission, reference_report):
    """A crash at import in Q3 costs Q3 only; Q1, Q2 and Q4 are graded as the reference is."""
    modules = {name: reference_source(name) for name in MODULES}
    modules["q3_lstm_mapping"] = "import os\nos._exit(1)\n" + modules["q3_lstm_mapping"]
    report = grade_quick(make_submission(**modules), questions=(1, 2, 3, 4))
    by_question = report.question_scores()
    assert by_question[3] == (0, 25) and report.score == 75
    assert all("exited with code 1" in i.feedback for i in report.items if i.number.startswith("3."))


def test_grading_twice_gives_identical_scores_and_feedback(mistake_report):
    """A wrong submission graded again: the same scores and the same feedback, word for word (the
    reference graded twice, alone and in a batch, is compared item by item in test_batch.py)."""
    folder, first = mistake_report("Q4 swapped columns")
    second = grade_quick(folder, questions=(4,))
    assert [(i.number, i.score, i.feedback) for i in first.items] == [(i.number, i.score, i.feedback) for i in second.items]
