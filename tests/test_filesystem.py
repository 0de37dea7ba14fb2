"""The file system around the reports, through the command line: paths that do not exist, folders without
reports, files and folders that cannot be read, link loops and dangling links, special files (a FIFO, a link to
/dev/zero), output that cannot be written, and a run interrupted with Ctrl-C.

Contract: exit 2 with one clean ``FILE: message`` line per problem (``FILE:LINE:COL`` where a position exists),
on stdout for validate and check (stderr staying empty), every problem of every path in one run, never a
traceback; an output file is written whole or not at all (no temporary file left behind); input files are never
modified or created (bytes and mtimes are compared after every command).

Permissions do not stop root, and the tests run as root in CI: there the command runs as an unprivileged user
(nobody, when it can reach the interpreter) or as root without the capabilities that bypass file permissions
(CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped from the bounding set before exec).

Commands run in-process (the ``cli`` fixture) unless a real process matters; each such use says why: dropping
privileges or capping memory for one run, an input that would hang a naive reader (a FIFO, link loops), and
Ctrl-C (a signal to the console script while it runs).
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import re
import select
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
import yaml
from conftest import Run, run_in_process

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
PROBLEM = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<message>.+)$")
VALID = "unit: 环翠区\nyear: 2024\ntrainings:\n  - title: 政务公开业务培训\n    date: 2024-06-20\n"
BROKEN = "unit: 环翠县\nyear: 2024\n"  # unknown unit, at 1:7
NOBODY = 65534
Cli = Callable[..., Run]  # the conftest ``cli`` fixture: ``disclose ARGS`` in-process, stdout and stderr apart
# For the real processes: in English, as the in-process runs of the ``cli`` fixture are.
ENV = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8", COLUMNS="100", DISCLOSE_LANG="en")


def run_process(*args: object, cwd: Path, preexec_fn: Callable[[], None] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m disclose_cli ARGS`` in a real process, stdout and stderr apart; a run past ``timeout`` is
    killed and fails."""
    process = subprocess.Popen([sys.executable, "-m", "disclose_cli", *map(str, args)], cwd=cwd, env=ENV,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8", errors="replace", preexec_fn=preexec_fn)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        pytest.fail(f"disclose {' '.join(map(str, args))} still running after {timeout}s (killed)\n{stderr}")
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def problems(result: Run | subprocess.CompletedProcess[str]) -> list[re.Match | dict]:
    """For validate and check (which print their problems on stdout, in the format asked for): exit 2, nothing
    on stderr, no traceback, and every stdout line a problem line (or, with --format json, every problem in the
    document), each with its file and message."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert result.stderr == ""
    if result.stdout.startswith('{"version"'):
        return [{key: str(value) if value is not None else None for key, value in problem.items()}
                for problem in json.loads(result.stdout)["problems"]]
    found = []
    for line in result.stdout.splitlines():
        match = PROBLEM.match(line)
        assert match, f"not a problem line: {line!r}\n--- stdout ---\n{result.stdout}"
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
            try:  # a real process: the probe runs under the preexec_fn that drops the privileges
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


def run_unprivileged(cli: Cli, unprivileged: Callable[[], None] | None, *args: object,
                     cwd: Path) -> Run | subprocess.CompletedProcess[str]:
    """``disclose ARGS`` where file permissions apply: in-process when they already do; else a real process,
    since dropping to another user or dropping capabilities (``preexec_fn``) needs one of its own."""
    if unprivileged is None:
        return cli(*args, cwd=cwd)
    return run_process(*args, cwd=cwd, preexec_fn=unprivileged)


# ---- paths that are not there -------------------------------------------------------------------------------------


def test_a_path_that_does_not_exist_among_others(cli: Cli, workspace: Path, inputs: Inputs) -> None:
    (workspace / "ok.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    inputs.mark()
    found = problems(cli("validate", "ok.yaml", "missing.yaml", "bad.yaml", "gone/", cwd=workspace))
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
def test_a_folder_without_yaml_files(cli: Cli, workspace: Path, inputs: Inputs, contents: dict[str, str]) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    for name, text in contents.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    inputs.mark()
    for command in (("validate", "reports"), ("check", "reports", "--as-of", "2024-12-31", "--format", "json")):
        [problem] = problems(cli(*command, cwd=workspace))
        inputs.check()
        assert problem["file"] == "reports"
        assert "no .yaml or .yml files" in problem["message"]


# ---- permissions ------------------------------------------------------------------------------------------------


def test_an_unreadable_file_in_a_folder(cli: Cli, workspace: Path, inputs: Inputs, unprivileged) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    (folder / "a_secret.yaml").write_text(VALID, encoding="utf-8")
    (folder / "a_secret.yaml").chmod(0)
    (folder / "b_bad.yaml").write_text(BROKEN, encoding="utf-8")
    inputs.mark()
    found = problems(run_unprivileged(cli, unprivileged, "validate", "reports", cwd=workspace))
    inputs.check()
    assert [p.string for p in found] == [
        f"reports{os.sep}a_secret.yaml: cannot read file: Permission denied",
        f"reports{os.sep}b_bad.yaml:1:7: unknown unit '环翠县'; did you mean '环翠区'?",
    ]


def test_an_unreadable_file_named_on_the_command_line(cli: Cli, workspace: Path, inputs: Inputs,
                                                      unprivileged) -> None:
    (workspace / "secret.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "secret.yaml").chmod(0)
    (workspace / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    inputs.mark()
    found = problems(run_unprivileged(cli, unprivileged, "validate", "secret.yaml", "bad.yaml", cwd=workspace))
    inputs.check()
    assert [p.string for p in found] == ["bad.yaml:1:7: unknown unit '环翠县'; did you mean '环翠区'?",
                                         "secret.yaml: cannot read file: Permission denied"]


def test_a_folder_that_cannot_be_listed_is_a_problem(cli: Cli, workspace: Path, inputs: Inputs,
                                                     unprivileged) -> None:
    folder = workspace / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    (folder / "locked" / "b.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "locked").chmod(0)
    inputs.mark()
    found = problems(run_unprivileged(cli, unprivileged, "validate", "reports", cwd=workspace))
    inputs.check()
    assert [p["file"] for p in found] == [f"reports{os.sep}locked"], [p.string for p in found]


def test_a_file_in_a_folder_that_cannot_be_searched(cli: Cli, workspace: Path, inputs: Inputs,
                                                    unprivileged) -> None:
    (workspace / "locked").mkdir()
    (workspace / "locked" / "a.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "locked").chmod(0)
    inputs.mark()
    found = problems(run_unprivileged(cli, unprivileged, "validate", f"locked{os.sep}a.yaml", cwd=workspace))
    inputs.check()
    assert [p["file"] for p in found] == [f"locked{os.sep}a.yaml"]


# ---- links and special files --------------------------------------------------------------------------------------


def test_link_loops_and_dangling_links(cli: Cli, workspace: Path, inputs: Inputs) -> None:
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
    # A real process, killed if it hangs: a walk that followed the links to folders would never end. Once this
    # run has shown that it does not, the runs below are in-process (the same walk; named links fail at once).
    found = problems(run_process("validate", "reports", cwd=workspace, timeout=60))
    inputs.check()
    assert [(p["file"], p["message"]) for p in found] == expected
    # Named on the command line, each is reported the same way; the valid file alone passes.
    found = problems(cli("validate", *(name.split(os.sep, 1)[1] for name, _ in expected), "a_ok.yaml",
                         cwd=folder))
    inputs.check()
    assert [(p["file"], p["message"]) for p in found] == [(name.split(os.sep, 1)[1], message)
                                                          for name, message in expected]
    result = cli("check", "reports", "--as-of", "2024-12-31", "--format", "json", cwd=workspace)
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

    # A real process: its address space capped (setrlimit), so that reading /dev/zero, were it not refused,
    # fails fast instead of taking the machine's memory; killed if it hangs.
    found = problems(run_process("validate", "reports", cwd=workspace, preexec_fn=capped, timeout=60))
    inputs.check()
    assert [p["file"] for p in found] == [f"reports{os.sep}zero.yaml"]


def test_a_fifo_is_refused_without_hanging(workspace: Path, inputs: Inputs) -> None:
    folder = workspace / "reports"
    folder.mkdir()
    (folder / "a_ok.yaml").write_text(VALID, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    inputs.mark()
    # A real process, killed if it hangs: opening a FIFO without a writer blocks for ever.
    found = problems(run_process("validate", "reports", cwd=workspace, timeout=10))
    inputs.check()
    assert [p["file"] for p in found] == [f"reports{os.sep}pipe.yaml"]


# ---- output that cannot be written ------------------------------------------------------------------------------


def test_output_into_a_missing_folder(cli: Cli, workspace: Path, inputs: Inputs) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    inputs.mark()
    # Each output named with a suffix that agrees with --format (a suffix naming another format is a usage error).
    for output_format, name in (("json", "out.json"), ("sarif", "out.sarif"), ("text", "out.txt")):
        result = cli("check", "a.yaml", "--as-of", "2024-12-31", "--format", output_format, "-o",
                     f"missing{os.sep}{name}", cwd=workspace)
        [problem] = problems(result)
        inputs.check()  # no folder created either
        assert problem.string == f"missing{os.sep}{name}: cannot write the output: its folder does not exist"


def test_output_into_a_read_only_folder(cli: Cli, workspace: Path, inputs: Inputs, unprivileged) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "out").mkdir()
    (workspace / "out").chmod(0o555)
    inputs.mark()
    result = run_unprivileged(cli, unprivileged, "check", "a.yaml", "--as-of", "2024-12-31", "--format", "json",
                              "-o", f"out{os.sep}result.json", cwd=workspace)
    [problem] = problems(result)
    inputs.check()  # nothing in out/, no temporary file
    assert problem.string == f"out{os.sep}result.json: cannot write the output: permission denied"


# ---- interrupted -----------------------------------------------------------------------------------------------
# Ctrl-C needs a real process: the console script's SIGINT handler, and a signal that arrives from outside while
# the run goes on. A run is sent SIGINT when it reaches a state the test can see (the reports being read, all of
# them read, its temporary output file created), or when it has paused itself where the test needs it (its output
# written whole, not yet renamed into place); never after a guessed time.

BIG_UNITS, BIG_RECORDS = 10, 1000


@pytest.fixture(scope="session")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated data repository (10 units, 1000 records each: most of a second of reading, then checking and
    writing) that a full check accepts; shared by the interrupt tests, which only read it."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    folder = tmp_path_factory.mktemp("big")
    with pytest.MonkeyPatch.context() as patch:
        if getattr(yaml, "CSafeDumper", None) is not None:  # the same YAML as safe_dump, three times as fast
            patch.setattr(yaml, "safe_dump", functools.partial(yaml.dump, Dumper=yaml.CSafeDumper))
        generate(folder, BIG_UNITS, BIG_RECORDS, 2024)
    result = run_in_process("check", "--as-of", "2024-12-31", "--format", "json", cwd=folder)  # to stdout: no file
    assert result.returncode in (0, 1), result.stderr
    json.loads(result.stdout)
    return folder


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def wait_for(process: subprocess.Popen[str], state: Callable[[], object]) -> object:
    """Poll ``state()`` until it gives something true (returned) or the process has ended (None)."""
    deadline = time.monotonic() + 120
    while process.poll() is None:
        found = state()
        if found:
            return found
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the run never reached the state awaited")
        time.sleep(0.001)
    return None


def temporary_output(folder: Path, name: str) -> Path | None:
    """The temporary file a run writes ``name`` into (``.NAME.*``), while it exists."""
    for entry in os.scandir(folder):
        if entry.name.startswith(f".{name}."):
            return Path(entry.path)
    return None


_IN_CLOSE_NOWRITE, _IN_OPEN = 0x10, 0x20
_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name


class Reads:
    """The files of one folder opened and closed (by any process) since this was made, as inotify reports them."""

    def __init__(self, folder: Path) -> None:
        self.opened: set[str] = set()
        self.closed: set[str] = set()
        init, add = _LIBC.inotify_init1, _LIBC.inotify_add_watch
        init.argtypes, add.argtypes = [ctypes.c_int], [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        self.fd = init(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            pytest.skip(f"no inotify: {os.strerror(ctypes.get_errno())}")
        if add(self.fd, os.fsencode(folder), _IN_OPEN | _IN_CLOSE_NOWRITE) < 0:
            os.close(self.fd)
            pytest.skip(f"no inotify watch on {folder}: {os.strerror(ctypes.get_errno())}")

    def update(self) -> "Reads":
        while True:
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                return self
            offset = 0
            while offset < len(data):
                _, mask, _, length = _EVENT.unpack_from(data, offset)
                name = data[offset + _EVENT.size:offset + _EVENT.size + length].rstrip(b"\0").decode()
                offset += _EVENT.size + length
                if name:
                    (self.opened if mask & _IN_OPEN else self.closed).add(name)

    def close(self) -> None:
        os.close(self.fd)


def interrupt(folder: Path, when: str, *args: str) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Start ``disclose check ARGS -o out.json`` and send SIGINT when it is ``reading`` (half the reports opened),
    ``checking`` (every report read) or ``writing`` (its temporary output file created): (result, whether it was
    still running then)."""
    reports = sorted(path.name for path in (folder / "reports").iterdir())
    reads = Reads(folder / "reports")
    try:
        process = subprocess.Popen([sys.executable, "-m", "disclose_cli", "check", "--as-of", "2024-12-31", *args,
                                    "-o", "out.json"], cwd=folder, env=ENV, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                   errors="replace")
        states: dict[str, Callable[[], object]] = {
            "reading": lambda: len(reads.update().opened) >= len(reports) // 2,
            "checking": lambda: reads.update().closed >= set(reports),
            "writing": lambda: temporary_output(folder, "out.json"),
        }
        running = wait_for(process, states[when]) is not None and process.poll() is None
    finally:
        reads.close()
    if running:
        process.send_signal(signal.SIGINT)
    return finish(process), running


# The console script, paused where its output is written whole but not yet renamed into place: an audit hook (on
# os.replace and os.rename) tells the test through a pipe, then waits for the test's SIGINT, which the console
# script's handler turns into KeyboardInterrupt right there, before the rename.
PAUSE_BEFORE_RENAME = """
import os, sys, time
ready, name = int(os.environ["TEST_READY_FD"]), os.environ["TEST_OUTPUT"]
def pause(event, args):
    if event == "os.rename" and os.path.basename(os.fsdecode(args[1])) == name:
        os.write(ready, b"!")
        while True:
            time.sleep(60)
sys.addaudithook(pause)
sys.argv = ["disclose", *sys.argv[1:]]
from disclose_cli.entry import run
run()
"""


def interrupt_before_rename(folder: Path, name: str, *args: str, stop: signal.Signals = signal.SIGINT
                            ) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Start ``disclose check ARGS -o NAME``; once it has written its temporary output file whole and is about to
    rename it into place, send ``stop`` (Ctrl-C's SIGINT, or a CI cancel's SIGTERM, or a closed terminal's
    SIGHUP): (result, whether it got there with data in the temporary file)."""
    read, write = os.pipe()
    try:
        process = subprocess.Popen([sys.executable, "-c", PAUSE_BEFORE_RENAME, "check", "--as-of", "2024-12-31",
                                    *args, "-o", name], cwd=folder, pass_fds=(write,),
                                   env=dict(ENV, TEST_READY_FD=str(write), TEST_OUTPUT=name),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, encoding="utf-8", errors="replace")
    finally:
        os.close(write)
    try:
        if not select.select([read], [], [], 120)[0]:
            process.kill()
            pytest.fail("the run neither paused before renaming its output nor ended")
        paused = os.read(read, 1) == b"!"  # b"": the run ended without renaming anything
    finally:
        os.close(read)
    temporary = temporary_output(folder, name)
    running = paused and temporary is not None and temporary.stat().st_size > 0
    if paused:
        process.send_signal(stop)
    return finish(process), running


# Ctrl-C at the moment the temporary output file is created, made certain: os.open (which creates it, also inside
# tempfile.mkstemp) is wrapped so that SIGINT is raised as soon as it has created the file (as a real Ctrl-C does
# when it lands there; see the test).
CTRL_C_AT_CREATION = """
import os, signal, sys
opened = os.open
def open_then_interrupt(path, flags, *args, **kwargs):
    result = opened(path, flags, *args, **kwargs)
    if flags & os.O_CREAT and os.path.basename(os.fsdecode(path)).startswith(".out.json."):
        signal.raise_signal(signal.SIGINT)
    return result
os.open = open_then_interrupt
sys.argv = ["disclose", *sys.argv[1:]]
from disclose_cli.entry import run
run()
"""


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name == name or path.name.startswith(f".{name}."))


@pytest.mark.xdist_group("big-data")  # the data set is generated once, on one worker
@pytest.mark.parametrize("when", ["reading", "checking", "writing"])
def test_an_interrupted_run_leaves_nothing(big_data: Path, when: str) -> None:
    folder = big_data
    before = snapshot(folder)
    result, running = interrupt(folder, when, "--format", "json")
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


@pytest.mark.parametrize(("output_format", "stop"), [
    ("json", signal.SIGINT), ("sarif", signal.SIGINT), ("junit", signal.SIGINT),
    ("json", signal.SIGTERM), ("junit", signal.SIGHUP),
])
def test_a_run_stopped_while_writing_leaves_nothing(workspace: Path, inputs: Inputs, output_format: str,
                                                    stop: signal.Signals) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    (workspace / "b.yaml").write_text(VALID.replace("环翠区", "文登区"), encoding="utf-8")
    inputs.mark()
    name = {"json": "out.json", "sarif": "out.sarif", "junit": "out.xml"}[output_format]  # the suffix agrees
    result, running = interrupt_before_rename(workspace, name, "a.yaml", "b.yaml", "--format", output_format,
                                              stop=stop)
    assert "Traceback" not in result.stderr, result.stderr
    if not running:
        (workspace / name).unlink(missing_ok=True)
        pytest.fail(f"the run never paused with its output written, before renaming it: exit {result.returncode}"
                    f"\n{result.stderr}")
    # Ctrl-C exits 130; SIGTERM and SIGHUP 128 + the signal, as a shell reports a process they ended.
    expected = 130 if stop == signal.SIGINT else 128 + stop
    assert result.returncode in (expected, -stop), (result.returncode, result.stderr)
    assert leftovers(workspace, name) == []
    inputs.check()


def test_ctrl_c_as_the_temporary_file_is_created_leaves_nothing(workspace: Path, inputs: Inputs) -> None:
    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    inputs.mark()
    # A real process: the console script's own SIGINT handler turns the signal into the interrupt.
    result = subprocess.run([sys.executable, "-c", CTRL_C_AT_CREATION, "check", "a.yaml", "--as-of", "2024-12-31",
                             "--format", "json", "-o", "out.json"], cwd=workspace, env=ENV, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert leftovers(workspace, "out.json") == []
    inputs.check()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_stop_says_whether_the_output_had_been_written(cli, workspace: Path, inputs: Inputs, monkeypatch,
                                                         lang: str) -> None:
    """The message after a stop tells the truth about the output: none written when the stop came before it
    was put in place; written in full (and whole on disk) when it came just after, as the command was ending."""
    from disclose_cli.cli import common
    from disclose_cli.output import atomic

    (workspace / "a.yaml").write_text(VALID, encoding="utf-8")
    inputs.mark()
    env = {"DISCLOSE_LANG": lang}
    report = ["report", "a.yaml", "--period", "2024", "--as-of", "2024-12-31", "--format", "md"]

    def stop(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(atomic, "output_stream", stop)  # the stop comes as the output is about to be written
        before = cli(*report, "-o", "out.md", cwd=workspace, env=env)
    assert before.returncode == 130 and not (workspace / "out.md").exists()
    assert before.stderr.strip() == {"zh": "disclose: 已中断，未写入任何文件",
                                     "en": "disclose: interrupted; no file was written"}[lang]

    whole = cli(*report, cwd=workspace, env=env).stdout
    monkeypatch.setattr(common, "wrote", stop)  # the stop comes once the report is in place
    after = cli(*report, "-o", "out.md", cwd=workspace, env=env)
    assert after.returncode == 130, after.stderr
    assert after.stderr.strip() == {"zh": "disclose: 已中断；out.md此前已完整写入",
                                    "en": "disclose: interrupted; out.md had been written in full"}[lang]
    assert whole and (workspace / "out.md").read_text(encoding="utf-8") == whole
    assert leftovers(workspace, "out.md") == ["out.md"]  # and no temporary file beside it
    (workspace / "out.md").unlink()
    inputs.check()


def test_an_interrupted_run_keeps_the_previous_output(workspace: Path) -> None:
    folder = workspace
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    previous = folder / "previous.json"
    previous.write_text('{"findings": [], "summary": {}}\n', encoding="utf-8")
    before = snapshot(folder)
    # SIGINT at the last moment the old output can still be kept: the new one written whole, not yet renamed.
    result, running = interrupt_before_rename(folder, "previous.json", "a.yaml", "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr
    assert running, ("the run never paused with its output written, before renaming it", result.returncode,
                     result.stderr)
    assert result.returncode in (130, -signal.SIGINT), (result.returncode, result.stderr)
    assert snapshot(folder) == before  # the old output untouched, no temporary file
    json.loads(previous.read_text(encoding="utf-8"))
    assert leftovers(folder, "previous.json") == ["previous.json"]
