"""Wall time of `autograder grade` on the reference solution, whole and per question.

Run: .venv/bin/python benchmarks/grade_time.py [--runs 3]
Each measurement is a fresh `autograder grade` process, as a student or CI would start it.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "tutorial8_rnn"


def wall_time(*extra):
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder", "grade", str(SOLUTION), "--results",
                        str(Path(tmp) / "results.json"), *extra], check=True, capture_output=True)
        return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from autograder.graders.tutorial8_rnn import RUBRIC

    rows = [(f"Q{q.number} alone", ("--questions", str(q.number))) for q in RUBRIC.questions]
    rows.append(("all questions", ()))
    print("| what | median wall s | runs |")
    print("| --- | --- | --- |")
    for label, extra in rows:
        times = [wall_time(*extra) for _ in range(args.runs)]
        print(f"| {label} | {statistics.median(times):.2f} | {', '.join(f'{t:.2f}' for t in times)} |")


if __name__ == "__main__":
    main()
