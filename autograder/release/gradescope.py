"""`autograder gradescope --out FILE.zip`: a Gradescope autograder archive.

The zip holds this package and the reference solutions (Gradescope unpacks it into
`/autograder/source/`), `setup.sh` (run once when Gradescope builds the image) and
`run_autograder` (run for every submission; it always leaves a results.json, even when grading
itself fails). `AUTOGRADER_ROOT` redirects
`/autograder` for a local try.
"""
import zipfile
from pathlib import Path

from autograder import paths
from autograder.release import TORCH_CPU

SETUP = f"""\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu 22.04: python3 is 3.10).
# Torch needs more than Gradescope's default 768 MB of memory: choose at least 2 GB (4 GB is safer).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update && apt-get install -y python3 python3-pip python3-venv bubblewrap
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --upgrade pip
/autograder/venv/bin/pip install {TORCH_CPU}
/autograder/venv/bin/pip install -e /autograder/source
# Containers often forbid the namespaces bubblewrap needs; grading then warns and isolates workers by user.
if bwrap --ro-bind / / --unshare-net true; then echo "sandbox: bubblewrap works here"
else echo "sandbox: bubblewrap cannot run in this image: workers run as a user of their own instead"; fi
"""

RUN = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission. AUTOGRADER_ROOT redirects /autograder for a local try.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
BIN="${AUTOGRADER_BIN:-$ROOT/venv/bin}"
export AUTOGRADER_SOLUTIONS="$ROOT/source/solutions"
mkdir -p "$ROOT/results"
# Where bubblewrap cannot run (often so in Gradescope's container) workers run as a user of their
# own: the reference and the graders stay out of that user's reach (the runner is all it needs).
chmod -R go-rwx "$ROOT/source/solutions" "$ROOT/source/autograder/graders" "$ROOT/source/autograder/judge"
cd "$ROOT/source"
if ! "$BIN/autograder" grade "$ROOT/submission" --assignment ASSIGNMENT --results "$ROOT/results/results.json"; then
    echo '{"score": 0, "output": "The autograder could not grade this submission; please tell your instructor.", "tests": []}' \\
        > "$ROOT/results/results.json"
fi
"""


def build(out, assignment):
    """Write the Gradescope zip of `assignment` (an `Assignment`) to `out` and return its path."""
    out = Path(out)
    root = paths.PROJECT_ROOT
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _add_text(archive, "setup.sh", SETUP)
        _add_text(archive, "run_autograder", RUN.replace("ASSIGNMENT", assignment.name))
        for path in sorted((root / "autograder").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                archive.write(path, str(path.relative_to(root)))
        for path in sorted(assignment.solutions.glob("*.py")):
            archive.write(path, f"solutions/{assignment.name}/{path.name}")
        archive.write(root / "pyproject.toml", "pyproject.toml")
        archive.write(root / "README.md", "README.md")
    return out


def _add_text(archive, name, text):
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o755 << 16  # executable, as Gradescope requires
    archive.writestr(info, text)
