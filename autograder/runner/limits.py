"""Resource limits and isolation settings for worker processes.

Generous enough that correct but slow student code (plain Python loops, several times slower
than the reference) never meets them; tight enough that a hostile submission cannot stall or
exhaust the grading machine.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-worker limits: wall times per call and per question, CPU time, memory, file size."""

    call_seconds: float = 30.0  # wall time of one call
    train_seconds: float = 300.0  # wall time of one training call: ~25x the reference's longest
    import_seconds: float = 60.0  # importing torch alone takes seconds on a busy machine
    question_seconds: float = 1200.0  # wall time of all calls of one question together, its import included
    submission_seconds: float = 900.0  # wall time of everything student code does in one grading run
    cpu_seconds: int = 1800  # CPU time of one worker process (RLIMIT_CPU)
    memory_bytes: int = 6 * 2**30  # resident memory of a worker and what it started, watched by its fork server
    address_bytes: int = 0  # RLIMIT_AS, when set (0: none: CUDA reserves tens of GiB it never touches)
    file_bytes: int = 64 * 2**20  # the largest file a worker may write (its captured output too)
    disk_bytes: int = 2**30  # all files in a worker's folder together
    sandbox: str = "auto"  # "auto": bubblewrap when it works, else a warned fallback; "bwrap"; "none"

    def rlimits(self):
        """The `resource` limits a worker applies to itself before touching student code."""
        limits = {"RLIMIT_FSIZE": self.file_bytes, "RLIMIT_CORE": 0, "RLIMIT_CPU": self.cpu_seconds}
        return {**limits, "RLIMIT_AS": self.address_bytes} if self.address_bytes else limits
