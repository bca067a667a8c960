"""Batch scaling: `grade-all` over N identical correct submissions at --jobs 1, 2, 4, 8 (those
this machine has cores for), and the parallel efficiency of each against --jobs 1.

Run: .venv/bin/python benchmarks/batch_time.py [--n 8] [--jobs 1 2 4 8]
Targets: efficiency >= 0.8 up to 8 jobs on a 16-core machine (issue "the same grade on every
machine"); >= 0.83 at 2 jobs here. The figures go to docs/performance.md by hand.
"""
import argparse
import os
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
    cores = os.cpu_count() or 1
    parser.add_argument("--n", type=int, default=None, help="submissions (default: twice the most jobs)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[j for j in (1, 2, 4, 8) if j <= cores])
    args = parser.parse_args()
    n = args.n or 2 * max(args.jobs)
    with tempfile.TemporaryDirectory() as folder:
        many = Path(folder) / "many"
        for index in range(n):
            shutil.copytree(SOLUTION, many / f"student{index:02d}")
        walls = {jobs: batch_wall(many, jobs) for jobs in sorted(set(args.jobs) | {1})}
    print(f"| jobs | {n} submissions | per submission | efficiency |")
    print("| --- | --- | --- | --- |")
    for jobs, wall in walls.items():
        print(f"| {jobs} | {wall:.1f} s | {wall / n:.1f} s | {walls[1] / (jobs * wall):.2f} |")


if __name__ == "__main__":
    main()
