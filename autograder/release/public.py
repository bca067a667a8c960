"""The public build of the `autograder` package that a student template ships.

It is this package without the hidden material (the `hidden/` knowledge of every assignment:
misconception catalogues, recipes, the training-loop catalogue), with every grader module cut down to its public
items, and with a recording of the reference's values for those items in place of the reference.
"""
import ast
import shutil
from pathlib import Path

from autograder.recording import Recorder

PACKAGE = Path(__file__).resolve().parent.parent
HIDDEN = ("hidden", "__pycache__")  # names never copied into a public build


def build(destination, assignment):
    """Write the public package of `assignment` to `destination`/autograder, with its recording;
    return its path."""
    from autograder.grading import grade

    rubric = assignment.rubric
    target = Path(destination) / "autograder"
    others = {path.name for path in assignment.folder.parent.iterdir() if path.is_dir()} - {assignment.folder.name}
    shutil.copytree(PACKAGE, target, ignore=_leave_out(assignment.folder.parent, others))
    hidden = {item.number for item in rubric.items if not item.public}
    for question in rubric.questions:
        path = target / assignment.grader_path(question).relative_to(PACKAGE)
        path.write_text(public_source(path.read_text(), hidden))
    recorder = Recorder()
    report = grade(assignment.solutions, assignment=assignment, public_only=True, recorder=recorder)
    if report.score != report.max_score:
        failing = ", ".join(item.number for item in report.items if not item.passed)
        raise RuntimeError(f"the reference fails public items {failing}: nothing released")
    recorder.save(target / assignment.folder.relative_to(PACKAGE) / "recording.bin")
    return target


def _leave_out(graders, others):
    """copytree's ignore: hidden material, compiled files, and every other assignment's package."""
    def ignored(folder, names):
        dropped = {name for name in names if name in HIDDEN or name.endswith(".pyc")}
        return dropped | (set(names) & others if Path(folder) == graders else set())
    return ignored


def public_source(source, hidden_items):
    """A grader module without the tests of hidden items and what only they used."""
    tree = ast.parse(source)
    tree.body = [node for node in tree.body if _item_of(node) not in hidden_items]
    while True:
        used = {name for node in tree.body for name in _names_used(node)}
        kept = [node for node in tree.body if _kept(node, used)]
        if len(kept) == len(tree.body):
            break
        tree.body = kept
    return '"""Public checks (generated: the hidden items are graded on the grading server)."""\n' + \
        ast.unparse(ast.Module(body=[n for n in tree.body if not _is_docstring(n)], type_ignores=[])) + "\n"


def _item_of(node):
    for decorator in getattr(node, "decorator_list", []):
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "item":
            return decorator.args[0].value
    return None


def _names_used(node):
    inner = node.body if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [node]
    extra = getattr(node, "decorator_list", []) + list(getattr(getattr(node, "args", None), "defaults", []) or [])
    return {n.id for part in inner + extra for n in ast.walk(part) if isinstance(n, ast.Name)}


def _kept(node, used):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return node.name.startswith("test_") or node.name in used
    if isinstance(node, ast.Assign):
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        return not names or any(name in used or name == "MODULE" for name in names)
    return True


def _is_docstring(node):
    return isinstance(node, ast.Expr) and isinstance(getattr(node, "value", None), ast.Constant) \
        and isinstance(node.value.value, str)
