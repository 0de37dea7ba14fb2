"""Shared fixtures: the in-process command runner (``cli``), the bundled context (parsed once per session) and a
report runner bound to tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))  # so that every test module can import helpers
# Keep compiled modules in __pycache__ even where the environment says not to (PYTHONDONTWRITEBYTECODE=1, as some
# images set): otherwise every test process rewrites the assertions of every test module again, and every
# `disclose` subprocess compiles the package again — seconds each, on every run.
sys.dont_write_bytecode = False

from helpers import run_check  # noqa: E402

from disclose_cli.cli import main  # noqa: E402
from disclose_cli.loading.context import load_context  # noqa: E402

# Settings of the environment that would change what a command prints; each run starts without them.
_OUTPUT_SETTINGS = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES", "TTY_COMPATIBLE",
                    "TTY_INTERACTIVE", "DISCLOSE_LANG")


@dataclass(frozen=True)
class Run:
    """What a command did: its exit code (``returncode``, as for a subprocess), stdout and stderr."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def code(self) -> int:
        return self.returncode


def _runner() -> CliRunner:
    try:  # click 8.1 mixes stderr into the output unless told not to; 8.2 keeps them apart and has no option
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def run_in_process(*args: object, cwd: Path | None = None, env: Mapping[str, str] | None = None,
                   input: str | bytes | None = None) -> Run:
    """``disclose ARGS`` through ``cli.main`` in this process, in ``cwd``, stdout and stderr kept apart (neither
    is a terminal), with ``env`` added to an environment cleared of colour and width settings, in English
    (DISCLOSE_LANG=en) unless ``env`` says otherwise."""
    environment: dict[str, str | None] = {key: None for key in _OUTPUT_SETTINGS}
    # Most tests read the English messages; the Chinese default is tested where env={"DISCLOSE_LANG": None}.
    environment["DISCLOSE_LANG"] = "en"
    environment.update(env or {})
    before = os.getcwd()
    runner = _runner()
    with runner.isolation(input=input, env=environment) as streams:
        try:
            if cwd is not None:
                os.chdir(cwd)
            code = main([str(arg) for arg in args])
        finally:
            os.chdir(before)
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    return Run(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


@pytest.fixture
def cli():
    """``cli(*args, cwd=None, env=None, input=None) -> Run``: one ``disclose`` command run in-process."""
    return run_in_process


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


LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """``libreoffice(files, to, folder)``: ``soffice --headless --convert-to TO`` of ``files`` into ``folder``, in
    one process per call, all calls of the test process sharing one LibreOffice profile (a fresh profile costs
    more than a conversion). Tests that use it carry ``xdist_group("libreoffice")``, so that one worker runs
    them all, one after another (two processes may not share a profile at once). Skips without LibreOffice."""
    if LIBREOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed (CI installs libreoffice-writer and libreoffice-calc)")
    profile = tmp_path_factory.mktemp("libreoffice-profile")

    def convert(files, to: str, folder: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([LIBREOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                               "--convert-to", to, "--outdir", str(folder), *map(str, files)],
                              capture_output=True, text=True, timeout=300, check=False)

    return convert
