"""Do imports flow one way: cli → (grading | release | batch) → graders → judge → runner, with no
cycle, and does generic code stay free of any assignment's names?"""
import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "autograder"

# Each module's layer; a module may import only from its own layer or lower ones.
LAYERS = (
    ("runner", r"autograder(\.runner(\..*)?)?"),  # the bare package holds only its version
    ("judge", r"autograder\.(judge(\..*)?|paths|results|rubric|recording)"),
    ("assignments", r"autograder\.(graders(\..*)?|assignment)"),
    ("grading, release, batch", r"autograder\.(grading|plugin|writers|summary|batch|worker|notebook.*|release(\..*)?)"),
    ("cli", r"autograder\.(cli|__main__)"),
)
# Within the layer of the verbs: release may grade (to record the reference), nothing else crosses.
SIBLINGS = {"grading": set(), "batch": set(), "release": {"grading"}}


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path):
    """Every autograder module `path` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules}


def layer(name):
    return next(index for index, (_, pattern) in enumerate(LAYERS) if re.fullmatch(pattern, name))


def graph():
    return {module_name(path): imports(path) for path in PACKAGE.rglob("*.py")}


def test_imports_flow_down_the_layers():
    wrong = [f"{source} ({LAYERS[layer(source)][0]}) imports {target} ({LAYERS[layer(target)][0]})"
             for source, targets in graph().items() for target in targets if layer(target) > layer(source)]
    assert wrong == []


def test_grading_release_and_batch_do_not_import_each_other():
    def verb(name):
        return next((v for v in SIBLINGS if name == f"autograder.{v}" or name.startswith(f"autograder.{v}.")), None)

    wrong = [f"{source} imports {target}" for source, targets in graph().items() for target in targets
             if verb(source) and verb(target) and verb(source) != verb(target)
             and verb(target) not in SIBLINGS[verb(source)]]
    assert wrong == []


def test_there_is_no_import_cycle():
    edges = graph()
    done, cycle = set(), []

    def visit(name, path):
        if name in path:
            cycle.append(path[path.index(name):] + [name])
            return
        if name in done:
            return
        for target in edges.get(name, ()):
            if target != name:
                visit(target, path + [name])
        done.add(name)

    for name in edges:
        visit(name, [])
    assert cycle == []


def test_generic_code_names_no_assignment_nor_question():
    assignments = {path.parent.name for path in (PACKAGE / "graders").glob("*/__init__.py")}
    generic = [path for path in PACKAGE.rglob("*.py") if not path.is_relative_to(PACKAGE / "graders")]
    names = re.compile("|".join([*map(re.escape, assignments), r"q\d_"]))
    assert [f"{path.relative_to(PACKAGE)}:{number}" for path in generic
            for number, line in enumerate(path.read_text().splitlines(), 1) if names.search(line)] == []
