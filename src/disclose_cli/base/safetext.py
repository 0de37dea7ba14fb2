"""Text from data made safe to show in any output."""

from __future__ import annotations

import re
from typing import Any

# C0/C1 controls (except tab and newline) and the bidirectional overrides that can make text read backwards.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(value: Any) -> str:
    """Invisible controls and bidi overrides become visible code points, e.g. <U+202E>."""
    return _UNSAFE.sub(lambda match: f"<U+{ord(match.group()):04X}>", "" if value is None else str(value))
