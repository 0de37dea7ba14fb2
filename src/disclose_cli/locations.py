"""Positions in input files, and problems found there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


class Location(NamedTuple):
    """A place in an input file. A named tuple rather than a frozen dataclass: one is made per finding, and
    tuples are immutable and several times cheaper to build."""

    path: Path
    line: int | None = None  # 1-based, from the YAML node
    column: int | None = None  # 1-based

    def sort_key(self) -> tuple:
        return (str(self.path), self.line or 0, self.column or 0)

    def __str__(self) -> str:
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column if self.column is not None else 1))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """An input that is not valid: printed as ``FILE:LINE:COL: message``."""

    location: Location
    message: str

    def sort_key(self) -> tuple:
        return (*self.location.sort_key(), self.message)

    def __str__(self) -> str:
        # One problem, one line: a newline or control character from the data is shown, not obeyed.
        return f"{self.location}: {_one_line(self.message)}"


_CONTROL = {code: f"\\x{code:02x}" for code in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t", 127: "\\x7f"}


def _one_line(text: str) -> str:
    return text.translate(_CONTROL)


class InputError(Exception):
    """Input that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(problems, key=Problem.sort_key)
