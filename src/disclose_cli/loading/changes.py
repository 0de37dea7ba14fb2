"""Files changed since a git ref, for ``check --changed-since``: quick feedback on large data repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from ..base.safetext import one_line
from .files import YAML_SUFFIXES, find_files, resolved

if TYPE_CHECKING:
    from .context import Context


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
    return InputError([Problem.of(Location(Path("--changed-since")), Phrase(
        f"cannot run git: {error.strerror}", f"无法运行 git：{error.strerror}（是否已安装 git？）"))])


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


def units_of_deleted(ref: str, deleted: list[Path], cwd: Path) -> set[tuple[str, int]]:
    """The ``unit:`` and ``year:`` of report files that existed at ``ref`` and are gone now (their unit lost
    its report)."""
    from .yaml_reader import load_text

    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    commit = commit_of(ref, cwd)
    units = set()
    for path in deleted:
        try:
            text = _git(["show", "--end-of-options", f"{commit}:{path.relative_to(top).as_posix()}"], top)
        except InputError:
            continue  # not a file at ref either (added and removed since): nothing was lost
        data = load_text(path, text).data
        if isinstance(data, dict) and isinstance(data.get("unit"), str) and isinstance(data.get("year"), int):
            units.add((data["unit"], data["year"]))
    return units


def changed_reports(paths: tuple[Path, ...], ref: str,
                    context: Context) -> tuple[tuple[Path, ...], set[tuple[str, int]]] | None:
    """The report files under ``paths`` changed since ``ref``, and the (unit, year) of report files deleted
    since; None (check everything) when the configuration, registry, a catalog or the calendar changed."""
    changed = changed_since(ref, Path.cwd())
    if changed & context.config.files:
        return None
    folders = [resolved(path) for path in paths]
    deleted = [path for path in changed if not path.exists() and path.suffix in YAML_SUFFIXES
               and any(folder == path or folder in path.parents for folder in folders)]
    units = {(unit.name, year) for name, year in units_of_deleted(ref, deleted, Path.cwd())
             if (unit := context.registry.get(name)) is not None}
    files, _ = find_files(paths, context.config.files)
    return tuple(file for file in files if resolved(file) in changed), units
