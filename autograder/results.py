"""The grading report: one result per rubric item, the only thing every writer renders."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ItemResult:
    number: str
    name: str
    score: float
    max_score: float
    feedback: str
    public: bool

    @property
    def passed(self):
        return self.score >= self.max_score


@dataclass
class Report:
    """Everything known about one grading run of one submission."""

    submission: str
    assignment: str
    items: list = field(default_factory=list)
    seconds: float = 0.0
    warnings: list = field(default_factory=list)

    @property
    def score(self):
        return round(sum(item.score for item in self.items), 4)

    @property
    def max_score(self):
        return round(sum(item.max_score for item in self.items), 4)

    def question_scores(self):
        """{question number: (score, max score)} for the questions that were graded."""
        totals = {}
        for item in self.items:
            question = int(item.number.split(".")[0])
            score, top = totals.get(question, (0.0, 0.0))
            totals[question] = (score + item.score, top + item.max_score)
        return totals
