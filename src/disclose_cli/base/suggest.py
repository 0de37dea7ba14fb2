"""The one did-you-mean: the closest known word to a mistyped one."""

from __future__ import annotations

import difflib
from typing import Iterable

from .phrase import Phrase

CUTOFF = 0.6  # difflib's ratio: 环翠县 → 环翠区 is 0.67, titel → title 0.8; unrelated words stay below


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known word closest to ``word``, or None when nothing is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], shown: dict[str, str] | None = None) -> Phrase:
    """``; did you mean 'x'?`` (or nothing when no choice is close). ``shown`` may name how to show a choice
    (an alias with the unit it names: ``市科技局 (市科学技术局)``)."""
    found = closest(word, choices)
    if found is None:
        return Phrase("", "")
    text = (shown or {}).get(found, found)
    return Phrase(f"; did you mean '{text}'?", f"；是否应为“{text}”？")
