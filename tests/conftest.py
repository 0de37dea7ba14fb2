"""Shared fixtures: the bundled context (parsed once per session) and a report runner bound to tmp_path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so that every test module can import helpers

from helpers import run_check  # noqa: E402

from disclose_cli.loading.context import load_context  # noqa: E402


@pytest.fixture(scope="session")
def context():
    """The bundled registry and 2024 catalog; parsing the catalog once is enough for every test."""
    return load_context()


@pytest.fixture
def run(tmp_path, context):
    """``run(snippet, as_of, rules=(...), unit=..., ...)``: findings for a report snippet (see helpers.run_check).

    Each call writes into a fresh folder, so a test may run several reports one after another."""
    calls = iter(range(1_000_000))

    def _run(snippets, as_of, **options):
        return run_check(tmp_path / f"run{next(calls)}", context, snippets, as_of, **options)

    return _run
