"""What changed, for ``check --changed-since`` and the pre-commit hook: the files changed since a git ref, and the
units' years they decide. Everything is loaded and judged as always; only the output is narrowed to them."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from ..base.safetext import one_line
from .files import YAML_SUFFIXES, resolved

if TYPE_CHECKING:
    from .dataset import Dataset


def _git(arguments: list[str], cwd: Path) -> str:
    try:
        completed = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise _cannot_run_git(error) from None
    if completed.returncode != 0:
        said = one_line(completed.stderr.strip().splitlines()[-1]) if completed.stderr.strip() else "git failed"
        raise InputError([Problem.of(Location(Path("--changed-since")), Phrase(said, f"git 出错：{said}"))])
    return completed.stdout


def _cannot_run_git(error: OSError) -> InputError:
    from .yaml_reader import reason_zh

    return InputError([Problem.of(Location(Path("--changed-since")), Phrase(
        f"cannot run git: {error.strerror}", f"无法运行 git：{reason_zh(error)}（是否已安装 git？）"))])


def commit_of(ref: str, cwd: Path) -> str:
    """The commit a ref names, checked by git itself; a ref that names none (or looks like an option) is a
    problem. Only the commit's id reaches git after this, never the user's text."""
    try:
        completed = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
                                   cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise _cannot_run_git(error) from None
    commit = completed.stdout.strip()
    if completed.returncode != 0 or not commit:
        raise InputError([Problem.of(Location(Path("--changed-since")), Phrase(
            f"'{one_line(ref)[:80]}' is not a commit git knows here (a branch, tag or commit id)",
            f"“{one_line(ref)[:80]}”不是本仓库中的提交（应为分支、标签或提交编号）"))])
    return commit


def changed_since(ref: str, cwd: Path) -> set[Path]:
    """Resolved paths of files changed (committed, staged, unstaged or new) since ``ref``."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    commit = commit_of(ref, cwd)
    changed = _git(["diff", "--name-only", "-z", "--end-of-options", commit, "--"], cwd).split("\0")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return {(top / name).resolve() for name in changed + untracked if name}


def reports_at(ref: str, paths: list[Path], cwd: Path) -> set[tuple[str, int]]:
    """The ``unit:`` and ``year:`` that report files had at ``ref`` (a file changed, moved away or deleted since
    may have spoken for another unit or year then)."""
    from .yaml_reader import load_text

    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    commit = commit_of(ref, cwd)
    units = set()
    for path in paths:
        try:
            text = _git(["show", "--end-of-options", f"{commit}:{path.relative_to(top).as_posix()}"], top)
        except (InputError, ValueError):
            continue  # not a file at ref (added since), or outside the repository: nothing to recall
        data = load_text(path, text).data
        if isinstance(data, dict) and isinstance(data.get("unit"), str) and isinstance(data.get("year"), int):
            units.add((data["unit"], data["year"]))
    return units


def changes_since(ref: str, paths: tuple[Path, ...]) -> tuple[set[Path], set[tuple[str, int]]]:
    """The files changed since ``ref`` (resolved), and the (unit, year) that the changed report files under
    ``paths`` spoke for at ``ref``."""
    changed = changed_since(ref, Path.cwd())
    folders = [resolved(path) for path in paths]
    reports = [path for path in changed if path.suffix in YAML_SUFFIXES
               and any(folder == path or folder in path.parents for folder in folders)]
    return changed, reports_at(ref, reports, Path.cwd())


def affected_unit_years(dataset: Dataset, changed: set[Path],
                        before: set[tuple[str, int]] = frozenset()) -> frozenset[tuple[str, int]] | None:
    """The units' years that changed files decide, with every report loaded: those the changed report files speak
    for now or spoke for before (``before``, names as the files wrote them), and the years next to them — a
    year's report feeds the next (carried-over requests, Table 三's 结转) and the next feeds it (a later answer).
    None when a project file (configuration, registry, catalog, calendar) changed: then everything is affected."""
    context = dataset.context
    if changed & context.config.files:
        return None
    now = {(source.report.unit, source.report.year) for source in dataset.sources if resolved(source.path) in changed}
    then = {(unit.name, year) for name, year in before if (unit := context.registry.get(name)) is not None}
    return frozenset((unit, year + step) for unit, year in now | then for step in (-1, 0, 1))
