"""Batch timing: grade-all's parallel efficiency, or the wall time of a realistic class.

By default `grade-all` over N identical correct submissions at --jobs 1, 2, 4, 8 (those this
machine has cores for), and the parallel efficiency of each against --jobs 1; with
--class-size N, the wall time of a mixed class of N at the given --jobs only.

Run: .venv/bin/python benchmarks/batch_time.py [--n 8] [--jobs 1 2 4 8]
     .venv/bin/python benchmarks/batch_time.py --class-size 40 --jobs 2
Targets: efficiency >= 0.8 up to 8 jobs on a 16-core machine (issue "the same grade on every
machine"); >= 0.83 at 2 jobs here. The class wall time answers "how long does a class of 40
take at --jobs 2 on a TA's machine" (issue 15). Take both on a quiet machine; the figures go to
docs/performance.md by hand.
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
ASSIGNMENT = "tutorial8_rnn"
SOLUTION = ROOT / "solutions" / ASSIGNMENT
SKELETON = ROOT / "assignments" / ASSIGNMENT
# A class in tens: most students hand in everything, some part of it, one the untouched skeleton,
# one a module that does not parse (the reference's Q3 with a line broken). Full submissions are
# the slow ones: the judge trains every model they define.
CLASS_MIX = ("full",) * 6 + ("partial", "partial", "skeleton", "syntax")


def batch_wall(submissions, jobs):
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder", "grade-all", str(submissions), "--out", out,
                        "--jobs", str(jobs), "--assignment", ASSIGNMENT], check=True, capture_output=True)
        return time.perf_counter() - started


def write_student(folder, kind):
    """One submission of `kind` (see CLASS_MIX) in the new folder `folder`."""
    shutil.copytree(SKELETON if kind == "skeleton" else SOLUTION, folder)
    modules = sorted(folder.glob("q*.py"))
    if kind == "partial":  # the first two questions only
        for module in modules[2:]:
            module.unlink()
    elif kind == "syntax":
        broken = modules[2]
        broken.write_text(broken.read_text() + "\ndef unfinished(:\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cores = os.cpu_count() or 1
    parser.add_argument("--n", type=int, default=None, help="submissions (default: twice the most jobs)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[j for j in (1, 2, 4, 8) if j <= cores])
    parser.add_argument("--class-size", type=int, default=None,
                        help="time a mixed class of this many submissions at each --jobs (no --jobs 1 baseline)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        many = Path(folder) / "many"
        if args.class_size:
            for index in range(args.class_size):
                write_student(many / f"student{index:03d}", CLASS_MIX[index % len(CLASS_MIX)])
            report_class(args.class_size, {jobs: batch_wall(many, jobs) for jobs in sorted(set(args.jobs))})
            return
        n = args.n or 2 * max(args.jobs)
        for index in range(n):
            shutil.copytree(SOLUTION, many / f"student{index:02d}")
        walls = {jobs: batch_wall(many, jobs) for jobs in sorted(set(args.jobs) | {1})}
    print(f"| jobs | {n} submissions | per submission | efficiency |")
    print("| --- | --- | --- | --- |")
    for jobs, wall in walls.items():
        print(f"| {jobs} | {wall:.1f} s | {wall / n:.1f} s | {walls[1] / (jobs * wall):.2f} |")


def report_class(size, walls):
    mix = ", ".join(f"{CLASS_MIX.count(kind)} {kind}" for kind in dict.fromkeys(CLASS_MIX))
    print(f"A class of {size} ({mix} in every 10), on {os.cpu_count()} cores:")
    print("| jobs | wall | per submission |")
    print("| --- | --- | --- |")
    for jobs, wall in walls.items():
        print(f"| {jobs} | {wall:.0f} s ({wall / 60:.1f} min) | {wall / size:.1f} s |")


if __name__ == "__main__":
    main()
