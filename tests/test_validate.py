"""``disclose validate``: one broken file per kind of problem, each with its exact FILE:LINE:COL and message.

The broken files live in ``tests/invalid/``. Files whose bytes matter (GBK, a UTF-8 BOM, CRLF line endings) are
written by the tests themselves, so that no editor or checkout setting can change them.

Contract: exit 0 when every file is valid, 2 when any is not; every problem of every file is printed in one run,
one line each, as ``FILE:LINE:COL: message`` on stdout (as flake8 and yamllint do), with stderr empty and never a
traceback; the input files are only read.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import Run

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"

PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


def run_cli(cli, *args: object, cwd: Path | None = None) -> Run:
    """``disclose ARGS`` in-process through the ``cli`` fixture, stdout and stderr kept apart."""
    return cli(*args, cwd=cwd, env={"NO_COLOR": "1", "COLUMNS": "100"})


@dataclass(frozen=True)
class Expected:
    """A problem that must be printed: its position and fragments of its message."""

    line: int
    col: int
    fragments: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    required: tuple[Expected, ...]
    optional: tuple[Expected, ...] = ()  # may be printed too (a consequence of the required one)
    bug: str | None = None  # a known bug: the required problem is not printed yet


def E(line: int, col: int, *fragments: str) -> Expected:  # noqa: N802 - a short constructor for the table
    return Expected(line, col, fragments)


# Static files in tests/invalid/: the first line of each (but the empty one) is a comment saying what is broken.
CASES: dict[str, Case] = {
    "duplicate_key_top.yaml": Case((E(4, 1, "duplicate key 'unit'", "first at line 2"),)),
    "duplicate_key_record.yaml": Case((E(7, 5, "duplicate key 'title'", "first at line 5"),)),
    "date_impossible.yaml": Case((E(6, 11, "'date'", "2024-02-30", "not a date on the calendar"),)),
    "date_slashes.yaml": Case((E(6, 11, "'date'", "YYYY-MM-DD", "2024/3/1"),)),
    "date_chinese.yaml": Case((E(6, 11, "'date'", "YYYY-MM-DD", "2024年3月1日"),)),
    "wrong_type.yaml": Case((E(7, 23, "'public_attendees'", "whole number", "three"),)),
    "unknown_key.yaml": Case((E(5, 5, "unknown key 'titel'", "did you mean 'title'?"),),
                             optional=(E(5, 5, "missing required key 'title'"),)),
    "unknown_unit.yaml": Case((E(2, 7, "unknown unit '环翠县'", "did you mean '环翠区'?"),)),
    "unknown_task.yaml": Case((E(5, 11, "unknown task id 'traning'", "2024 catalog", "did you mean 'training'?"),)),
    "task_not_assigned.yaml": Case((E(5, 11, "task 'government-gazette' is not assigned to 火炬高技术产业开发区",
                                      "市政府办公室、市大数据局、环翠区、文登区、荣成市、乳山市"),)),
    "task_twice.yaml": Case((E(7, 11, "task 'training' is listed twice", "first at line 5"),)),
    "enum_typo.yaml": Case((E(6, 11, "'form' must be one of", "video", "'vidoe'", "did you mean 'video'?"),)),
    # Where YAML 1.1 (the parser) and 1.2 (editors) disagree: one problem, saying both meanings and what to write.
    "yaml11_no.yaml": Case((E(5, 12, "'no' is false in YAML 1.1", "the text 'no' in YAML 1.2", "write false",
                              '"no" in quotes'),)),
    "yaml11_yes.yaml": Case((E(5, 12, "'yes' is true in YAML 1.1", "the text 'yes' in YAML 1.2", "write true",
                               '"yes" in quotes'),)),
    "yaml11_flag.yaml": Case((E(7, 15, "'yes' is true in YAML 1.1", "write true"),)),
    "yaml11_octal.yaml": Case((E(5, 24, "'0120' is the number 80 in YAML 1.1", "the number 120 in YAML 1.2",
                                 "plain decimal digits"),)),
    "yaml11_base60.yaml": Case((E(5, 22, "'1:30' is the number 90 in YAML 1.1", "the text '1:30' in YAML 1.2",
                                  "plain decimal digits"),)),
    "yaml11_number.yaml": Case((E(5, 10, "'ref' must be text", "123", "number", "quotes"),)),
    "closed_before_opened.yaml": Case((E(7, 13, "'closed' 2024-02-20 is before 'opened' 2024-03-01"),)),
    "answered_before_received.yaml": Case((E(7, 15, "'answered' 2024-05-01 is before 'received' 2024-05-10"),)),
    "outside_year.yaml": Case((E(6, 11, "2023-12-20 is not in 2024"),)),
    "two_years_on.yaml": Case((E(7, 25, "2026-01-05 is outside 2024 and 2025"),)),
    "done_without_date.yaml": Case((E(6, 13, "done task needs 'done_on'"),)),
    "not_applicable_without_note.yaml": Case((E(6, 13, "not_applicable task needs a 'note'"),)),
    "waiver_unknown_rule.yaml": Case((E(5, 11, "unknown rule 'meeting-frequncy'",
                                        "did you mean 'meeting-frequency'?"),)),
    "empty.yaml": Case((E(1, 1, "empty", "'unit' and 'year'"),)),
    "top_level_list.yaml": Case((E(2, 1, "must be a mapping", "top level", "got a list"),)),
    "top_level_scalar.yaml": Case((E(2, 1, "must be a mapping", "top level", "环翠区 2024"),)),
    "syntax_error.yaml": Case((E(5, 14, "not valid YAML", "mapping values are not allowed"),)),
    "tab_indent.yaml": Case((E(5, 1, "tab", "spaces"),)),
    "no_catalog.yaml": Case((E(3, 7, "no task catalog for 2025", "2024"),)),
    "broken_record_and_unknown_task.yaml": Case((
        E(6, 11, "'date'", "2024-02-30", "not a date on the calendar"),
        E(8, 11, "unknown task id 'traning'", "did you mean 'training'?"),
    )),
}

# Valid alone; together the same unit (荣成市) and year, once by an alias and once by its official name.
SAME_UNIT = ("same_unit_alias.yaml", "same_unit_official.yaml")
SAME_UNIT_PROBLEM = E(2, 7, "a second report for 荣成市 2024", "same_unit_alias.yaml:2:7", "one file per unit")

# Files written by the tests: name -> (bytes, case).
GBK_TEXT = "# saved as GBK\nunit: 环翠区\nyear: 2024\ntrainings:\n  - title: 政务公开业务培训\n    date: 2024-06-20\n"
GENERATED: dict[str, tuple[bytes, Case]] = {
    "gbk.yaml": (GBK_TEXT.encode("gbk"), Case((E(2, 7, "not UTF-8", "GBK", "GB18030", "iconv"),))),
    # The BOM does not count as a column: the unknown unit's value is still at column 7.
    "bom.yaml": (b"\xef\xbb\xbf" + "unit: 环翠县\nyear: 2024\n".encode(),
                 Case((E(1, 7, "unknown unit '环翠县'", "did you mean '环翠区'?"),))),
    "crlf.yaml": ("# CRLF line endings\r\nunit: 文登区\r\nyear: 2024\r\ntrainings:\r\n  - title: 政务公开业务培训\r\n"
                  "    date: 2024-02-30\r\n".encode(),
                  Case((E(6, 11, "'date'", "2024-02-30", "not a date on the calendar"),))),
}

VALID_REPORT = """\
unit: 市科技局
year: 2024
tasks:
  - task: training
    status: done
    done_on: 2024-06-20
  - task: new-media
    status: not_applicable
    note: 本单位未开设政务新媒体
consultations:
  - title: 威海市科技创新促进条例(草案)
    opened: 2024-03-01
    closed: 2024-03-31
decisions:
  - title: 关于加快科技成果转化的若干措施
    issued: 2024-09-27
    feedback_published: 2024-10-16
interpretations:
  - policy: 关于加快科技成果转化的若干措施
    form: video
    published: 2024-09-28
meetings:
  - title: 2024年上半年科技工作座谈会
    date: 2024-03-15
    public_attendees: 2
    opinions_published: 2024-03-25
evaluations:
  - topic: 科技企业孵化政策实施效果评价
    completed: 2024-10-15
    results_published: 2025-01-10
trainings:
  - title: 政务公开业务培训
    date: 2024-06-20
requests:
  - ref: 威科技依申〔2024〕3号
    received: 2024-09-20
    corrected: 2024-09-25
    answered: 2024-10-23
    extended: false
    excluded_workdays: 0
waivers:
  - rule: meeting-frequency
    subject: 2024H2
    reason: 机构改革期间暂停
    approved_by: 市政府办公室
    expires: 2024-12-31
"""


@dataclass
class Printed:
    file: str
    line: int
    col: int
    message: str
    raw: str = field(repr=False, default="")


def problems(stdout: str) -> list[Printed]:
    """Every stdout line as a problem; a line not in FILE:LINE:COL form fails the test."""
    found = []
    for raw in stdout.splitlines():
        match = PROBLEM_LINE.match(raw)
        assert match, f"not a FILE:LINE:COL: message line: {raw!r}\n--- stdout ---\n{stdout}"
        found.append(Printed(match["file"], int(match["line"]), int(match["col"]), match["message"], raw))
    return found


def matches(printed: Printed, file: str, expected: Expected) -> bool:
    return (printed.file == file and printed.line == expected.line and printed.col == expected.col
            and all(fragment in printed.message for fragment in expected.fragments))


def assert_case(stdout: str, file: str, case: Case) -> None:
    printed = problems(stdout)
    for expected in case.required:
        assert any(matches(p, file, expected) for p in printed), (
            f"expected {file}:{expected.line}:{expected.col}: …{'…'.join(expected.fragments)}…\n"
            f"--- stdout ---\n{stdout}")
    allowed = case.required + case.optional
    for p in printed:
        assert any(matches(p, file, expected) for expected in allowed), f"unexpected problem: {p.raw}"


def assert_invalid_run(result: Run) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stderr == "", "problems belong on stdout; stderr stays empty when input is invalid"
    assert result.stdout != "", "an invalid input prints its problems on stdout"


@pytest.fixture(scope="module")
def invalid_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/invalid/ outside the repository, so that no disclose.yaml in a parent folder applies."""
    copy = tmp_path_factory.mktemp("validate") / "invalid"
    shutil.copytree(INVALID, copy)
    return copy


def case_params(cases: dict[str, Case]) -> list:
    return [pytest.param(name, case, id=name.removesuffix(".yaml"),
                         marks=[pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else [])
            for name, case in cases.items()]


def test_every_static_case_has_its_file() -> None:
    on_disk = {path.name for path in INVALID.glob("*.yaml")}
    assert on_disk == set(CASES) | set(SAME_UNIT)


@pytest.mark.parametrize(("name", "case"), case_params(CASES))
def test_broken_file(cli, invalid_dir: Path, name: str, case: Case) -> None:
    result = run_cli(cli, "validate", name, cwd=invalid_dir)
    assert_invalid_run(result)
    assert_case(result.stdout, name, case)


@pytest.mark.parametrize(("name", "case"), case_params({name: case for name, (_, case) in GENERATED.items()}))
def test_broken_file_with_special_bytes(cli, tmp_path: Path, name: str, case: Case) -> None:
    (tmp_path / name).write_bytes(GENERATED[name][0])
    result = run_cli(cli, "validate", name, cwd=tmp_path)
    assert_invalid_run(result)
    assert_case(result.stdout, name, case)


def test_gbk_message_names_the_encoding_and_the_fix(cli, tmp_path: Path) -> None:
    (tmp_path / "gbk.yaml").write_bytes(GENERATED["gbk.yaml"][0])
    result = run_cli(cli, "validate", "gbk.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    [problem] = problems(result.stdout)
    assert "iconv -f GB18030 -t UTF-8" in problem.message
    # The file is named where the problem is; the command spells it FILE, and the fix without a command is given.
    assert problem.file == "gbk.yaml"
    assert "iconv -f GB18030 -t UTF-8 FILE" in problem.message
    assert "Save As, encoding UTF-8" in problem.message


def test_same_unit_and_year_in_two_files_names_both(cli, invalid_dir: Path) -> None:
    result = run_cli(cli, "validate", *SAME_UNIT, cwd=invalid_dir)
    assert_invalid_run(result)
    assert_case(result.stdout, SAME_UNIT[1], Case((SAME_UNIT_PROBLEM,)))


@pytest.mark.parametrize("name", SAME_UNIT)
def test_each_same_unit_file_is_valid_alone(cli, invalid_dir: Path, name: str) -> None:
    result = run_cli(cli, "validate", name, cwd=invalid_dir)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert result.stdout == "1 report valid (1 file)\n", "a valid file prints no problem"


def test_problems_are_in_chinese_by_default(cli, invalid_dir: Path) -> None:
    # Without --lang or DISCLOSE_LANG (the other tests ask for English), the same places in Chinese.
    result = cli("validate", "unknown_unit.yaml", "date_slashes.yaml", cwd=invalid_dir,
                 env={"NO_COLOR": "1", "DISCLOSE_LANG": None})
    assert_invalid_run(result)
    assert result.stdout.splitlines() == [
        "date_slashes.yaml:6:11: date（日期）应为日期，写作YYYY-MM-DD，如2024-03-01；此处为“2024/3/1”",
        "unknown_unit.yaml:2:7: 单位名录中没有“环翠县”；是否应为“环翠区”？",
    ]
    valid = cli("validate", SAME_UNIT[0], cwd=invalid_dir, env={"NO_COLOR": "1", "DISCLOSE_LANG": None})
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "1份报告有效（共1个文件）\n", "")


def test_missing_path(cli, tmp_path: Path) -> None:
    result = run_cli(cli, "validate", "missing.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    [line] = result.stdout.splitlines()
    assert line.startswith("missing.yaml:")
    assert "no such file or folder" in line


def test_folder_without_yaml(cli, tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("unit: 环翠区\nyear: 2024\n", encoding="utf-8")
    result = run_cli(cli, "validate", "notes", cwd=tmp_path)
    assert_invalid_run(result)
    [line] = result.stdout.splitlines()
    assert line.startswith("notes:")
    assert "no .yaml or .yml files" in line


def test_path_problems_are_printed_as_path_and_message(cli, tmp_path: Path) -> None:
    # A missing path or a folder without YAML files has no line to point at: such a problem is printed as
    # ``PATH: message``, one line each (FILE:LINE:COL is for problems at a position in a file).
    (tmp_path / "notes").mkdir()
    result = run_cli(cli, "validate", "missing.yaml", "notes", cwd=tmp_path)
    assert_invalid_run(result)
    assert sorted(result.stdout.splitlines()) == ["missing.yaml: no such file or folder",
                                                  "notes: no .yaml or .yml files in this folder"]


@pytest.mark.parametrize(("text", "line", "col"), [
    pytest.param("unit: 环翠区\nyear: 2024\ntrainings:\n\t- title: 培训\n\t  date: 2024-06-20\n", 4, 1,
                 id="tab-first"),
    pytest.param("unit: 环翠区\nyear: 2024\ntrainings:\n  - title: 培训\n\t  date: 2024-06-20\n", 5, 1,
                 id="tab-in-record"),
    pytest.param("unit: 环翠区\nyear: 2024\ntrainings:\n  - title: 培训\n    \tdate: 2024-06-20\n", 5, 5,
                 id="spaces-then-tab"),
])
def test_tab_indentation_is_named(cli, tmp_path: Path, text: str, line: int, col: int) -> None:
    (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    assert_case(result.stdout, "report.yaml", Case((E(line, col, "tab", "spaces"),)))


def test_a_tab_after_a_colon_is_a_separator(cli, tmp_path: Path) -> None:
    (tmp_path / "report.yaml").write_text("unit:\t环翠区\nyear:\t2024\n", encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert result.returncode == 0, (result.stdout, result.stderr)


def test_a_separator_tab_does_not_hide_the_real_syntax_error(cli, tmp_path: Path) -> None:
    # The tab after 'title:' is a legal separator; the error is the second ': ' on the line.
    (tmp_path / "report.yaml").write_text(
        "unit: 环翠区\nyear: 2024\ntrainings:\n  - title:\t培训: 二期\n    date: 2024-06-20\n", encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    assert_case(result.stdout, "report.yaml", Case((E(4, 14, "mapping values are not allowed"),)))
    assert "tab" not in result.stdout


@pytest.mark.parametrize(("escape", "shown"), [("\\n", "\\n"), ("\\r", "\\r"), ("\\t", "\\t"), ("\\a", "<U+0007>"),
                                               ("\\e", "<U+001B>")])
def test_a_control_character_in_a_quoted_value_keeps_one_line_per_problem(cli, tmp_path: Path, escape: str,
                                                                               shown: str) -> None:
    # YAML escapes in double quotes put a newline (or another control character) into the unit and the key;
    # the messages quote them escaped, so each problem stays on one line.
    (tmp_path / "report.yaml").write_text(f'unit: "环翠{escape}区"\nyear: 2024\n"ti{escape}tle": 1\n', encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    assert len(result.stdout.splitlines()) == 2, result.stdout
    assert_case(result.stdout, "report.yaml", Case((E(1, 7, f"unknown unit '环翠{shown}区'"),
                                                    E(3, 1, f"unknown key 'ti{shown}tle'"))))


@pytest.mark.parametrize(("ref", "expected"), [
    ("123", E(4, 10, "'ref' must be text", "but 123 is read", "quotes")),
    # 0123 is the octal 83 to YAML 1.1 and 123 to YAML 1.2: one problem, with both meanings and the quotes.
    ("0123", E(4, 10, "'0123' is the number 83 in YAML 1.1", "the number 123 in YAML 1.2", '"0123" in quotes')),
])
def test_a_bare_number_ref_is_an_error_not_silently_changed(cli, tmp_path: Path, ref: str, expected: E) -> None:
    (tmp_path / "report.yaml").write_text(
        f"unit: 环翠区\nyear: 2024\nrequests:\n  - ref: {ref}\n    received: 2024-03-01\n    answered: 2024-03-05\n",
        encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    assert_case(result.stdout, "report.yaml", Case((expected,)))
    assert len(result.stdout.splitlines()) == 1, result.stdout


def test_a_quoted_number_ref_is_text(cli, tmp_path: Path) -> None:
    (tmp_path / "report.yaml").write_text(
        'unit: 环翠区\nyear: 2024\nrequests:\n  - ref: "0123"\n    received: 2024-03-01\n    answered: 2024-03-05\n',
        encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert result.returncode == 0, (result.stdout, result.stderr)


def test_valid_file(cli, tmp_path: Path) -> None:
    (tmp_path / "kj.yaml").write_text(VALID_REPORT, encoding="utf-8")
    result = run_cli(cli, "validate", "kj.yaml", cwd=tmp_path)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert "1 report valid" in result.stdout


def test_readme_example_report_is_valid(cli, tmp_path: Path) -> None:
    readme = HERE.parent / "README.md"
    if not readme.is_file():
        pytest.skip("no README.md")
    blocks = re.findall(r"```yaml\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    example = next((block for block in blocks if block.startswith("unit:")), None)
    if example is None:
        pytest.skip("README.md has no example report")
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    result = run_cli(cli, "validate", "example.yaml", cwd=tmp_path)
    assert result.returncode == 0, (result.stdout, result.stderr)


def test_utf8_bom_is_accepted(cli, tmp_path: Path) -> None:
    (tmp_path / "kj.yaml").write_bytes(b"\xef\xbb\xbf" + VALID_REPORT.encode("utf-8"))
    result = run_cli(cli, "validate", "kj.yaml", cwd=tmp_path)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert result.stdout == "1 report valid (1 file)\n", "a valid file prints no problem"


def test_crlf_line_endings_are_accepted(cli, tmp_path: Path) -> None:
    (tmp_path / "kj.yaml").write_bytes(VALID_REPORT.replace("\n", "\r\n").encode("utf-8"))
    result = run_cli(cli, "validate", "kj.yaml", cwd=tmp_path)
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    assert result.stdout == "1 report valid (1 file)\n", "a valid file prints no problem"


def test_a_broken_record_does_not_hide_problems_of_other_records(cli, tmp_path: Path) -> None:
    # Two broken records in two sections and a consistency problem in a third: all are reported.
    (tmp_path / "report.yaml").write_text("""\
unit: 环翠区
year: 2024
meetings:
  - title: 常务会议
    date: 2024-03-15
    public_attendees: three
tasks:
  - task: training
    status: finished
  - task: new-media
    status: done
    done_on: 2024-05-01
  - task: trainng
    status: planned
consultations:
  - title: 草案
    opened: 2024-03-01
    closed: 2024-02-01
""", encoding="utf-8")
    result = run_cli(cli, "validate", "report.yaml", cwd=tmp_path)
    assert_invalid_run(result)
    assert_case(result.stdout, "report.yaml", Case((
        E(6, 23, "'public_attendees'", "whole number"),
        E(9, 13, "'status' must be one of", "finished"),
        E(13, 11, "unknown task id 'trainng'", "did you mean 'training'?"),
        E(18, 13, "'closed' 2024-02-01 is before 'opened' 2024-03-01"),
    )))


def _snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    return {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()}


def test_whole_folder_prints_every_problem_in_one_run(cli, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(INVALID, reports)
    for name, (raw, _) in GENERATED.items():
        (reports / name).write_bytes(raw)
    (tmp_path / "no_yaml_here").mkdir()
    (tmp_path / "no_yaml_here" / "notes.txt").write_text("nothing\n", encoding="utf-8")
    before = _snapshot(tmp_path)

    result = run_cli(cli, "validate", "reports", "missing.yaml", "no_yaml_here", cwd=tmp_path)

    assert_invalid_run(result)
    assert _snapshot(tmp_path) == before, "validate must not touch its input files"
    lines = result.stdout.splitlines()
    # Problems of a path, not of a position in a file: printed as PATH: message (test_path_problems_are_…).
    path_level = sorted(line for line in lines if line.startswith(("missing.yaml:", "no_yaml_here:")))
    assert len(path_level) == 2, path_level
    assert "no such file or folder" in path_level[0] and "no .yaml or .yml files" in path_level[1]
    printed = problems("\n".join(line for line in lines if line not in path_level))

    expected: list[tuple[str, Expected, bool]] = []  # (file, problem, required)
    all_cases = dict(CASES, **{name: case for name, (_, case) in GENERATED.items()})
    all_cases[SAME_UNIT[1]] = Case((SAME_UNIT_PROBLEM,))
    for name, case in all_cases.items():
        file = f"reports/{name}"
        expected += [(file, problem, case.bug is None) for problem in case.required]
        expected += [(file, problem, False) for problem in case.optional]
    missing = [f"{file}:{e.line}:{e.col}: …{'…'.join(e.fragments)}…"
               for file, e, required in expected if required and not any(matches(p, file, e) for p in printed)]
    assert not missing, "not printed:\n" + "\n".join(missing) + "\n--- stdout ---\n" + result.stdout
    unexpected = [p.raw for p in printed if not any(matches(p, file, e) for file, e, _ in expected)]
    assert not unexpected, "unexpected:\n" + "\n".join(unexpected)
    # One line per problem: nothing printed twice.
    assert len(result.stdout.splitlines()) == len(set(result.stdout.splitlines()))


# What pydantic itself says ("Input should be a valid number", "List should have at least 7 items after
# validation, not 6", "Field required", links to errors.pydantic.dev) must never reach a clerk: every problem is
# worded by disclose, in the chosen language.
PYDANTIC_WORDS = re.compile(r"Input should|should have at (?:least|most)|Field required|Extra inputs|validation error|"
                            r"Value error|Assertion failed|pydantic|type=|\[input_value|For further information",
                            re.IGNORECASE)
TYPED_FIGURES = """\
unit: 环翠区
year: 2024
annual_report_figures:
  table3:
    new: [1, 0, 0, 0, 0, -1, 1]
    carried_over: [0, 0, 0, null, 0, 0, 0]
    withheld.third_party: [1, 0, 0, 0, 0, 0]
    disclosed: [1, abc, 0, 0, 0, 0, 1.5]
    total: 7
  table4:
    review: [1, 0, 0, 1]
    lawsuit_direct: {a: 1}
  table2: {}
meetings:
  - {title: 会议, date: 2024-13-01, public_attendees: -2}
  - {date: 2024-03-01}
interpretations: {policy: 方案}
"""


def test_no_problem_is_worded_by_pydantic(cli, tmp_path: Path) -> None:
    for case in INVALID.glob("*.yaml"):
        (tmp_path / case.name).write_bytes(case.read_bytes())
    (tmp_path / "typed.yaml").write_text(TYPED_FIGURES, encoding="utf-8")
    for lang in ("en", None):
        result = cli("validate", tmp_path, env={"DISCLOSE_LANG": lang})
        assert result.returncode == 2
        lines = result.stdout.splitlines()
        assert len([line for line in lines if line.startswith(f"{tmp_path / 'typed.yaml'}:")]) >= 10, lines
        leaked = [line for line in lines if PYDANTIC_WORDS.search(line)]
        assert leaked == [], leaked


def test_typed_figures_name_the_table_the_row_and_the_column(cli, tmp_path: Path) -> None:
    (tmp_path / "typed.yaml").write_text(TYPED_FIGURES, encoding="utf-8")
    chinese = cli("validate", "typed.yaml", cwd=tmp_path, env={"DISCLOSE_LANG": None}).stdout.splitlines()
    for expected in ("typed.yaml:5:26: 表三 一、本年新收政府信息公开申请数量 / 其他：应为非负整数，此处为-1",
                     "typed.yaml:6:19: 表三没有“carried_over”这一行",
                     "typed.yaml:6:29: 表三 carried_over / 社会公益组织：应为非负整数，此处为空",
                     "typed.yaml:7:27: 表三 4.保护第三方合法权益：应填7个数（自然人、商业企业、科研机构、社会公益组织、法律服务机构、"
                     "其他、总计），此处为6个",
                     "typed.yaml:8:20: 表三 （一）予以公开 / 商业企业：应为非负整数，此处为“abc”",
                     "typed.yaml:8:37: 表三 （一）予以公开 / 总计：应为非负整数，此处为1.5",
                     "typed.yaml:11:13: 表四 行政复议：应填5个数（结果维持、结果纠正、其他结果、尚未审结、总计），此处为4个"):
        assert expected in chinese, chinese
