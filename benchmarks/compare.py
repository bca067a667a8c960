"""Side by side on the reference solution: `autograder grade`, re-executing the tutorial, nbgrader.

Run: .venv/bin/python benchmarks/compare.py [--runs 3] [--out docs/performance.md]

(a) `autograder grade` end to end, a fresh process each run, with a per-question breakdown
    (interpreter start, imports, starting a fork server and a worker, each item) and peak
    memory of the judge and of its children;
(b) re-executing the tutorial as written: each reference module's demo (Q2 10,000 iterations,
    Q3 5,000 epochs, Q4 1,000 epochs), which is what notebook-executing graders pay;
(c) real `nbgrader autograde` of the generated course with the reference as the submission.
Medians of --runs runs; the table is printed and written to --out.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions" / "tutorial8_rnn"
BIN = Path(sys.executable).parent
ENV = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", MPLBACKEND="Agg")

GRADE_ONCE = """
import json, resource, sys, time
started = time.perf_counter()
from autograder.grading import grade_in_parallel, skip_final_collection
imported = time.perf_counter()
report = grade_in_parallel(sys.argv[1], jobs=2)  # what `autograder grade` does on two cores
done = time.perf_counter()
skip_final_collection()  # as the command line does
print(json.dumps({"imports": imported - started, "grading": done - imported, "score": report.score,
    "items": {i.number: i.seconds for i in report.items},
    "judge_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "child_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


PROCESSES = r"""
import json, sys, tempfile, time
from pathlib import Path
from autograder.graders.tutorial8_rnn import TRAINING
from autograder.runner.host import Host
from autograder.runner.proxy import StudentModule
folder = Path(tempfile.mkdtemp())
(folder / "empty.py").write_text("def f():\n    return 1\n")
with Host(preload=TRAINING) as host:
    started = time.perf_counter()
    with StudentModule("empty", folder, host=host) as first:
        first.call("f")
        ready = time.perf_counter()
    with StudentModule("empty", folder, host=host) as second:
        second.call("f")
        forked = time.perf_counter()
print(json.dumps({"server": ready - started, "worker": forked - ready}))
"""


def timed(command, **kwargs):
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env=ENV, **kwargs)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{run.stderr[-2000:]}")
    return time.perf_counter() - started, run.stdout


def autograder_runs(runs):
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        run = subprocess.Popen([sys.executable, "-c", GRADE_ONCE, str(SOLUTIONS)], stdout=subprocess.PIPE, text=True,
                               env=ENV)
        worker_mib = 0.0
        while run.poll() is None:
            worker_mib = max(worker_mib, sandboxed_peak_mib())
            time.sleep(0.2)
        wall = time.perf_counter() - started
        results.append(dict(json.loads(run.stdout.read().splitlines()[-1]), wall=wall, worker_mib=worker_mib))
    return results


def sandboxed_peak_mib():
    """The largest peak resident size among fork servers and their workers (they share a command line)."""
    peak = 0.0
    for proc in Path("/proc").iterdir():
        try:
            if b"autograder.runner.forkserver" in (proc / "cmdline").read_bytes():
                status = (proc / "status").read_text()
                peak = max(peak, int(status.split("VmHWM:")[1].split()[0]) / 1024)
        except (OSError, IndexError, ValueError):
            continue
    return peak


def tutorial_runs(runs):
    walls = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            wall = sum(timed([sys.executable, str(path)], cwd=folder)[0] for path in sorted(SOLUTIONS.glob("q*.py")))
        walls.append(wall)
    return walls


def nbgrader_runs(runs):
    walls = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            course = Path(folder) / "course"
            timed([sys.executable, "-m", "autograder", "nbgrader", "--assignment", "tutorial8_rnn",
                   "--course-dir", str(course)])
            timed(["nbgrader", "generate_assignment", "tutorial8_rnn", "--force"], cwd=course)
            shutil.copytree(course / "source" / "tutorial8_rnn", course / "submitted" / "reference" / "tutorial8_rnn")
            walls.append(timed(["nbgrader", "autograde", "tutorial8_rnn", "--force"], cwd=course)[0])
    return walls


def process_runs(runs):
    return [json.loads(timed([sys.executable, "-c", PROCESSES])[1].splitlines()[-1]) for _ in range(runs)]


def table(grade, tutorial, nbgrader, processes, runs):
    median = statistics.median
    a, b, c = median([r["wall"] for r in grade]), median(tutorial), median(nbgrader) if nbgrader else None
    start, _ = timed([sys.executable, "-c", "pass"])
    lines = [
        f"Measured with `{Path(sys.executable).name} benchmarks/compare.py --runs {runs}` on {os.cpu_count()} cores; "
        f"medians of {runs} runs, seconds.", "",
        "| what | wall s | ratio to (a) |", "| --- | --- | --- |",
        f"| (a) `autograder grade` on the reference, end to end | {a:.1f} | 1 |",
        f"| (b) re-executing the tutorial as written | {b:.1f} | (a)/(b) = {a / b:.2f} |",
    ]
    if c is not None:
        lines.append(f"| (c) `nbgrader autograde` of the generated course | {c:.1f} | (a)/(c) = {a / c:.2f} |")
    lines += ["", f"Peak memory (resident): the grading process {max(r['judge_mib'] for r in grade):.0f} MiB, "
                  f"a judge {max(r['child_mib'] for r in grade):.0f} MiB, a fork server or student worker "
                  f"{max(r['worker_mib'] for r in grade):.0f} MiB (workers share the server's pages until they write them).",
              "",
              "Breakdown of (a): the questions run in two judge processes balanced by expected cost ([Q2] and",
              "[Q4, Q3, Q1]), each with its own fork server, started before the judges fork so that its imports",
              "overlap theirs. A question's first item includes forking its worker and importing the student's module.", "",
              "| part | s |", "| --- | --- |",
              f"| interpreter start | {start:.2f} |",
              f"| importing autograder.grading | {median([r['imports'] for r in grade]):.2f} |",
              f"| a fork server's start: a sandboxed interpreter importing numpy, torch, torch._dynamo, matplotlib "
              f"(once per judge; measured alone) | {median([r['server'] for r in processes]):.2f} |",
              f"| a fresh worker for a question: fork, private copy, import (measured alone) | "
              f"{median([r['worker'] for r in processes]):.2f} |"]
    items = grade[0]["items"]
    for question in sorted({n.split('.')[0] for n in items}, key=int):
        numbers = [n for n in items if n.split(".")[0] == question]
        total = median([sum(r["items"][n] for n in numbers) for r in grade])
        detail = ", ".join(f"{n} {median([r['items'][n] for r in grade]):.2f}" for n in numbers)
        lines.append(f"| Q{question} ({detail}) | {total:.2f} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--skip-nbgrader", action="store_true")
    args = parser.parse_args()
    grade = autograder_runs(args.runs)
    tutorial = tutorial_runs(args.runs)
    nbgrader = [] if args.skip_nbgrader or not shutil.which("nbgrader", path=str(BIN)) else nbgrader_runs(args.runs)
    text = table(grade, tutorial, nbgrader, process_runs(args.runs), args.runs)
    print(text)
    out = Path(args.out)
    kept = out.read_text() if out.is_file() else ""
    kept = kept[kept.index("\n## "):] if "\n## " in kept else ""  # the hand-written sections that follow
    out.write_text("# Performance\n\n" + text + kept)


if __name__ == "__main__":
    main()
