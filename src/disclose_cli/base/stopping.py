"""Stopping a run from outside: Ctrl-C (KeyboardInterrupt) and the signals a CI cancel or ``timeout`` sends."""

from __future__ import annotations


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: the run stops as on Ctrl-C (temporary files removed), exit 128 + the signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
