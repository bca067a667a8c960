"""The grading report: one result per rubric item, the only thing every writer renders."""
from dataclasses import dataclass, field


def printable(text):
    """`text` with every control character but newline and tab written as an escape (\\x1b, \\r,
    \\u202e): feedback quotes student output, and it must not drive a terminal or reorder text."""
    return "".join(ch if ch in "\n\t" or ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in str(text))


# Item statuses that say the submission, not its answers, was the problem (shown in grades.csv).
ABNORMAL = ("missing file", "timeout", "crashed", "grader error")


@dataclass(frozen=True)
class ItemResult:
    number: str
    name: str
    score: float
    max_score: float
    feedback: str
    public: bool
    status: str = "passed"  # passed, failed, not implemented, error, missing file, timeout, crashed, grader error
    seconds: float = 0.0  # wall time its tests took, starting the worker included when it came first

    def __post_init__(self):
        object.__setattr__(self, "feedback", printable(self.feedback))

    @property
    def passed(self):
        return self.score >= self.max_score

    @property
    def question(self):
        return int(self.number.split(".")[0])


@dataclass
class Report:
    """Everything known about one grading run of one submission."""

    submission: str
    assignment: str
    items: list = field(default_factory=list)
    seconds: float = 0.0
    warnings: list = field(default_factory=list)
    figures: list = field(default_factory=list)  # PNG files of the student's figures, if saved

    def __post_init__(self):
        self.warnings = [printable(warning) for warning in self.warnings]

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
            score, top = totals.get(item.question, (0.0, 0.0))
            totals[item.question] = (score + item.score, top + item.max_score)
        return totals

    @property
    def status(self):
        """'ok', or the abnormal item statuses that occurred (e.g. 'timeout; missing file')."""
        seen = [status for status in ABNORMAL if any(item.status == status for item in self.items)]
        return "; ".join(seen) or "ok"
