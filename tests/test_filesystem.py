"""The file system around the reports, through the real command line: paths that do not exist, folders without
reports, files and folders that cannot be read, link loops and dangling links, special files (a FIFO, a link to
/dev/zero), output that cannot be written, and a run interrupted with Ctrl-C.

Contract: exit 2 with one clean ``FILE: message`` line per problem (``FILE:LINE:COL`` where a position exists),
every problem of every path in one run, never a traceback; an output file is written whole or not at all (no
temporary file left behind); input files are never modified or created (bytes and mtimes are compared after
every command).

Permissions do not stop root, and the tests run as root in CI: there the command runs as an unprivileged user
(nobody, when it can reach the interpreter) or as root without the capabilities that bypass file permissions
(CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped from the bounding set before exec).
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
PROBLEM = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<message>.+)$")
VALID = "unit: 环翠区\nyear: 2024\ntrainings:\n  - title: 政务公开业务培训\n    date: 2024-06-20\n"
BROKEN = "unit: 环翠县\nyear: 2024\n"  # unknown unit, at 1:7
NOBODY = 65534


def run_cli(*args: object, cwd: Path, preexec_fn: Callable[[], None] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m disclose_cli ARGS`` with stdout and stderr apart; a run past ``timeout`` is killed and fails."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8", COLUMNS="100")
    process = subprocess.Popen([sys.executable, "-m", "disclose_cli", *map(str, args)], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", errors="replace", preexec_fn=preexec_fn)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        pytest.fail(f"disclose {' '.join(map(str, args))} still running after {timeout}s (killed)\n{stderr}")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def problems(result: subprocess.CompletedProcess[str]) -> list[re.Match]:
    """Exit 2, nothing on stdout, no traceback, and every stderr line a problem line."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.stdout == ""
    found = []
    for line in result.stderr.splitlines():
        match = PROBLEM.match(line)
        assert match, f"not a problem line: {line!r}\n--- stderr ---\n{result.stderr}"
        found.append(match)
    return found


# ---- inputs are only read ---------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (links not followed): its kind, bytes (or size, if unreadable) and mtime."""
    state: dict[str, tuple] = {}
    for parent, folders, names in os.walk(folder, followlinks=False):
        for name in folders + names:
            path = Path(parent) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                state[str(path.relative_to(folder))] = ("link", os.readlink(path), info.st_mtime_ns)
            elif stat.S_ISREG(info.st_mode):
                try:
                    content: object = path.read_bytes()
                except PermissionError:
                    content = info.st_size
                state[str(path.relative_to(folder))] = ("file", content, info.st_mtime_ns)
            else:
                state[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), info.st_mtime_ns)
    return state


@pytest.fixture
def workspace() -> Iterator[Path]:
    """A folder every user can enter (tmp_path's parents are private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="disclose-fs-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        for parent, folders, _ in os.walk(folder):  # top-down: each folder is opened before it is entered
            for name in folders:
                path = Path(parent) / name
                if not path.is_symlink():
                    path.chmod(0o755)
        shutil.rmtree(folder)


class Inputs:
    """The state of the workspace once the inputs are written; ``check()`` after a command compares with it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state: dict[str, tuple] | None = None

    def mark(self) -> None:
        self.state = snapshot(self.folder)

    def check(self) -> None:
        assert self.state is not None
        assert snapshot(self.folder) == self.state, "an input was modified, or a file created"


@pytest.fixture
def inputs(workspace: Path) -> Inputs:
    return Inputs(workspace)


# ---- running as a user that permissions stop ----------------------------------------------------------------------

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _as_nobody() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


_LIBC = ctypes.CDLL(None, use_errno=True)


def _without_dac_capabilities() -> None:
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if _LIBC.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture(scope="session")
def unprivileged(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], None] | None:
    """A preexec_fn under which file permissions apply to the command (None: they already do); else skip."""
    if os.geteuid() != 0:
        return None
    probe = Path(tempfile.mkdtemp(prefix="disclose-probe-"))
    try:
        probe.chmod(0o755)
        (probe / "secret").write_text("x")
        (probe / "secret").chmod(0)
        script = "import disclose_cli\ntry:\n    open('secret').close()\nexcept PermissionError:\n    print('denied')\n"
        tried = []
        for preexec in (_as_nobody, _without_dac_capabilities):
            try:
                result = subprocess.run([sys.executable, "-c", script], cwd=probe, capture_output=True, text=True,
                                        preexec_fn=preexec, timeout=60)
            except (OSError, subprocess.SubprocessError) as error:
                tried.append(f"{preexec.__name__}: {error}")
                continue
            if result.returncode == 0 and result.stdout.strip() == "denied":
                return preexec
            tried.append(f"{preexec.__name__}: exit {result.returncode} {result.stderr.strip()[-200:]}")
        pytest.skip("cannot run the command as a user that file permissions stop: " + "; ".join(tried))
    finally:
        (probe / "secret").unlink()
        probe.rmdir()


# ---- paths that are not there -------------------------------------------------------------------------------------


def test_a_path_that_does_not_exist_among_others(workspace: Path, inputs: Inputs) -> None:
    (workspace / "ok.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    inputs.mark()
    found = problems(run_cli("validate", "ok.yaml", "missing.yaml", "bad.yaml", "gone/", cwd=workspace))
    inputs.check()
    assert [(p["file"], p["line"]) for p in found] == [("bad.yaml", "1"), ("gone", None), ("missing.yaml", None)], \
        [p.string for p in found]
    messages = {p["file"]: p["message"] for p in found}
    assert messages["missing.yaml"] == "no such file or folder"
    assert messages["gone"] == "no such file or folder"
    assert "unknown unit '环翠县'" in messages["bad.yaml"]


@pytest.mark.parametrize("contents", [
    pytest.param({}, id="empty"),
    pytest.param({"notes.txt": VALID, "report.json": "{}"}, id="other-files"),
    pytest.param({".hidden.yaml": VALID, ".git/config.yaml": VALID}, id="hidden-only"),
])
def test_a_folder_without_yaml_files(workspace: Path, inputs: Inputs, contents: dict[str, str]) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    for name, text in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    inputs.mark()
    for command in (("validate", "reports"), ("check", "reports", "--as-of", "2024-12-31", "--format", "json")):
        [problem] = problems(run_cli(*command, cwd=workspace))
        inputs.check()
        assert problem["file"] == "reports"
        assert "no .yaml or .yml files" in problem["message"]


# ---- permissions ------------------------------------------------------------------------------------------------


def test_an_unreadable_file_in_a_folder(workspace: Path, inputs: Inputs, unprivileged) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    (folder / "a_secret.yaml").write_text(VALID, encoding="utf-8")
    (folder / "a_secret.yaml").chmod(0)
    (folder / "b_bad.yaml").write_text(BROKEN, encoding="utf-8")
    inputs.mark()
    found = problems(run_cli("validate", "reports", cwd=workspace, preexec_fn=unprivileged))
    inputs.check()
    assert [p.string for p in found] == [
        f"reports{os.sep}a_secret.yaml: cannot read file: Permission denied",
        f"reports{os.sep}b_bad.yaml:1:7: unknown unit '环翠县'; did you mean '环翠区'?",
    ]


def test_an_unreadable_file_named_on_the_command_line(workspace: Path, inputs: Inputs, unprivileged) -> None:
    (workspace / "secret.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "secret.yaml").chmod(0)
    (workspace / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    inputs.mark()
    found = problems(run_cli("validate", "secret.yaml", "bad.yaml", cwd=workspace, preexec_fn=unprivileged))
    inputs.check()
    assert [p.string for p in found] == ["bad.yaml:1:7: unknown unit '环翠县'; did you mean '环翠区'?",
                                         "secret.yaml: cannot read file: Permission denied"]


def test_a_folder_that_cannot_be_listed_is_a_problem(workspace: Path, inputs: Inputs, unprivileged) -> None:
    folder = workspace / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    (folder / "locked" / "b.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "locked").chmod(0)
    inputs.mark()
    found = problems(run_cli("validate", "reports", cwd=workspace, preexec_fn=unprivileged))
    inputs.check()
    assert [p["file"] for p in found] == [f"reports{os.sep}locked"], [p.string for p in found]


def test_a_file_in_a_folder_that_cannot_be_searched(workspace: Path, inputs: Inputs, unprivileged) -> None:
    (workspace / "locked").mkdir()
    (workspace / "locked" / "a.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "locked").chmod(0)
    inputs.mark()
    found = problems(run_cli("validate", f"locked{os.sep}a.yaml", cwd=workspace, preexec_fn=unprivileged))
    inputs.check()
    assert [p["file"] for p in found] == [f"locked{os.sep}a.yaml"]


# ---- links and special files --------------------------------------------------------------------------------------


def test_link_loops_and_dangling_links(workspace: Path, inputs: Inputs) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    (folder / "a_ok.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b_loop1.yaml").symlink_to("b_loop2.yaml")
    (folder / "b_loop2.yaml").symlink_to("b_loop1.yaml")
    (folder / "c_dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "d_self").symlink_to(".")  # a link to a folder, looping: not followed
    (folder / "e_up").symlink_to("..")
    inputs.mark()
    expected = [
        (f"reports{os.sep}b_loop1.yaml", "cannot read file: Too many levels of symbolic links"),
        (f"reports{os.sep}b_loop2.yaml", "cannot read file: Too many levels of symbolic links"),
        (f"reports{os.sep}c_dangling.yaml", "cannot read file: No such file or directory"),
    ]
    found = problems(run_cli("validate", "reports", cwd=workspace, timeout=60))
    inputs.check()
    assert [(p["file"], p["message"]) for p in found] == expected
    # Named on the command line, each is reported the same way; the valid file alone passes.
    found = problems(run_cli("validate", *(name.split(os.sep, 1)[1] for name, _ in expected), "a_ok.yaml",
                             cwd=folder, timeout=60))
    inputs.check()
    assert [(p["file"], p["message"]) for p in found] == [(name.split(os.sep, 1)[1], message)
                                                          for name, message in expected]
    result = run_cli("check", "reports", "--as-of", "2024-12-31", "--format", "json", cwd=workspace)
    inputs.check()
    assert [(p["file"], p["message"]) for p in problems(result)] == expected


def test_a_link_to_dev_zero_is_refused(workspace: Path, inputs: Inputs) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    (folder / "a_ok.yaml").write_text(VALID, encoding="utf-8")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    inputs.mark()

    def capped() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    found = problems(run_cli("validate", "reports", cwd=workspace, preexec_fn=capped, timeout=60))
    inputs.check()
    assert [p["file"] for p in found] == [f"reports{os.sep}zero.yaml"]


def test_a_fifo_is_refused_without_hanging(workspace: Path, inputs: Inputs) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    (folder / "a_ok.yaml").write_text(VALID, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    inputs.mark()
    found = problems(run_cli("validate", "reports", cwd=workspace, timeout=10))
    inputs.check()
    assert [p["file"] for p in found] == [f"reports{os.sep}pipe.yaml"]


# ---- output that cannot be written ------------------------------------------------------------------------------


def test_output_into_a_missing_folder(workspace: Path, inputs: Inputs) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    inputs.mark()
    for output_format in ("json", "sarif", "text"):
        result = run_cli("check", "a.yaml", "--as-of", "2024-12-31", "--format", output_format, "-o",
                         f"missing{os.sep}out.json", cwd=workspace)
        [problem] = problems(result)
        inputs.check()  # no folder created either
        assert problem.string == f"missing{os.sep}out.json: cannot write output: No such file or directory"


def test_output_into_a_read_only_folder(workspace: Path, inputs: Inputs, unprivileged) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "out").mkdir()
    (workspace / "out").chmod(0o555)
    inputs.mark()
    result = run_cli("check", "a.yaml", "--as-of", "2024-12-31", "--format", "json", "-o",
                     f"out{os.sep}result.json", cwd=workspace, preexec_fn=unprivileged)
    [problem] = problems(result)
    inputs.check()  # nothing in out/, no temporary file
    assert problem.string == f"out{os.sep}result.json: cannot write output: Permission denied"


# ---- interrupted -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A generated data repository (100 units, 1000 records each) and how long a full check of it takes."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    folder = tmp_path_factory.mktemp("big")
    generate(folder, 100, 1000, 2024)
    start = time.monotonic()
    result = run_cli("check", "--as-of", "2024-12-31", "--format", "json", cwd=folder)  # to stdout: no file
    seconds = time.monotonic() - start
    assert result.returncode in (0, 1), result.stderr
    json.loads(result.stdout)
    if seconds < 1.0:
        pytest.skip(f"a full check takes only {seconds:.2f}s here: too fast to interrupt reliably")
    return folder, seconds


def interrupt(folder: Path, after: float, *args: str) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Start ``disclose check ARGS``, send SIGINT after ``after`` seconds; (result, whether it was still running)."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "disclose_cli", "check", "--as-of", "2024-12-31", *args],
                               cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
    time.sleep(after)
    running = process.poll() is None
    if running:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), running


def interrupt_while_writing(folder: Path, name: str, *args: str) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Start ``disclose check ARGS -o NAME``; send SIGINT once its temporary output file has data in it."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "disclose_cli", "check", "--as-of", "2024-12-31", *args,
                                "-o", name], cwd=folder, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               errors="replace")

    def writing() -> bool:
        for entry in os.scandir(folder):
            if entry.name.startswith(f".{name}."):
                try:
                    return entry.stat().st_size > 0
                except FileNotFoundError:
                    return False
        return False

    seen = False
    while process.poll() is None and not seen:
        seen = writing()
        if not seen:
            time.sleep(0.001)
    running = seen and process.poll() is None
    if running:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), running


# Ctrl-C at the moment the temporary output file is created, made certain: mkstemp is wrapped so that SIGINT is
# raised as soon as it has created the file (as a real Ctrl-C does when it lands there; see the test).
CTRL_C_AT_CREATION = """
import signal, sys, tempfile
created = tempfile.mkstemp
def mkstemp(*args, **kwargs):
    result = created(*args, **kwargs)
    signal.raise_signal(signal.SIGINT)
    return result
tempfile.mkstemp = mkstemp
sys.argv = ["disclose", *sys.argv[1:]]
from disclose_cli.entry import run
run()
"""


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name == name or path.name.startswith(f".{name}."))


@pytest.mark.parametrize("fraction", [None, 0.7, 0.95], ids=["0.5s", "70%", "95%"])
def test_an_interrupted_run_leaves_nothing(big_data: tuple[Path, float], fraction: float | None) -> None:
    folder, seconds = big_data
    before = snapshot(folder)
    after = 0.5 if fraction is None else seconds * fraction
    result, running = interrupt(folder, after, "--format", "json", "-o", "out.json")
    assert "Traceback" not in result.stderr, result.stderr
    if not running or result.returncode in (0, 1):
        # Finished first, or the signal came as the process was already ending: then the output is whole.
        assert result.returncode in (0, 1), result.stderr
        json.loads((folder / "out.json").read_text(encoding="utf-8"))
        (folder / "out.json").unlink()
    else:
        assert result.returncode in (130, -signal.SIGINT), (result.returncode, result.stderr)
        assert "interrupted" in result.stderr
        assert result.stdout == ""
        if (folder / "out.json").exists():  # Ctrl-C came after the output was renamed into place: it is whole
            json.loads((folder / "out.json").read_text(encoding="utf-8"))
            (folder / "out.json").unlink()
        assert leftovers(folder, "out.json") == []
    assert snapshot(folder) == before


@pytest.mark.parametrize("output_format", ["json", "sarif", "junit"])
def test_a_run_interrupted_while_writing_leaves_nothing(big_data: tuple[Path, float], output_format: str) -> None:
    folder, _ = big_data
    before = snapshot(folder)
    result, running = interrupt_while_writing(folder, "out.xml", "--format", output_format)
    assert "Traceback" not in result.stderr, result.stderr
    if not running:
        (folder / "out.xml").unlink()
        pytest.skip("the output was written before the interrupt could be sent")
    assert result.returncode in (130, -signal.SIGINT), (result.returncode, result.stderr)
    assert leftovers(folder, "out.xml") == []
    assert snapshot(folder) == before


def test_ctrl_c_as_the_temporary_file_is_created_leaves_nothing(workspace: Path, inputs: Inputs) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    inputs.mark()
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-c", CTRL_C_AT_CREATION, "check", "a.yaml", "--as-of", "2024-12-31",
                             "--format", "json", "-o", "out.json"], cwd=workspace, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert leftovers(workspace, "out.json") == []
    inputs.check()


def test_an_interrupted_run_keeps_the_previous_output(big_data: tuple[Path, float]) -> None:
    folder, seconds = big_data
    previous = folder / "previous.json"
    previous.write_text('{"findings": [], "summary": {}}\n', encoding="utf-8")
    before = snapshot(folder)
    try:
        result, running = interrupt(folder, max(0.5, seconds * 0.9), "--format", "json", "-o", "previous.json")
        assert "Traceback" not in result.stderr, result.stderr
        if running:
            assert result.returncode in (130, -signal.SIGINT), (result.returncode, result.stderr)
            assert snapshot(folder) == before  # the old output untouched, no temporary file
        else:
            json.loads(previous.read_text(encoding="utf-8"))
            assert leftovers(folder, "previous.json") == ["previous.json"]
    finally:
        previous.unlink()
