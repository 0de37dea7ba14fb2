"""Finding report files: the files and folders given, searched for *.yaml and *.yml in a stable order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..base.locations import Location, Problem
from ..base.phrase import Phrase
from .yaml_reader import reason_zh

YAML_SUFFIXES = (".yaml", ".yml")


def find_files(paths: Iterable[Path], own_files: set[Path] = frozenset(),
               confine_to: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """YAML files under the given files and folders, in a stable order; hidden folders are skipped, and so are
    the project's own files (configuration, registry, catalogs, calendar), which are not reports. With
    ``confine_to`` (the data repository, for folders named by its configuration) a file that is a link to
    somewhere outside it is a problem, not read."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            is_folder = path.is_dir()
        except OSError as error:
            problems.append(Problem.of(Location(path), Phrase(f"cannot read: {error.strerror}",
                                                              f"无法读取：{reason_zh(error)}")))
            continue
        if is_folder:
            unreadable: list[Problem] = []
            inside = [file for file in _yaml_files_under(path, unreadable) if resolved(file) not in own_files]
            outside: list[Path] = []
            if confine_to is not None:
                outside = [file for file in inside if not resolved(file).is_relative_to(resolved(confine_to))]
                problems.extend(Problem.of(Location(file), Phrase(
                    "is a link to a file outside the data repository; it is not read",
                    "是指向数据仓库以外文件的链接，不予读取")) for file in outside)
                inside = [file for file in inside if file not in outside]
            problems.extend(unreadable)
            if not inside and not unreadable and not outside:
                problems.append(Problem.of(Location(path), Phrase("no .yaml or .yml files in this folder",
                                                                  "该文件夹中没有 .yaml 或 .yml 文件")))
            found.extend(inside)
        elif resolved(path) in own_files:
            continue
        elif path.exists() or path.is_symlink():
            found.append(path)  # a broken or looping link is reported when it is read
        else:
            problems.append(Problem.of(Location(path), Phrase("no such file or folder", "文件或文件夹不存在")))
    return list(dict.fromkeys(found)), problems


def resolved(path: Path) -> Path:
    # A link loop cannot be resolved; it is reported when the file is read.
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _yaml_files_under(folder: Path, problems: list[Problem]) -> Iterable[Path]:
    # Links to folders are not followed: a link loop cannot make the walk endless. A folder that cannot be
    # listed is a problem: its reports would otherwise be left out without a word.
    def unreadable(error: OSError) -> None:
        problems.append(Problem.of(Location(Path(error.filename or folder)), Phrase(
            f"cannot read folder: {error.strerror}", f"无法读取文件夹：{reason_zh(error)}")))

    for parent, folders, names in os.walk(folder, onerror=unreadable, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield Path(parent) / name
