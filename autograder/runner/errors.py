"""What can go wrong on the student's side, each as one readable line of feedback."""


class StudentError(Exception):
    """Student code failed to produce a value; `str(error)` is the feedback line."""


class MissingModule(StudentError):
    """The submission has no file for this question."""


class NotImplementedYet(StudentError):
    """The function still raises the skeleton's NotImplementedError."""


class StudentRaised(StudentError):
    """Student code raised an exception (anything, including SystemExit); `kind` is its type name."""

    def __init__(self, message, kind="Exception"):
        super().__init__(message)
        self.kind = kind


class TimedOut(StudentError):
    """Student code ran past its wall-time limit and was killed."""


class Crashed(StudentError):
    """The child process died: os._exit, a signal, or the memory limit."""


class BadReply(StudentError):
    """The child sent back something that is not plain data."""
