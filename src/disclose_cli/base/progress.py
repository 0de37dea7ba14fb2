"""How a long run tells how far it has got: the core names each phase as it begins and counts its steps; whoever
listens (the command line draws it on a terminal) decides what to show. The core knows nothing of terminals."""

from __future__ import annotations

from typing import Protocol

from .phrase import Phrase


class Progress(Protocol):
    """Told each phase of a run as it begins and each step of it as it is done. The core calls it per file and
    per unit-year, never per record, so that a listener costs nothing measurable and no listener costs nothing."""

    def phase(self, name: Phrase, total: int | None = None) -> None:
        """A phase begins, and the one before it is over: ``total`` steps, or None where they cannot be counted."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current phase are done."""


class _Silent:
    """No one is listening (the Python API, a run without a terminal, ``--quiet``)."""

    def phase(self, name: Phrase, total: int | None = None) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass


SILENT: Progress = _Silent()
