"""Dependencies are honest: what the code imports is declared, what is declared is imported, and a missing part of
an installation is told plainly. (CI also runs the whole suite at every declared lower bound: .ci/run.)"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "disclose_cli"
# pydantic's documentation imports custom errors from pydantic_core, which each pydantic release pins exactly.
PART_OF = {"pydantic_core": "pydantic"}


def declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {Requirement(line).name.lower(): Requirement(line) for line in project["dependencies"]}


def imported_distributions() -> set[str]:
    """The distributions whose modules the package imports (anywhere, including inside functions)."""
    modules = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = modules - set(sys.stdlib_module_names) - {"disclose_cli"}
    owners = packages_distributions()
    unknown = {module for module in third_party if module not in owners}
    assert not unknown, f"imported but installed by no distribution: {unknown}"
    return {PART_OF.get(owner.lower(), owner.lower()) for module in third_party for owner in owners[module]}


def test_every_imported_library_is_declared_and_every_declared_one_is_imported() -> None:
    assert imported_distributions() == set(declared())


def test_every_dependency_has_a_lower_bound_and_no_upper_one() -> None:
    for name, requirement in declared().items():
        operators = {spec.operator for spec in requirement.specifier}
        assert operators == {">="}, f"{name}: {requirement.specifier}"


def test_the_lowest_constraints_ci_installs_pin_every_floor(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from lowest_constraints import constraints
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    pins = dict(pin.split("==") for pin in constraints())
    assert set(pins) == set(declared())
    for name, requirement in declared().items():
        assert requirement.specifier.contains(pins[name]) and f">={pins[name]}" in str(requirement.specifier), name
    unbounded = tmp_path / "pyproject.toml"
    unbounded.write_text('[project]\ndependencies = ["click>=8.1", "rich"]\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="'rich' declares no lower bound"):
        constraints(unbounded)


def test_the_holidays_floor_knows_the_official_2026_arrangement(cli) -> None:
    # Spring Festival 2026: 15–23 February off, Saturday 14 and Saturday 28 February worked (国办发明电〔2025〕7号).
    assert cli("workdays", "add", "2026-02-13", "1").stdout.strip() == "2026-02-14"
    assert cli("workdays", "add", "2026-02-14", "1").stdout.strip() == "2026-02-24"
    assert cli("workdays", "add", "2025-01-20", "10").stdout.strip() == "2025-02-08"


@pytest.mark.parametrize("lang, words", [("zh", "C 语言解析器"), ("en", "C loader")])
def test_pyyaml_without_libyaml_is_a_clear_message_not_a_traceback(lang, words) -> None:
    # A fresh interpreter: the loaders module checks for the C loader when it is first imported.
    program = ("import sys, yaml; del yaml.CSafeLoader\n"
               "from disclose_cli.cli import main\n"
               f"sys.exit(main(['validate', '--lang', '{lang}', '{ROOT / 'examples' / 'weihai-2024'}']))")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 4
    assert words in result.stderr and "pip install --force-reinstall" in result.stderr
    assert "Traceback" not in result.stderr
