"""Bilingual text: every message the tool makes exists in Chinese and English where it is made."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple, Sequence


class Phrase(NamedTuple):
    """A message in English and Chinese: the reporter or document picks the language."""

    en: str
    zh: str

    def __add__(self, other: tuple) -> Phrase:  # type: ignore[override]
        return Phrase(self.en + other[0], self.zh + other[1])

    def pick(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def lang_on_command_line(args: Sequence[str]) -> str | None:
    """The value of --lang among command-line arguments, before click parses them (so that a problem met while
    parsing, or a stop before the command runs, is told in it), if any."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
    return None


def plural(count: int, word: str) -> str:
    """``1 request``, ``2 requests``: English only (Chinese has no plural)."""
    return f"{count} {word}{'s' * (count != 1)}"


def percent(share: Fraction | float | None) -> str:
    """A share as a percentage, truncated to a tenth: never rounded up to a threshold it does not reach
    (29.96% is "29.9%", 74/250 is "29.6%"), and whole numbers without a decimal ("30%"). None is "—"."""
    if share is None:
        return "—"
    exact = share if isinstance(share, Fraction) else Fraction(share).limit_denominator(10**9)
    tenths = math.floor(exact * 1000)
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}%"
