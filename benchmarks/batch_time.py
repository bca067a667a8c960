"""Batch scaling: `grade-all` over N identical correct submissions, --jobs 1 and --jobs 2.

Run: .venv/bin/python benchmarks/batch_time.py [--n 4]
Target (issue "TA batch grading"): wall(--jobs 2) <= 1.2 * N * single / 2, i.e. a parallel
efficiency of at least 0.83; the figures go to docs/performance.md by hand.
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "tutorial8_rnn"


def batch_wall(submissions, jobs):
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(submissions), "--out", out,
                        "--jobs", str(jobs)], check=True, capture_output=True)
        return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        one, many = Path(folder) / "one", Path(folder) / "many"
        shutil.copytree(SOLUTION, one / "student")
        for index in range(args.n):
            shutil.copytree(SOLUTION, many / f"student{index:02d}")
        single = batch_wall(one, 1)
        serial = batch_wall(many, 1)
        parallel = batch_wall(many, 2)
    bound = 1.2 * args.n * single / 2
    print(f"| single submission (grade-all, 1 job) | {single:.1f} s |")
    print(f"| {args.n} submissions, --jobs 1 | {serial:.1f} s |")
    print(f"| {args.n} submissions, --jobs 2 | {parallel:.1f} s (target <= {bound:.1f} s; "
          f"efficiency {serial / (2 * parallel):.2f}) |")


if __name__ == "__main__":
    main()
