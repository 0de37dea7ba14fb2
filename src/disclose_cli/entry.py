"""The ``disclose`` console script: what only a real process does, around ``cli.main``.

Kept small and imported first, so that a stopping signal in the first moments of a run is already handled before
the heavy imports (Python's own start-up cannot be covered). Only here: reading ``sys.argv``; SIGTERM and SIGHUP
stop the run as Ctrl-C does (temporary files removed); a file-size limit makes a write fail instead of killing
the process; a reader that goes away (``disclose check | head``) does not change the exit code; the collector is
frozen once the data is loaded; and the process ends without tearing down every object.
"""

from __future__ import annotations

import os
import signal
import sys

from .base.phrase import Phrase, lang_on_command_line
from .base.stopping import Terminated

INTERRUPTED = 130


def _terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _PipeSafe:
    """A standard stream whose reader may go away: writes after that are dropped instead of failing the run."""

    def __init__(self, stream: object) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._gone = True
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone = True

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def run() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminated)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past a file-size limit a write fails with EFBIG
    code = INTERRUPTED
    try:
        import gc

        sys.stdout, sys.stderr = _PipeSafe(sys.stdout), _PipeSafe(sys.stderr)
        from .cli import main

        # The loaded reports live until the command ends: keep the collector from walking them again and again
        # while the rules make their findings (most of the time a big check would otherwise spend).
        code = main(sys.argv[1:], after_loading=gc.freeze)
        # The work is done and written: a stop from now on changes nothing.
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
    except KeyboardInterrupt:  # it came before main() could take it, or as the command was returning
        _say(Phrase("interrupted", "已中断"))
    except Terminated as stop:
        _say(Phrase("terminated", "已终止"))
        code = 128 + stop.signum
    _exit(code)


def _say(phrase: Phrase) -> None:
    """A word about the run when ``main`` could not say it: in the language the command line or DISCLOSE_LANG
    asks for (disclose.yaml may not have been read), else Chinese."""
    lang = lang_on_command_line(sys.argv[1:]) or os.environ.get("DISCLOSE_LANG") or "zh"
    try:
        sys.stderr.write(f"disclose: {phrase.pick('en' if lang == 'en' else 'zh')}\n")
    except (OSError, ValueError):
        pass


def _exit(code: int) -> None:
    """Exit without tearing down every object one by one: after a large check that alone takes a second, and
    nothing is left to do but flush the output."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
