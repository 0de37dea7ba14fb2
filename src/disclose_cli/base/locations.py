"""Positions in input files, and problems found there."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .phrase import Phrase
from .safetext import one_line, readable


def relative_name(path: Path, root: Path) -> str:
    """A file relative to the repository ``root``, with ``/``: what annotations, code scanning and test reports
    match against, the same on every machine."""
    return _relative_name(path, root, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _relative_name(path: Path, root: Path, cwd: str) -> str:
    # Asked once per finding, of a few hundred files: computed once per file (and folder worked in).
    absolute = os.path.normpath(os.path.join(cwd, path))
    try:
        return Path(os.path.relpath(absolute, root)).as_posix()
    except ValueError:  # another drive on Windows: no relative form exists
        return Path(absolute).as_posix()


def repository_name(path: Path, root: Path) -> str:
    """``relative_name``, readable: a file name that is not UTF-8 shown as GB18030, or its bytes as \\xNN."""
    return _repository_name(path, root, os.getcwd())


@functools.lru_cache(maxsize=4096)
def _repository_name(path: Path, root: Path, cwd: str) -> str:
    return readable(_relative_name(path, root, cwd))


class Location(NamedTuple):
    """A place in an input file. A named tuple rather than a frozen dataclass: one is made per finding, and
    tuples are immutable and several times cheaper to build."""

    path: Path
    line: int | None = None  # 1-based, from the YAML node
    column: int | None = None  # 1-based

    def sort_key(self) -> tuple:
        return (str(self.path), self.line or 0, self.column or 0)

    def __str__(self) -> str:
        parts = [readable(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column if self.column is not None else 1))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """An input that is not valid: printed as ``FILE:LINE:COL: message``, in English (``message``) or Chinese
    (``message_zh``). Both are required: a Chinese reader is never shown the English text in its place."""

    location: Location
    message: str
    message_zh: str

    def __post_init__(self) -> None:
        if not self.message.strip() or not self.message_zh.strip():
            raise ValueError(f"a problem is told in English and Chinese, got {self.message!r} and "
                             f"{self.message_zh!r} at {self.location}")

    @classmethod
    def of(cls, location: Location, message: Phrase) -> Problem:
        return cls(location, message.en, message.zh)

    def sort_key(self) -> tuple:
        return (*self.location.sort_key(), self.message)

    def text(self, lang: str = "en") -> str:
        # One problem, one line: a newline, control or bidi character from the data (or a file name) is shown,
        # not obeyed.
        return one_line(f"{self.location}: {self.message_zh if lang == 'zh' else self.message}")

    def __str__(self) -> str:
        return self.text("en")


class InputError(Exception):
    """Input that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(problems, key=Problem.sort_key)
