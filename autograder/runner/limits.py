"""Resource limits for child processes, generous enough for slow but correct student code."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-child limits; the wall times are per call, the rest per process."""

    call_seconds: float = 30.0  # wall time of one call
    train_seconds: float = 300.0  # wall time of one training call: ~25x the reference's longest
    import_seconds: float = 60.0  # importing torch alone takes seconds on a busy machine
    memory_bytes: int = 6 * 2**30  # address space: torch maps ~2 GiB before doing anything
    file_bytes: int = 256 * 2**20  # the largest file the child may write (printing included)

    def rlimits(self):
        """The `resource` limits the child applies to itself before touching student code."""
        return {"RLIMIT_AS": self.memory_bytes, "RLIMIT_FSIZE": self.file_bytes, "RLIMIT_CORE": 0}
