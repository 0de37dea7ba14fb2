"""The one sanitiser: text from data made safe to show in any output, a terminal included.

C0 and C1 control characters (ESC starts terminal escape sequences, NUL, BEL, the 8-bit CSI U+009B …), the
bidirectional controls that can make text read backwards, and the zero-width characters that make two names look
alike are shown as visible code points, ``<U+202E>``: a value is displayed, never obeyed. ``clean`` keeps tabs and line breaks (a text block stays a block); ``one_line``
also shows them, as ``\\t``, ``\\n`` and ``\\r``, for outputs that are one line per item.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_SURROGATE = re.compile("[\udc80-\udcff]")

_INVISIBLE = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
              0x061C, *range(0x200B, 0x2010), 0x2060, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
_CLEAN = {code: f"<U+{code:04X}>" for code in _INVISIBLE}
_ONE_LINE = _CLEAN | {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def readable(value: Any) -> str:
    """Text that can be written out: a file name that is not UTF-8 (a zip from a Chinese Windows machine,
    unpacked on Linux) reaches Python with its bytes as lone surrogates; they are read as GB18030 where they
    can be, else shown as \\xNN."""
    text = "" if value is None else str(value)
    if not _SURROGATE.search(text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def clean(value: Any) -> str:
    """Invisible controls and bidi overrides become visible code points, e.g. <U+202E>; None is ''."""
    return readable(value).translate(_CLEAN)


def one_line(value: Any) -> str:
    """As clean, and tabs and line breaks shown as \\t, \\n and \\r, so that the text stays on one line."""
    return readable(value).translate(_ONE_LINE)


def excerpt(value: Any, limit: int = 40) -> str:
    """A value quoted in a message: on one line, sanitised, and cut to ``limit`` characters (a message never
    repeats a whole line of a file, nor a 10 MB value)."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_wide(char: str) -> bool:
    """Whether a character takes two columns of a terminal (Chinese, full-width punctuation)."""
    return unicodedata.east_asian_width(char) in "WF"


def display_width(text: str) -> int:
    """The columns a text takes on a terminal or in a spreadsheet: wide and full-width characters take two."""
    return sum(2 if is_wide(char) else 1 for char in text)
