"""The files a run has put in place, complete: what a run stopped at its end has done. Apart from the writer, so
that ``disclose --help`` does not import what writing needs."""

from __future__ import annotations

import contextlib
import contextvars
from pathlib import Path
from typing import Iterator

# None outside a recorded run.
_written: contextvars.ContextVar[list[Path] | None] = contextvars.ContextVar("written", default=None)


@contextlib.contextmanager
def recording_writes() -> Iterator[list[Path]]:
    """The regular files written in full within the block, in order."""
    written: list[Path] = []
    token = _written.set(written)
    try:
        yield written
    finally:
        _written.reset(token)


def put_in_place(path: Path) -> None:
    """Note that ``path`` now holds a whole output."""
    record = _written.get()
    if record is not None:
        record.append(path)
