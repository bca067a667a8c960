"""The `autograder` command: a thin layer of verbs over importable functions."""
import argparse
import gc
import os
import sys
from pathlib import Path

from autograder import paths
from autograder.rubric import RubricError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ROSTER_HELP = "CSV with folder (or name) and id columns, optionally email, login, canvas_id (see docs/ta.md)"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message):
        raise paths.UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser():
    parser = _Parser(prog="autograder", description="Grade deep-learning exercises in a sandbox.")
    verbs = parser.add_subparsers(dest="verb", required=True, parser_class=_Parser)

    grade = verbs.add_parser("grade", help="grade one submission")
    grade.add_argument("submission", help="folder with the question modules, or a student repository")
    _add_assignment(grade)
    grade.add_argument("--results", default="results.json", help="where to write Gradescope's results.json")
    grade.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    grade.add_argument("--questions", type=_questions, help="grade only these questions, e.g. 1,3")
    grade.add_argument("--feedback", help="also write the feedback as Markdown to this file")
    grade.add_argument("--classroom", action="store_true",
                       help="append GitHub Classroom's result=<base64 JSON> to $GITHUB_OUTPUT")
    grade.add_argument("--jobs", type=_positive, default=min(2, os.cpu_count() or 1),
                       help="judge processes the questions are spread over (default: up to 2)")
    _add_limits(grade)
    grade.set_defaults(run=run_grade)

    grade_all = verbs.add_parser("grade-all", help="grade every submission in a folder (TAs)")
    grade_all.add_argument("submissions", help="folder with one subfolder per student")
    _add_assignment(grade_all)
    grade_all.add_argument("--out", required=True, help="where grades.csv, summary.md and feedback go")
    grade_all.add_argument("--jobs", type=_positive, default=None,
                           help="submissions graded side by side (default: one per core, as memory allows)")
    grade_all.add_argument("--force", action="store_true", help="regrade every submission, changed or not")
    grade_all.add_argument("--only", nargs="+", metavar="NAME", default=(), help="regrade just these submissions")
    grade_all.add_argument("--shard", type=_shard, default=(1, 1), metavar="I/N",
                           help="grade only the I-th of N deterministic slices of the class (join with merge)")
    grade_all.add_argument("--roster", help=ROSTER_HELP)
    grade_all.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    _add_limits(grade_all)
    grade_all.set_defaults(run=run_grade_all)

    merge = verbs.add_parser("merge", help="join the outputs of grade-all --shard into one gradebook (TAs)")
    merge.add_argument("outs", nargs="+", metavar="OUT", help="the shards' --out folders")
    merge.add_argument("--out", required=True, help="where the joined grades.csv, summary.md and feedback go")
    merge.add_argument("--roster", help=ROSTER_HELP)
    merge.set_defaults(run=run_merge)

    check = verbs.add_parser("check", help="run the public checks on your work (students)")
    check.add_argument("question", nargs="?", type=_question, help="one question only, e.g. q2")
    check.add_argument("--path", default=None,
                       help="your working copy (default: this folder if it holds the modules, else assignments/NAME)")
    _add_assignment(check)
    check.set_defaults(run=run_check)

    release = verbs.add_parser("release", help="the student template, or the skeletons (instructors)")
    release.add_argument("--out", help="write the student repository template into this new folder")
    release.add_argument("--check", action="store_true", help="exit 1 if assignments/ differs from generation")
    release.add_argument("--update", action="store_true", help="rewrite assignments/ from solutions/")
    _add_assignment(release)
    release.set_defaults(run=run_release)

    gradescope = verbs.add_parser("gradescope", help="build a Gradescope autograder zip (instructors)")
    gradescope.add_argument("--out", required=True, help="the zip file to write")
    _add_assignment(gradescope)
    gradescope.set_defaults(run=run_gradescope)

    new = verbs.add_parser("new", help="start a new assignment from a working example (instructors)")
    new.add_argument("name", help="the assignment's name: lower-case letters, digits and _")
    new.add_argument("--root", help="the project folder to write into (default: this checkout)")
    new.set_defaults(run=run_new)

    nbgrader = verbs.add_parser("nbgrader", help="write an nbgrader course (instructors on JupyterHub)")
    nbgrader.add_argument("--course-dir", required=True, help="the course folder to write")
    _add_assignment(nbgrader)
    nbgrader.set_defaults(run=run_nbgrader)
    return parser


def run_grade(args):
    """Grade one submission, print the table, write results.json (and the Markdown feedback)."""
    from autograder import writers
    from autograder.grading import grade, grade_in_parallel

    _check_device(args.device)
    if args.jobs > 1:
        report = grade_in_parallel(args.submission, jobs=args.jobs, assignment=args.assignment, device=args.device,
                                   questions=args.questions, limits=_limits(args), progress=_progress())
    else:
        report = grade(args.submission, assignment=args.assignment, device=args.device, questions=args.questions,
                       progress=_progress(), limits=_limits(args))
    print(writers.text_table(report))
    writers.write_gradescope(report, args.results)
    if args.feedback:
        writers.write_atomically(args.feedback, writers.markdown(report))
    if args.classroom:
        from autograder.release import classroom

        classroom.write_output(report)
    print(f"results: {args.results}")
    return EXIT_OK


def run_check(args):
    """The public items on a student's working copy: exit 0 when all pass."""
    from autograder import assignment as assignments, writers
    from autograder.grading import grade

    assignment = assignments.of_submission(".", args.assignment)
    here = any(Path(f"{module}.py").is_file() for module in assignment.modules)
    path = Path(args.path or ("." if here else Path("assignments") / assignment.name))
    if args.question is not None and args.question not in [q.number for q in assignment.questions]:
        raise paths.UsageError(f"{assignment.name} has no question q{args.question} "
                               f"(it has {', '.join(f'q{q.number}' for q in assignment.questions)})")
    questions = None if args.question is None else [args.question]
    report = grade(path, assignment=assignment, public_only=True, questions=questions, progress=_progress())
    print(writers.text_table(report))
    return EXIT_OK if all(item.passed for item in report.items) else EXIT_FAILED


def run_gradescope(args):
    """Build the Gradescope autograder zip."""
    from autograder import assignment as assignments
    from autograder.release import gradescope

    print(f"wrote {gradescope.build(args.out, assignments.load(args.assignment))}: upload it as the assignment's "
          f"autograder")
    return EXIT_OK


def run_nbgrader(args):
    """Write an nbgrader course from the same percent-format solutions."""
    from autograder import assignment as assignments
    from autograder.release import notebooks

    assignment = assignments.load(args.assignment)
    course = notebooks.write_course(args.course_dir, assignment)
    print(f"wrote {course}: run `nbgrader generate_assignment {assignment.name}` there")
    return EXIT_OK


def run_new(args):
    """Scaffold an assignment: reference, generated skeleton, grader package with two items."""
    from autograder.release import scaffold

    written = scaffold.create(args.name, args.root)
    print("wrote " + ", ".join(map(str, written)))
    print(f"try it: autograder grade {written[0]} --assignment {args.name}; then see docs/authoring.md")
    return EXIT_OK


def run_grade_all(args):
    """Grade a class: grades.csv, per-student results and feedback, a summary for the TA. An
    interrupted run writes what it finished and exits 128 + the signal (130 Ctrl-C, 143 SIGTERM)."""
    from autograder.batch import Interrupted, default_jobs, grade_all

    _check_device(args.device)
    try:
        summary = grade_all(args.submissions, args.out, assignment=args.assignment, jobs=args.jobs or default_jobs(),
                            force=args.force, only=args.only, shard=args.shard, roster=args.roster,
                            device=args.device, limits=_limits(args))
    except Interrupted as stop:
        print(f"autograder: {stop}", file=sys.stderr)
        return stop.code
    print(summary)
    return EXIT_OK


def run_merge(args):
    """Join shards' outputs into one gradebook and summary."""
    from autograder.batch import merge

    print(merge(args.outs, args.out, roster=args.roster))
    return EXIT_OK


def run_release(args):
    """The student template of one assignment, or compare/regenerate the committed skeletons
    (of every assignment unless --assignment names one)."""
    from autograder import assignment as assignments
    from autograder.release import stubs

    if args.out:
        from autograder.release import template

        print(f"wrote the student template in {template.write(args.out, assignments.load(args.assignment))}")
        return EXIT_OK
    if not (args.update or args.check):
        raise paths.UsageError("release needs --out DIR, --check or --update")
    names = [args.assignment] if args.assignment else assignments.available()
    drifted = False
    for assignment in map(assignments.load, names):
        source, target = assignment.solutions, assignment.skeletons
        if args.update:
            stubs.generate(source, target)
            print(f"wrote the skeletons in {target}")
        elif drift := stubs.drifted(source, target):
            print(f"{target} differs from the solutions for {', '.join(drift)}: run `autograder release --update`")
            drifted = True
        else:
            print(f"{target} matches what generation produces")
    return EXIT_FAILED if drifted else EXIT_OK


def _add_assignment(parser):
    parser.add_argument("--assignment", help="which assignment (default: the one the folder's layout names, "
                                             "or the only one installed)")


def _add_limits(parser):
    parser.add_argument("--sandbox", choices=("auto", "bwrap", "none"), default="auto",
                        help="isolate student code with bubblewrap (auto: when available)")
    parser.add_argument("--memory-gb", type=float, default=6.0,
                        help="memory limit of a worker and what it starts (resident memory, not address space)")
    parser.add_argument("--call-seconds", type=float, default=30.0, help="wall-time limit of one call")
    parser.add_argument("--submission-minutes", type=float, default=15.0,
                        help="wall-time limit of all student code of one submission, imports included")


def _limits(args):
    from autograder.runner.limits import Limits

    return Limits(sandbox=args.sandbox, memory_bytes=int(args.memory_gb * 2**30), call_seconds=args.call_seconds,
                  submission_seconds=args.submission_minutes * 60)


def _positive(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _shard(text):
    """`2/4` as (2, 4): the second of four slices."""
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a shard like 1/4 (the first of four)")
    return int(index), int(count)


def _questions(text):
    try:
        return sorted({int(part.strip().lstrip("qQ")) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of question numbers like 1,3") from None


def _question(text):
    """`q2` (or `2`) as the question number 2."""
    number = text.strip().lower().removeprefix("q")
    if not number.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a question like q2")
    return int(number)


def _check_device(name):
    if name == "cuda":
        import torch

        if not torch.cuda.is_available():
            raise paths.UsageError("--device cuda: this machine has no usable GPU (use --device cpu or auto)")


def _progress():
    """The item-by-item progress `grade` and `check` print on stderr (a top-level function:
    parallel judges receive it by pickle)."""
    return _show_item


def _show_item(item, feedback, seconds):
    mark = "ok" if not feedback else "lost points"
    clear = "\r\033[K" if sys.stderr.isatty() else ""
    sys.stderr.write(f"{clear}  {item.number} {item.name[:60]} … {mark} ({seconds:.1f} s)\n")
    sys.stderr.flush()


def run():
    """The console script: main(), then exit without the final garbage collection (see
    grading.skip_final_collection: about a second once torch is imported)."""
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv=None):
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except paths.UsageError as error:
        print(f"autograder: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RubricError as error:  # the course's rubric, not the user's command, needs fixing
        print(f"autograder: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # an output path that cannot be written, a disk that is full, …
        print(f"autograder: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("autograder: interrupted", file=sys.stderr)
        return 130
