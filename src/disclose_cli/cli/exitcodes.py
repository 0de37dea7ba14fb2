"""Exit codes: a contract with CI scripts."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURES = 1  # compliance failures (check only)
    INVALID = 2  # invalid input or usage
    INTERNAL = 3  # a bug in disclose; rerun with --debug and report it
    INSTALLATION = 4  # disclose's installation lacks a part it needs (the message says how to add it)
    INTERRUPTED = 130
