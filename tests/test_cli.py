"""The command line as a whole: --version, --help of every command, tasks, units, due, check's text output,
plain output off a terminal, and a --help that loads nothing heavy."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from conftest import _OUTPUT_SETTINGS, Run

from disclose_cli import __version__
from disclose_cli.cli import main

ANSI = re.compile("\x1b")  # every ANSI escape sequence starts with ESC
SGR = re.compile(r"\x1b\[[0-9;]*m")  # bold, colours: they take no cells on a terminal
GAZETTE_UNITS = ["市政府办公室", "市大数据局", "环翠区", "文登区", "荣成市", "乳山市"]
TASK_FIELDS = {"id", "category", "item", "subitem", "content", "responsible", "units", "roles", "deadline",
               "ongoing", "rules"}


def run_cli(cli, *args: object, cwd: Path | None = None, env: dict[str, str] | None = None,
            no_color: bool = True) -> Run:
    """``disclose ARGS`` in-process through the ``cli`` fixture, stdout and stderr kept apart (neither is a
    terminal), with NO_COLOR set unless ``no_color`` is false."""
    environment = dict(env or {})
    if no_color:
        environment["NO_COLOR"] = "1"
    return cli(*args, cwd=cwd, env=environment)


def run_on_a_terminal(monkeypatch: pytest.MonkeyPatch, *args: object, cwd: Path, columns: int = 80) -> Run:
    """``disclose ARGS`` in-process with stdout a pseudo-terminal ``columns`` wide (COLUMNS says the same), NO_COLOR
    set, in English: what a person sees in such a window. Its stdout is returned without SGR escapes and with
    the terminal's CR LF turned back into LF."""
    pty = pytest.importorskip("pty")
    fcntl = pytest.importorskip("fcntl")
    termios = pytest.importorskip("termios")
    import struct

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    chunks: list[bytes] = []

    def drain() -> None:  # read while the command writes, so that a long table never fills the terminal's buffer
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other end is closed and everything was read
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    terminal = open(slave, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - closed below, before the fd
    errors = io.StringIO()
    try:
        with monkeypatch.context() as patch:
            for key in _OUTPUT_SETTINGS:
                patch.delenv(key, raising=False)
            patch.setenv("COLUMNS", str(columns))
            patch.setenv("NO_COLOR", "1")
            patch.setenv("DISCLOSE_LANG", "en")
            patch.setattr(sys, "stdout", terminal)
            patch.setattr(sys, "stderr", errors)
            patch.chdir(cwd)
            assert sys.stdout.isatty()
            code = main([str(arg) for arg in args])
            terminal.flush()
    finally:
        terminal.close()
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    stdout = SGR.sub("", b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"))
    return Run(code, stdout, errors.getvalue())


def cells(text: str) -> int:
    """Display width in a terminal: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 0 if unicodedata.combining(char) else 1
               for char in text)


def ok(result: Run) -> str:
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


# ---- version and help ---------------------------------------------------------------------------------------


def test_version(cli, tmp_path: Path) -> None:
    for flag in ("--version", "-V"):
        out = ok(run_cli(cli, flag, cwd=tmp_path))
        assert out.strip() == f"disclose, version {__version__}"


def _commands(help_text: str) -> dict[str, str]:
    """The commands listed under 'Commands:' in a help text, with their help (which may go on over more lines,
    indented further: those are joined to it)."""
    section = help_text.split("\nCommands:\n", 1)[1]
    listed: dict[str, str] = {}
    for line in section.splitlines():
        match = re.match(r"^  (\S+)(?:\s+(.*))?$", line)
        if match:
            listed[match[1]] = (match[2] or "").strip()
        elif listed and re.match(r"^   +\S", line):
            name = list(listed)[-1]
            listed[name] = f"{listed[name]} {line.strip()}".strip()
        else:
            break
    return listed


def test_top_level_help_lists_every_command_with_help(cli, tmp_path: Path) -> None:
    for flag in ("--help", "-h"):
        out = ok(run_cli(cli, flag, cwd=tmp_path))
        assert out.startswith("Usage: ")
        listed = _commands(out)
        assert {"validate", "check", "due", "workdays", "rules", "tasks", "units"} <= set(listed)
        assert all(listed.values()), f"commands without help text: {[k for k, v in listed.items() if not v]}"
        # The whole first sentence of each command's help, not a line cut short.
        cut = {name: text for name, text in listed.items() if not text.endswith(".") or text.endswith("...")}
        assert not cut, cut
        assert listed["tasks"] == "List the year's tasks (the 重点工作及责任分工 table)."
    subcommands = _commands(ok(run_cli(cli, "workdays", "--help", cwd=tmp_path)))  # a group's list is whole too
    assert subcommands["add"] == "Print the COUNT-th working day after START (START itself not counted; COUNT 0 " \
                                 "gives START)."


def _all_command_paths(cli, tmp_path: Path) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    pending = [()]
    while pending:
        prefix = pending.pop()
        out = ok(run_cli(cli, *prefix, "--help", cwd=tmp_path))
        if "\nCommands:\n" in out:
            pending += [(*prefix, name) for name in _commands(out)]
        if prefix:
            paths.append(prefix)
    return sorted(paths)


def test_help_of_every_command(cli, tmp_path: Path) -> None:
    paths = _all_command_paths(cli, tmp_path)
    assert {("validate",), ("check",), ("due",), ("workdays",), ("workdays", "add"), ("workdays", "count"),
            ("rules",), ("tasks",), ("units",)} <= set(paths)
    for path in paths:
        result = run_cli(cli, *path, "--help", cwd=tmp_path)
        out = ok(result)
        assert result.stderr == ""
        assert out.startswith("Usage: "), path
        # A description paragraph between the usage line and the options.
        body = out.split("\n\n", 1)[1] if "\n\n" in out else ""
        description = body.split("Options:")[0].strip()
        assert description, f"{' '.join(path)} has no help text"
        # It ends with examples: at least one, each a whole disclose command line of this command.
        assert "\n  Examples:\n" in out, f"{' '.join(path)} has no examples"
        examples = [line.strip() for line in out.rsplit("\n  Examples:\n", 1)[1].splitlines() if line.strip()]
        assert examples, path
        assert all(line.startswith(f"disclose {' '.join(path)}") for line in examples), (path, examples)


def test_help_fits_the_terminal_in_cells(cli, tmp_path: Path) -> None:
    """A Chinese character in the help takes two cells: no line of any help page runs past the 80 columns click
    formats for in-process runs, and the help still uses the width it has."""
    for path in [(), *_all_command_paths(cli, tmp_path)]:
        lines = ok(run_cli(cli, *path, "--help", cwd=tmp_path)).splitlines()
        assert not [line for line in lines if cells(line) > 80], path
        assert "\x00" not in "".join(lines)
        assert max(map(cells, lines)) > 70, path


def test_unknown_command_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = run_cli(cli, "chekc", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_help_loads_nothing_heavy(tmp_path: Path) -> None:
    # A real process: this one has imported everything already, only a fresh interpreter shows what --help loads.
    code = (
        "import sys\n"
        "from disclose_cli.cli import cli\n"  # the group itself; entry.run would end the process with os._exit
        "code = cli.main(['--help'], standalone_mode=False)\n"
        "assert code in (0, None), code\n"
        "heavy = sorted(name for name in sys.modules\n"
        "               if name.split('.')[0] in ('pydantic', 'pydantic_core', 'rich', 'jinja2', 'holidays'))\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8", timeout=60, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last == "HEAVY:", f"--help imported {last[len('HEAVY:'):]}"


# ---- tasks and units ----------------------------------------------------------------------------------------


def test_tasks_json(cli, tmp_path: Path) -> None:
    tasks = json.loads(ok(run_cli(cli, "tasks", "--format", "json", cwd=tmp_path)))
    assert len(tasks) == 43
    assert len({task["id"] for task in tasks}) == 43
    for task in tasks:
        assert set(task) == TASK_FIELDS, task["id"]
        assert isinstance(task["subitem"], (str, type(None)))
        assert isinstance(task["ongoing"], bool)
        assert isinstance(task["units"], list) and isinstance(task["roles"], list)
        dt.date.fromisoformat(task["deadline"])
        assert task["rules"] and task["rules"][-1] == "task-deadline"
    by_id = {task["id"]: task for task in tasks}
    assert by_id["government-gazette"]["units"] == GAZETTE_UNITS
    assert by_id["policy-evaluation"]["subitem"] is None
    assert by_id["policy-evaluation"]["ongoing"] is True
    assert by_id["decision-consultation"]["subitem"] == "意见征集"
    assert by_id["decision-consultation"]["roles"] == ["重大行政决策承办部门"]
    assert by_id["decision-consultation"]["rules"] == ["consultation-period", "task-deadline"]
    assert by_id["major-project-scope"]["content"] == ""
    # The first and the last row of the table, in the table's order.
    assert (tasks[0]["id"], tasks[-1]["id"]) == ("decision-release", "brand-highlights")


def test_tasks_of_one_unit(cli, tmp_path: Path) -> None:
    everything = json.loads(ok(run_cli(cli, "tasks", "--format", "json", cwd=tmp_path)))
    district = json.loads(ok(run_cli(cli, "tasks", "--unit", "环翠区", "--format", "json", cwd=tmp_path)))
    assert [t["id"] for t in district] == [t["id"] for t in everything if "环翠区" in t["units"]]
    assert "government-gazette" in {t["id"] for t in district}
    zone = json.loads(ok(run_cli(cli, "tasks", "--unit", "高区", "--format", "json", cwd=tmp_path)))
    assert "government-gazette" not in {t["id"] for t in zone}
    assert len(zone) == 42
    # A department also sees the role tasks it may take on (重大行政决策承办部门).
    department = {t["id"] for t in json.loads(ok(run_cli(cli, "tasks", "--unit", "市科技局", "--format", "json",
                                                               cwd=tmp_path)))}
    assert {"decision-release", "training", "livelihood-consumption"} <= department
    assert "government-gazette" not in department and "website-management" not in department
    table = ok(run_cli(cli, "tasks", "--unit", "环翠区", cwd=tmp_path))
    assert f"{len(district)} tasks" in table
    assert "government-gazette" in table


def test_a_table_on_a_terminal_gives_the_long_texts_the_room(monkeypatch) -> None:
    """``tasks`` on an 80-column terminal: the id is whole on its line, the heading column gets twice the room of
    the units column, and no line is wider than the terminal."""
    from disclose_cli.cli.common import show_table

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    heading = "政策发布与解读回应 · 政策集中公开 · 政策发布（政府文件库建设）"
    show_table("2024年政务公开重点工作", ("编号", "任务", "完成时限", "责任单位"),
               [("livelihood-elderly-childcare", heading, "2024-12-31", "9个单位 + 重大行政决策承办部门")],
               shares=(None, 2, None, 1))
    lines = SGR.sub("", terminal.getvalue()).splitlines()
    assert max(map(cells, lines)) <= 80
    [first] = [line for line in lines if "livelihood-elderly-childcare" in line]
    heading_cells = cells(first[first.index("政策"):first.index("2024-12-31")].rstrip())
    units_cells = cells(first[first.index("9个"):].rstrip())
    assert heading_cells >= 18 and heading_cells >= 2 * units_cells - 2, first


def test_tasks_unknown_unit(cli, tmp_path: Path) -> None:
    result = run_cli(cli, "tasks", "--unit", "环翠县", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "did you mean '环翠区'?" in result.stderr
    # A problem of the option, not a usage error with click's help around it.
    assert result.stderr == "--unit: unknown unit '环翠县'; did you mean '环翠区'?\n"


def test_units_json(cli, tmp_path: Path) -> None:
    units = json.loads(ok(run_cli(cli, "units", "--format", "json", cwd=tmp_path)))
    assert units[0]["name"] == "市政府办公室"
    names = [unit["name"] for unit in units]
    assert len(names) == len(set(names))
    every_name = (names + [alias for unit in units for alias in unit["aliases"]]
                  + [unit["full_name"] for unit in units if unit["full_name"]])
    assert len(every_name) == len(set(every_name)), "every name, full name and alias is unique"
    for unit in units:
        assert set(unit) == {"name", "kind", "full_name", "aliases", "policy_maker"}
        assert unit["kind"] in {"department", "district", "zone", "other"}
        assert isinstance(unit["aliases"], list) and isinstance(unit["policy_maker"], bool)
        assert isinstance(unit["full_name"], (str, type(None)))
    by_name = {unit["name"]: unit for unit in units}
    assert [u["name"] for u in units if u["kind"] == "district"] == ["环翠区", "文登区", "荣成市", "乳山市"]
    assert by_name["市机关事务服务中心"]["policy_maker"] is False
    assert "市科技局" in by_name["市科学技术局"]["aliases"]
    assert by_name["市科学技术局"]["full_name"] == "威海市科学技术局"


@pytest.mark.parametrize("args", [("tasks",), ("tasks", "--unit", "市科技局"), ("units",)],
                         ids=["tasks", "tasks-unit", "units"])
def test_tables_fit_an_80_column_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                          args: tuple[str, ...]) -> None:
    # On a terminal the table is drawn to its width (off one nothing is wrapped: see the test below).
    out = ok(run_on_a_terminal(monkeypatch, *args, cwd=tmp_path, columns=80))
    lines = out.splitlines()
    assert len(lines) > 5
    too_wide = [(cells(line), line) for line in lines if cells(line) > 80]
    assert not too_wide, too_wide[:3]


def test_tables_are_plain_off_a_terminal(cli, tmp_path: Path) -> None:
    for args, rows in ((("tasks",), 43), (("units",), 44)):
        result = run_cli(cli, *args, cwd=tmp_path, no_color=False)  # no NO_COLOR, but stdout is not a terminal
        out = ok(result)
        assert not ANSI.search(out), args
        # Nothing wrapped or padded, so that a pipe can cut and grep it: a title, the column names, one line per
        # row with its columns two spaces apart, and the count.
        lines = out.splitlines()
        assert len(lines) == 1 + 1 + rows + 1, (args, lines[:5])
        padded = [line for line in lines if line != line.strip() or "   " in line]
        assert not padded, (args, padded[:3])
    tasks = ok(run_cli(cli, "tasks", cwd=tmp_path)).splitlines()
    assert tasks[1] == "ID  Task  Deadline  Responsible"
    assert tasks[-2] == "brand-highlights  强化组织管理 · 品牌亮点  2024-12-31  41 units"


# ---- due and check ------------------------------------------------------------------------------------------

# Listed latest-first in the file, so that only sorting can put them soonest-first.
DUE_REPORT = """\
unit: 环翠区
year: 2024
requests:
  - ref: 威环依申〔2024〕30号
    received: 2024-09-02
  - ref: 威环依申〔2024〕20号
    received: 2024-08-26
  - ref: 威环依申〔2024〕10号
    received: 2024-08-12
decisions:
  - title: 关于调整公共租赁住房租金标准的通知
    issued: 2024-08-30
meetings:
  - title: 第二季度政府常务会议
    date: 2024-05-10
    public_attendees: 3
"""


@pytest.fixture
def due_data(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "hc.yaml").write_text(DUE_REPORT, encoding="utf-8")
    return tmp_path


def test_due_lists_soonest_first(cli, due_data: Path) -> None:
    out = ok(run_cli(cli, "due", "reports", "--as-of", "2024-09-03", "--within", "25", cwd=due_data))
    lines = out.splitlines()
    assert lines[0].startswith("due within 25 working days of 2024-09-03")
    rows = [line for line in lines[1:] if re.match(r"^\s+\d{4}-\d{2}-\d{2}\s", line)]
    dues = [line.split()[0] for line in rows]
    assert dues == sorted(dues)
    # Working days on the 2024 calendar: 14 September and 29 September are make-up working days.
    assert [(line.split()[0], line.split()[-1]) for line in rows] == [
        ("2024-09-09", "威环依申〔2024〕10号"),  # 20 working days after 12 August
        ("2024-09-13", "关于调整公共租赁住房租金标准的通知"),  # 10 working days after 30 August
        ("2024-09-24", "威环依申〔2024〕20号"),
        ("2024-09-30", "2024Q3"),  # same day: meeting-frequency before request-deadline
        ("2024-09-30", "威环依申〔2024〕30号"),
    ]
    assert all("环翠区" in line for line in rows)
    assert "task-deadline" not in out  # 2024-12-31 is beyond 25 working days


def test_due_json_is_sorted_and_pending_only(cli, due_data: Path) -> None:
    data = json.loads(ok(run_cli(cli, "due", "reports", "--as-of", "2024-09-03", "--within", "25", "--format",
                                 "json", cwd=due_data)))
    assert data["as_of"] == "2024-09-03"
    dues = [item["due"] for item in data["due"]]
    assert dues and dues == sorted(dues)
    assert all(item["status"] == "pending" and item["due"] <= data["until"] for item in data["due"])


CHECK_REPORTS = {
    "kj.yaml": """\
unit: 市科技局
year: 2024
tasks:
  - task: training
    status: done
    done_on: 2024-06-20
consultations:
  - title: 城区停车收费调整方案
    opened: 2024-03-01
    closed: 2024-03-21
  - title: 科技计划项目管理办法(草案)
    opened: 2024-04-01
    closed: 2024-04-11
    short_reason: 因需要尽快出台
trainings:
  - title: 政务公开业务培训
    date: 2024-06-20
requests:
  - ref: 威科技依申〔2024〕9号
    received: 2024-12-20
""",
    "hc.yaml": """\
unit: 环翠区
year: 2024
trainings:
  - title: 政务公开业务培训
    date: 2024-05-20
""",
}


@pytest.fixture
def check_data(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    for name, text in CHECK_REPORTS.items():
        (tmp_path / "reports" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_check_text_output(cli, check_data: Path) -> None:
    result = run_cli(cli, "check", "reports", "--as-of", "2024-12-31", cwd=check_data)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == ""
    out = result.stdout
    for text in ("市科学技术局", "环翠区", "reports/kj.yaml", "fail", "pending", "waived",
                 "城区停车收费调整方案", "consultation-period", "as of 2024-12-31", "report-missing"):
        assert text in out, text
    assert "2 units reporting in 2 files" in out
    # Each finding: its status, the rule and what it is about (a task by its id and heading), then an indented
    # line with the message and where, FILE:LINE:COL.
    lines = out.splitlines()
    heading = "  fail     task-deadline · brand-highlights (强化组织管理 · 品牌亮点)"
    assert heading in lines
    detail = lines[lines.index(heading) + 1]
    assert detail.startswith("           not done; due 2024-12-31") and re.search(r"  reports/\w+\.yaml:1:1$", detail)
    assert "  fail     consultation-period · 城区停车收费调整方案" in lines
    assert re.search(r"^\d+ passes not shown \(--show-pass lists them\)$", out, flags=re.M)


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "pipe"])
def test_no_ansi_escapes_off_a_terminal(cli, check_data: Path, no_color: bool) -> None:
    for args in (("check", "reports", "--as-of", "2024-12-31"), ("check", "reports", "--as-of", "2024-12-31",
                                                                 "--show-pass"),
                 ("due", "reports", "--as-of", "2024-12-20"), ("validate", "reports"), ("tasks",), ("units",),
                 ("rules",), ("check", "missing.yaml")):
        result = run_cli(cli, *args, cwd=check_data, no_color=no_color)
        assert "Traceback" not in result.stderr, args
        assert not ANSI.search(result.stdout), (args, result.stdout[:200])
        assert not ANSI.search(result.stderr), (args, result.stderr[:200])


def test_check_unit_filter_in_text(cli, check_data: Path) -> None:
    result = run_cli(cli, "check", "reports", "--as-of", "2024-12-31", "--unit", "环翠区", cwd=check_data)
    assert result.returncode == 1
    assert "环翠区" in result.stdout and "市科学技术局" not in result.stdout
    # The summary counts only the units selected.
    assert "as of 2024-12-31: 1 unit reporting in 1 file · " in result.stdout


def test_bad_as_of_is_a_usage_error(cli, check_data: Path) -> None:
    for value in ("2024/12/31", "2024-02-30", "tomorrow"):
        result = run_cli(cli, "check", "reports", "--as-of", value, cwd=check_data)
        assert result.returncode == 2, value
        assert "Traceback" not in result.stderr
        assert "YYYY-MM-DD" in result.stderr


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "weihai-2024"


@pytest.mark.parametrize(("args", "name", "starts"), [
    (["report", EXAMPLE, "--period", "2024Q3"], "q3.md", b"# "),
    (["report", EXAMPLE, "--period", "2024Q3"], "q3.html", b"<!DOCTYPE html>"),
    (["annual-report", EXAMPLE, "--unit", "荣成市", "--year", "2024"], "rc.docx", b"PK\x03\x04"),
    (["annual-report", EXAMPLE, "--unit", "荣成市", "--year", "2024"], "rc.md", b"# "),
])
def test_the_suffix_of_the_output_chooses_the_format(cli, tmp_path: Path, args: list, name: str,
                                                      starts: bytes) -> None:
    assert cli(*args, "-o", tmp_path / name).returncode == 0
    assert (tmp_path / name).read_bytes().startswith(starts)


@pytest.mark.parametrize(("args", "name", "said"), [
    (["report", EXAMPLE, "--period", "2024Q3"], "q3.docx", "which this command does not write; it writes html, md"),
    (["report", EXAMPLE, "--period", "2024Q3", "--format", "html"], "q3.md", "names a .md file, but --format is html"),
    (["annual-report", EXAMPLE, "--unit", "荣成市", "--year", "2024", "--format", "html"], "rc.docx",
     "names a .docx file, but --format is html"),
    (["check", EXAMPLE], "findings.md", "it writes text, json, github, junit, sarif"),
])
def test_an_output_whose_suffix_names_another_format_is_refused(cli, tmp_path: Path, args: list, name: str,
                                                                said: str) -> None:
    result = cli(*args, "-o", tmp_path / name)
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert not (tmp_path / name).exists()
    chinese = cli(*args, "-o", tmp_path / name, env={"DISCLOSE_LANG": None})
    assert "文件" in chinese.stderr and "names" not in chinese.stderr
