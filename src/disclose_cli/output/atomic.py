"""Writing output files atomically: a temporary file in the same folder, renamed into place when complete."""

from __future__ import annotations

import os
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..base.locations import InputError, Location, Problem


@contextmanager
def atomic_writer(path: Path, encoding: str = "utf-8", newline: str | None = None) -> Iterator[IO[str]]:
    """Yield a text stream; on success the file appears whole at ``path``, on any failure nothing is left."""
    with _atomic(path, "w", encoding=encoding, newline=newline) as stream:
        yield stream


@contextmanager
def atomic_binary_writer(path: Path) -> Iterator[IO[bytes]]:
    """As atomic_writer, for bytes (a Word document)."""
    with _atomic(path, "wb") as stream:
        yield stream


@contextmanager
def _atomic(path: Path, mode: str, **text_options: object) -> Iterator[IO]:
    folder = path.parent if str(path.parent) else Path(".")
    # Ctrl-C between creating the temporary file and being ready to remove it would leave it behind: SIGINT
    # waits until the cleanup is in place.
    blocked = _block_interrupts()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        _unblock(blocked)
        raise InputError([Problem(Location(path), f"cannot write output: {error.strerror}")]) from None
    try:
        _unblock(blocked)
        with os.fdopen(handle, mode, **text_options) as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with _ignored():
            os.unlink(temporary)
        raise


@contextmanager
def _ignored() -> Iterator[None]:
    try:
        yield
    except OSError:
        pass


def _block_interrupts() -> set | None:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _unblock(previous: set | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
