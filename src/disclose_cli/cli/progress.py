"""Progress on the terminal: the core's phases drawn by rich on stderr, each with its count and time, and cleared
when the run ends or before anything else is printed, so that the terminal keeps only the result.

Imported only when stderr is a terminal (``common.progress``), so that rich costs nothing otherwise."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TaskID, TextColumn
from rich.progress import TimeElapsedColumn
from rich.text import Text

from ..base.phrase import Phrase


class _Count(ProgressColumn):
    """``120/200`` for a phase whose steps are counted (files, units); nothing for one that is not."""

    def render(self, task: Task) -> Text:
        if not task.fields.get("counted"):
            return Text("")
        return Text(f"{int(task.completed)}/{int(task.total or 0)}", style="progress.download")


class TerminalProgress:
    """A ``base.progress.Progress`` drawn on stderr. A phase that begins marks the one before as done; phases
    stay listed (✓) until the display is closed, and the display opens again at the next phase."""

    def __init__(self, console: Console, lang: str) -> None:
        self._console = console
        self._lang = lang
        self._shown: Progress | None = None
        self._current: TaskID | None = None

    def phase(self, name: Phrase, total: int | None = None) -> None:
        shown = self._shown or self._open()
        self._finish_current()
        self._current = shown.add_task(name.pick(self._lang), total=total, counted=total is not None)

    def advance(self, steps: int = 1) -> None:
        if self._shown is not None and self._current is not None:
            self._shown.advance(self._current, steps)

    def close(self) -> None:
        """Clear the display (it is transient): nothing of it stays on the terminal."""
        if self._shown is not None:
            self._shown.stop()
        self._shown = self._current = None

    def _open(self) -> Progress:
        # The commands write to stdout and stderr themselves: rich must not take the streams over.
        self._shown = Progress(SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"), BarColumn(),
                               _Count(), TimeElapsedColumn(), console=self._console, transient=True,
                               redirect_stdout=False, redirect_stderr=False)
        self._shown.start()
        return self._shown

    def _finish_current(self) -> None:
        if self._shown is None or self._current is None:
            return
        task = self._shown.tasks[-1]
        done = task.total if task.total is not None else 1  # an uncounted phase: a full bar once it is over
        self._shown.update(self._current, total=done, completed=done)


def terminal_progress(lang: str) -> TerminalProgress | None:
    """Progress on stderr when it is a terminal that can redraw its lines (not TERM=dumb); else None."""
    console = Console(stderr=True)
    return TerminalProgress(console, lang) if console.is_terminal and console.is_interactive else None
