"""Print pip constraints pinning every runtime dependency of pyproject.toml at its declared lower bound.

    python scripts/lowest_constraints.py > lowest.txt && pip install -c lowest.txt '.[test]'
    python scripts/lowest_constraints.py --installed-match lowest.txt   # exits 1 unless those are installed

CI runs the suite once more so installed (.ci/run): a floor that is declared is a floor that is tested. A
dependency without a ``>=`` bound is an error, since nothing could be said about its oldest version.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def constraints(pyproject: Path = PYPROJECT) -> list[str]:
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for requirement in dependencies:
        match = FLOOR.match(requirement)
        if not match:
            raise SystemExit(f"{pyproject.name}: the dependency {requirement!r} declares no lower bound (>=)")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


def installed_mismatches(pins: list[str]) -> list[str]:
    """The pins that the running interpreter's environment does not hold (the version installed differs)."""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.version import Version

    mismatches = []
    for pin in pins:
        name, wanted = pin.split("==")
        try:
            found = version(name)
        except PackageNotFoundError:
            found = "nothing"
        if found == "nothing" or Version(found) != Version(wanted):
            mismatches.append(f"{name}: {found} installed, {wanted} declared as the lowest")
    return mismatches


if __name__ == "__main__":
    if sys.argv[1:2] == ["--installed-match"]:
        pins = [line.strip() for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines() if line.strip()]
        problems = installed_mismatches(pins)
        sys.stdout.write("".join(f"{problem}\n" for problem in problems) or f"{len(pins)} lowest versions installed\n")
        sys.exit(1 if problems else 0)
    sys.stdout.write("".join(f"{pin}\n" for pin in constraints()))
