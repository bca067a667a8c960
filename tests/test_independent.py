"""Does correct work written from the contract and the tutorial alone, without sight of the
reference, score 100 in every style (float64 throughout, `nn.*Cell` loops, hand-made gates,
embeddings with `torch.inference_mode`, lists in and tensors out, Keras-like loops)?"""
import pytest

from conftest import SUBMISSIONS, grade_quick

INDEPENDENT = SUBMISSIONS / "independent"
STYLES = sorted(folder.name for folder in INDEPENDENT.iterdir() if folder.is_dir()) if INDEPENDENT.is_dir() else []


@pytest.fixture(scope="session")
def independent_report():
    """report(style): the style's submission graded on all four questions, once per test session."""
    reports = {}

    def report(style):
        if style not in reports:
            reports[style] = grade_quick(INDEPENDENT / style, questions=(1, 2, 3, 4))
        return reports[style]

    return report


def test_there_are_six_independent_styles():
    assert len(STYLES) >= 6, STYLES


@pytest.mark.parametrize("style", STYLES)
def test_independent_correct_work_scores_100(style, independent_report):
    report = independent_report(style)
    assert report.score == report.max_score == 100, [(i.number, i.score, i.feedback) for i in report.items if i.feedback]
