"""Hostile and careless use, class by class: outputs never replace what they must not, inputs are never
overwritten, git never receives an option from the user, bombs and big numbers are refused fast, templates are
sandboxed, paths stay in the data repository, and every bad input is a located exit 2 without a traceback.

In-process (the ``cli`` fixture) unless a real process matters; each such test says why.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import problem_lines

VALID = "unit: 环翠区\nyear: 2024\ntrainings:\n  - title: 政务公开业务培训\n    date: 2024-06-20\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def invalid(result) -> str:  # noqa: ANN001
    """Exit 2, no traceback, no internal error; the stderr (where every command but validate and check prints
    its problems, and where usage errors go)."""
    assert result.returncode == 2, (result.returncode, result.stdout[-1000:], result.stderr[-1000:])
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.stderr


def refused(result) -> str:  # noqa: ANN001
    """For validate and check, which print their problems on stdout: exit 2, no traceback, no internal error,
    nothing on stderr; the stdout."""
    assert result.returncode == 2, (result.returncode, result.stdout[-1000:], result.stderr[-1000:])
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-1000:]
    assert result.stderr == "", result.stderr[-1000:]
    return result.stdout


@pytest.fixture
def data(tmp_path: Path) -> Path:
    write(tmp_path / "reports" / "a.yaml", VALID)
    return tmp_path


# ---- outputs: special files are written into, never replaced ---------------------------------------------------

def test_a_named_pipe_given_to_o_is_written_into_and_stays_a_pipe(cli, data: Path) -> None:
    pipe = data / "out.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    import threading

    def read() -> None:
        with open(pipe, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = cli("check", "reports", "--as-of", "2024-12-31", "--format", "json", "-o", pipe, cwd=data)
    reader.join(30)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert json.loads(received[0])["summary"]["files"] == 1


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root (CI runs as root)")
def test_a_character_device_given_to_o_stays_a_device(cli, data: Path) -> None:
    node = data / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # our own /dev/null
    result = cli("check", "reports", "--as-of", "2024-12-31", "--format", "json", "-o", node, cwd=data)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert sorted(os.listdir(data)) == ["null", "reports"]


def test_dash_is_stdout(cli, data: Path) -> None:
    result = cli("check", "reports", "--as-of", "2024-12-31", "--format", "json", "-o", "-", cwd=data)
    assert json.loads(result.stdout)["summary"]["files"] == 1
    assert result.stderr == ""
    assert not (data / "-").exists()


@pytest.mark.parametrize(("target", "message"), [
    (".", "is a folder"), ("reports", "is a folder"), ("", "the output file name is empty")])
def test_a_folder_or_an_empty_name_is_refused(cli, data: Path, target: str, message: str) -> None:
    assert message in invalid(cli("schema", "-o", target, cwd=data))


# ---- outputs: never one of the inputs --------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path / "disclose.yaml", "reports: [reports]\nregistry: units.yaml\ncalendar: calendar.yaml\n")
    from disclose_cli.loading.context import bundled_path

    write(tmp_path / "units.yaml", bundled_path("data", "units.yaml").read_text(encoding="utf-8"))
    write(tmp_path / "calendar.yaml", "holidays: []\n")
    write(tmp_path / "reports" / "hc.yaml", VALID)
    write(tmp_path / "tpl" / "plan.md.j2", "{{ plan.unit.name }}\n")
    write(tmp_path / "extra-calendar.yaml", "workdays: []\n")
    os.link(tmp_path / "reports" / "hc.yaml", tmp_path / "hard-link.yaml")
    return tmp_path


COMMANDS = {
    "check": ["check", "--as-of", "2024-12-31", "--format", "json", "--calendar", "extra-calendar.yaml"],
    "report": ["report", "--period", "2024Q3", "--format", "md", "--templates", "tpl",
               "--calendar", "extra-calendar.yaml"],
    "annual-report": ["annual-report", "--unit", "环翠区", "--year", "2024", "--format", "md", "--templates", "tpl",
                      "--calendar", "extra-calendar.yaml"],
    "plan": ["plan", "--unit", "环翠区", "--templates", "tpl"],
    "schema": ["schema"],
}
TARGETS = {"check": ["disclose.yaml", "units.yaml", "calendar.yaml", "reports/hc.yaml", "hard-link.yaml",
                     "extra-calendar.yaml"],
           "report": ["disclose.yaml", "reports/hc.yaml", "tpl/plan.md.j2", "extra-calendar.yaml"],
           "annual-report": ["units.yaml", "hard-link.yaml", "tpl/plan.md.j2", "extra-calendar.yaml"],
           "plan": ["disclose.yaml", "units.yaml", "calendar.yaml", "tpl/plan.md.j2"],
           "schema": ["disclose.yaml", "units.yaml", "calendar.yaml"]}


@pytest.mark.parametrize(("command", "target"), [(c, t) for c, targets in TARGETS.items() for t in targets])
def test_no_command_writes_over_one_of_its_inputs(cli, repo: Path, command: str, target: str) -> None:
    before = (repo / target).read_bytes()
    result = cli(*COMMANDS[command], "-o", target, cwd=repo)
    printed = refused(result) if command == "check" else invalid(result)  # check's problems are on stdout
    assert "is one of the input files" in printed
    assert (repo / target).read_bytes() == before
    assert not [name for name in os.listdir((repo / target).parent) if name.endswith(".tmp")]


def test_init_never_replaces_a_file_created_while_it_writes(cli, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "new.yaml"
    import disclose_cli.cli.init as init_command
    from disclose_cli.output import atomic

    real_link = atomic.os.link

    def link_after_another_writer(source, destination):  # noqa: ANN001, ANN202 - someone else was quicker
        Path(destination).write_text("另一人刚写的文件\n", encoding="utf-8")
        return real_link(source, destination)

    monkeypatch.setattr(atomic.os, "link", link_after_another_writer)
    assert init_command  # the command reads the folder first: the file does not exist yet then
    stderr = invalid(cli("init", "--unit", "环翠区", "-o", target, cwd=tmp_path))
    assert "already exists" in stderr
    assert target.read_text(encoding="utf-8") == "另一人刚写的文件\n"
    assert os.listdir(tmp_path) == ["new.yaml"]


# ---- modes -------------------------------------------------------------------------------------------------------

def test_a_new_output_respects_the_umask_and_a_replaced_one_keeps_its_mode(cli, data: Path) -> None:
    previous = os.umask(0o077)
    try:
        assert cli("schema", "-o", "new.json", cwd=data).returncode == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(data / "new.json").st_mode) == 0o600
    for mode in (0o600, 0o640, 0o644):
        (data / "old.json").write_text("{}", encoding="utf-8")
        os.chmod(data / "old.json", mode)
        assert cli("schema", "-o", "old.json", cwd=data).returncode == 0
        assert stat.S_IMODE(os.stat(data / "old.json").st_mode) == mode
        assert json.loads((data / "old.json").read_text(encoding="utf-8"))["$id"]


# ---- failed writes ------------------------------------------------------------------------------------------------

def test_a_full_device_names_the_cause(cli, data: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    stderr = invalid(cli("schema", "-o", "/dev/full", cwd=data))
    assert "/dev/full: cannot write the output: the disk is full" in stderr


@pytest.mark.parametrize("args", [["schema", "-o", "big.json"],
                                  ["annual-report", "reports", "--unit", "环翠区", "--year", "2024", "--format",
                                   "docx", "-o", "big.docx"]])
def test_a_file_size_limit_fails_cleanly_and_leaves_nothing(data: Path, args: list[str]) -> None:
    # A real process: the limit (RLIMIT_FSIZE) and the signal it sends (SIGXFSZ) belong to a process.
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))

    done = subprocess.run([sys.executable, "-m", "disclose_cli", *args], cwd=data, capture_output=True, text=True,
                          preexec_fn=limit, timeout=120, env=dict(os.environ, DISCLOSE_LANG="en"))
    assert done.returncode == 2, done.stderr
    assert "cannot write the output: the file would be larger than allowed" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(os.listdir(data)) == ["reports"]


# ---- git receives no option from the user -----------------------------------------------------------------------

def git(repo: Path, *args: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.mark.parametrize("ref", ["--output=victim", "-p", "--no-index", "HEAD --output=victim", "no-such-branch"])
def test_a_ref_that_is_not_a_commit_is_refused_and_git_writes_nothing(cli, data: Path, ref: str) -> None:
    git(data, "init", "-q")
    git(data, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "add", "-A")
    git(data, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "data")
    (data / "victim").write_text("untouched\n", encoding="utf-8")
    env = {key: None for key in os.environ if key.startswith("GIT_")}
    stdout = refused(cli("check", "reports", f"--changed-since={ref}", "--as-of", "2024-12-31", cwd=data, env=env))
    assert "--changed-since: " in stdout and "is not a commit" in stdout
    assert (data / "victim").read_text(encoding="utf-8") == "untouched\n"


# ---- bombs and big numbers: refused within a second of processor time (a busy machine does not inflate it) ---

def scalar_alias_bomb(title_length: int, uses: int) -> str:
    lines = ["unit: 环翠区", "year: 2024", "trainings:", f"  - title: &t {'长' * title_length}", "    date: 2024-06-20"]
    lines += ["  - title: *t\n    date: 2024-06-20"] * uses
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("length", "uses"), [(100_000, 200), (2_000_000, 5)])
def test_one_long_scalar_reused_by_alias_is_refused_fast_in_bounded_memory(cli, tmp_path: Path, length: int,
                                                                            uses: int) -> None:
    write(tmp_path / "bomb.yaml", scalar_alias_bomb(length, uses))
    start = time.process_time()
    result = cli("check", "bomb.yaml", "--as-of", "2024-12-31", "--format", "json", cwd=tmp_path)
    assert time.process_time() - start < 1
    assert "bomb.yaml:4:12: aliases expand to more than 2 MiB of text" in "\n".join(problem_lines(refused(result)))
    assert all(line.startswith("bomb.yaml:") for line in problem_lines(result.stdout))  # problems only, no findings
    tracemalloc.start()  # measured apart: tracing every allocation slows the run itself
    try:
        cli("check", "bomb.yaml", "--as-of", "2024-12-31", "--format", "json", cwd=tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20


def test_aliases_within_the_bound_are_read(cli, tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", scalar_alias_bomb(1000, 20))
    assert cli("validate", "ok.yaml", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("count", ["1001", "100000", "100000000000000000000"])
def test_an_excluded_workday_count_past_the_limit_is_refused_at_validation(cli, tmp_path: Path, count: str) -> None:
    write(tmp_path / "r.yaml", "unit: 环翠区\nyear: 2024\nrequests:\n  - ref: 甲\n    received: 2024-03-01\n"
                               f"    excluded_workdays: {count}\n")
    start = time.process_time()
    stdout = refused(cli("check", "r.yaml", "--as-of", "2024-12-31", cwd=tmp_path))
    assert time.process_time() - start < 1
    assert "r.yaml:6:24: 'excluded_workdays' may be at most 1000" in stdout


def test_a_figure_past_the_limit_is_refused_in_disclose_yaml(cli, tmp_path: Path) -> None:
    write(tmp_path / "disclose.yaml", "rules:\n  request_workdays: 100000\n")
    assert "disclose.yaml:2:21: 'request_workdays' may be at most 1000" in invalid(cli("config", cwd=tmp_path))


@pytest.mark.parametrize("args", [
    ["workdays", "add", "2024-01-20", "100000"],
    ["workdays", "add", "2024-01-20", "100000000000000000000"],
    ["workdays", "add", "9999-12-30", "5"],
    ["workdays", "add", "2100-12-30", "5"],
    ["workdays", "count", "1900-01-01", "2024-01-01"],
    ["due", "--within", "100000", "reports"],
    ["due", "--as-of", "9999-12-20", "reports"],
    ["check", "reports", "--as-of", "0001-01-01"],
])
def test_counts_and_dates_past_the_calendar_are_usage_errors_fast(cli, data: Path, args: list[str]) -> None:
    start = time.process_time()
    stderr = invalid(cli(*args, cwd=data))
    assert time.process_time() - start < 1
    assert "1950" in stderr or "1000" in stderr, stderr


def test_the_working_day_arithmetic_does_not_grow_with_the_count() -> None:
    from disclose_cli.calendar.workdays import WorkCalendar
    import datetime as dt

    calendar = WorkCalendar()
    calendar.add(dt.date(1950, 1, 1), 1)
    calendar.count(dt.date(1950, 1, 1), dt.date(2100, 12, 31))  # every year built once
    start = time.process_time()
    for count in range(30_000, 30_000 + 2000):
        calendar.add(dt.date(1960, 1, 1), count)
    assert time.process_time() - start < 0.5


# ---- templates are sandboxed -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "{{ plan.__class__.__init__.__globals__ }}",
])
def test_a_template_cannot_reach_python(cli, tmp_path: Path, body: str) -> None:
    write(tmp_path / "tpl" / "plan.md.j2", body)
    stderr = invalid(cli("plan", "--unit", "环翠区", "--templates", "tpl", cwd=tmp_path))
    assert "tpl/plan.md.j2" in stderr and "unsafe" in stderr
    assert not (tmp_path / "pwned").exists()


def test_a_broken_labels_file_is_a_located_problem(cli, tmp_path: Path) -> None:
    write(tmp_path / "tpl" / "labels.yaml", "zh: [\n")
    assert "tpl/labels.yaml:2:1:" in invalid(cli("plan", "--unit", "环翠区", "--templates", "tpl", cwd=tmp_path))


# ---- paths stay in the data repository; messages quote short excerpts ------------------------------------------

SECRET = "API_TOKEN=s3cr3t-0123456789abcdef0123456789abcdef"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    write(tmp_path / "secrets.env", SECRET + "\n")
    write(tmp_path / "repo" / "reports" / "hc.yaml", VALID)
    return tmp_path / "repo"


@pytest.mark.parametrize("key", ["registry: ../secrets.env", "calendar: ../secrets.env",
                                 "catalogs:\n  2024: ../secrets.env", "reports: [..]",
                                 "registry: /etc/hostname"])
def test_disclose_yaml_names_nothing_outside_its_folder(cli, outside: Path, key: str) -> None:
    write(outside / "disclose.yaml", key + "\n")
    stdout = refused(cli("validate", "reports", cwd=outside))
    assert "is outside the folder of disclose.yaml" in stdout and "--allow-outside-paths" in stdout
    assert "s3cr3t" not in stdout


def test_with_the_flag_a_foreign_file_is_read_but_quoted_only_in_part(cli, outside: Path) -> None:
    write(outside / "disclose.yaml", "registry: ../secrets.env\n")
    stdout = refused(cli("--allow-outside-paths", "validate", "reports", cwd=outside))
    assert "secrets.env:1:1:" in stdout and SECRET not in stdout and "API_TOKEN=s3cr3t-" in stdout


def test_a_link_in_a_configured_report_folder_may_not_lead_out(cli, outside: Path) -> None:
    write(outside / "disclose.yaml", "reports: [reports]\n")
    os.symlink(outside.parent / "secrets.env", outside / "reports" / "evil.yaml")
    stdout = refused(cli("validate", cwd=outside))
    assert "evil.yaml: is a link to a file outside the data repository" in stdout and "s3cr3t" not in stdout
    # A PATH argument is the user's own: the same folder given on the command line is read as given.
    assert "s3cr3t" in refused(cli("validate", "reports", cwd=outside)).replace("…", "")


def test_a_huge_value_or_key_is_never_quoted_whole(cli, tmp_path: Path) -> None:
    write(tmp_path / "r.yaml", f"unit: {'甲' * 1_000_000}\nyear: 2024\n{'k' * 1_000_000}: 1\n")
    stdout = refused(cli("validate", "r.yaml", cwd=tmp_path))
    assert stdout and len(stdout) < 2000


# ---- numbers and tags that cannot be read ----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("1" * 5000, "a number of 5000 digits is too long"),
    ("!!int abc", "cannot be read as int"),
    ("!!float abc", "cannot be read as float"),
    ("!!bool maybe", "cannot be read as bool"),
    ("!!timestamp 2024-02-30", "cannot be read as timestamp"),
])
def test_unreadable_scalars_are_located_and_other_files_still_checked(cli, tmp_path: Path, value: str,
                                                                    expected: str) -> None:
    write(tmp_path / "a.yaml", f"unit: 环翠区\nyear: 2024\ntrainings:\n  - title: {value}\n    date: 2024-06-20\n")
    write(tmp_path / "b.yaml", "unit: 环翠县\nyear: 2024\n")
    stdout = refused(cli("validate", ".", cwd=tmp_path))
    assert "a.yaml:4:12:" in stdout and expected in stdout
    assert "b.yaml:1:7: unknown unit" in stdout


# ---- file names that are not UTF-8 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("output_format", ["text", "json", "github", "junit", "sarif"])
def test_a_gbk_file_name_is_shown_readably_in_every_format(cli, tmp_path: Path, output_format: str) -> None:
    name = os.fsdecode("荣成市报告".encode("gbk") + b".yaml")
    (tmp_path / name).write_text(VALID, encoding="utf-8")
    result = cli("check", ".", "--as-of", "2024-12-31", "--format", output_format, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == ""
    expected = "%C8%D9%B3%C9%CA%D0%B1%A8%B8%E6.yaml" if output_format == "sarif" else "荣成市报告.yaml"
    assert expected in result.stdout
    result.stdout.encode("utf-8")  # writable as UTF-8: no lone surrogate reached the output


def test_a_gbk_file_name_in_a_problem_and_a_report(cli, tmp_path: Path) -> None:
    name = os.fsdecode("错误".encode("gbk") + b".yaml")
    (tmp_path / name).write_text("unit: 环翠县\nyear: 2024\n", encoding="utf-8")
    assert "错误.yaml:1:7: unknown unit" in refused(cli("validate", ".", cwd=tmp_path))
    (tmp_path / name).write_text(VALID, encoding="utf-8")
    # The report names no file (it is a document to forward), but a file name that is not UTF-8 does not stop it,
    # and check names the file readably.
    html = cli("report", ".", "--period", "2024Q3", "--as-of", "2024-09-30", cwd=tmp_path)
    assert html.returncode == 0 and "环翠区" in html.stdout
    checked = cli("check", ".", "--as-of", "2024-09-30", "--format", "json", cwd=tmp_path)
    assert any(finding["file"].startswith("错误") for finding in json.loads(checked.stdout)["findings"])


# ---- a reader that goes away -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code"), [
    (["check", "reports", "--as-of", "2024-12-31", "--format", "json"], 1),  # 环翠区 has tasks not done
    (["check", "reports", "--as-of", "2024-12-31", "--rule", "training-frequency"], 0),
    (["check", "bad", "--as-of", "2024-12-31"], 2),
    (["validate", "bad"], 2),
])
def test_a_closed_pipe_keeps_the_commands_own_exit_code(cli, data: Path, args: list[str], code: int) -> None:
    # A real process: a pipe whose reader is gone (disclose check | head) exists only between processes.
    write(data / "bad" / "x.yaml", "unit: 环翠县\nyear: 2024\n")
    assert cli(*args, cwd=data).returncode == code  # the code with a reader
    process = subprocess.Popen([sys.executable, "-m", "disclose_cli", *args], cwd=data, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # the reader goes away before anything is written
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr
