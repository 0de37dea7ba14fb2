"""The ``disclose`` console script: what only a real process does, around ``cli.main``.

Kept small and imported first, so that Ctrl-C in the first moments of a run is already handled before the heavy
imports (Python's own start-up cannot be covered). Only here: reading ``sys.argv``, freezing the garbage collector
once the data is loaded, and ending the process without tearing down every object.
"""

from __future__ import annotations

import os
import signal
import sys

INTERRUPTED = 130


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    code = INTERRUPTED
    try:
        import gc

        from .cli import main

        # The loaded reports live until the command ends: keep the collector from walking them again and again
        # while the rules make their findings (most of the time a big check would otherwise spend).
        code = main(sys.argv[1:], after_loading=gc.freeze)
        # The work is done and written: a Ctrl-C from now on changes nothing.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # it came before main() could take it, or as the command was returning
        try:
            sys.stderr.write("disclose: interrupted\n")
        except (OSError, ValueError):
            pass
    _exit(code)


def _exit(code: int) -> None:
    """Exit without tearing down every object one by one: after a large check that alone takes a second, and
    nothing is left to do but flush the output."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
