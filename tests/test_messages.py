"""Every message disclose makes exists in Chinese and English, and the Chinese has no English words in it apart
from names (ids, keys, option names, commands, file names, formats): held over the source (tests/message_inventory.py
reads every message where it is made) and over what ``validate`` really prints for a wide set of bad inputs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from message_inventory import messages, names_of_the_formats, one_language_only, stray_english

from disclose_cli.base.locations import Location, Problem

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
CHINESE = {"DISCLOSE_LANG": None, "NO_COLOR": "1"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    return names_of_the_formats()


def _found(fragment: str) -> list:
    return [message for message in messages() if message.en and fragment in message.en]


# ---- the inventory --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("fragment", "zh"), [
    ("no such file or folder", "文件或文件夹不存在"),  # Phrase(en, zh)
    ("no report file for {year}", "未报送{year}年落实情况"),  # a verdict's message= and message_zh=
    ("; the year ended {end}", "；截至{end}"),  # phrase + (en, zh)
    ("found undefined alias", "引用了未定义的锚点"),  # the parser's words and their Chinese, in a table
    ("full-width colon", "全角冒号"),  # a table of names
    ("the output file name is empty", "输出文件名为空"),  # a helper taking en and zh
    ("configuration: {path}", "配置文件：{path}"),  # if zh: say(…) else: say(…)
])
def test_the_inventory_finds_messages_of_every_kind(fragment: str, zh: str) -> None:
    found = _found(fragment)
    assert found, f"the inventory misses {fragment!r}"
    assert any(message.zh and zh in message.zh for message in found), [message.zh for message in found]


def test_the_inventory_reads_every_module() -> None:
    modules = {message.module.split("/")[0] for message in messages()}
    assert {"base", "calendar", "cli", "loading", "output", "reporters", "rules", "engine.py"} <= modules
    assert len(messages()) > 300


# ---- both languages, where each message is made -----------------------------------------------------------------

def test_every_message_has_its_english_and_its_chinese() -> None:
    gaps = [f"{message.where}: en={message.en!r} zh={message.zh!r}" for message in messages()
            if message.literal and (not message.en) != (not message.zh)]
    assert not gaps, "a message lacks one of its languages:\n" + "\n".join(gaps)


def test_the_chinese_has_no_english_words(known: frozenset[str]) -> None:
    stray = [f"{message.where}: {words} in {message.zh!r}" for message in messages()
             if message.literal and message.zh and (words := stray_english(message.zh, known))]
    assert not stray, "English words in Chinese messages:\n" + "\n".join(stray)


def test_each_language_takes_its_own_side_of_a_phrase() -> None:
    # f"{key.en}" inside the Chinese text (or .zh inside the English) would show the other language; an
    # operating system's own words (error.strerror) are English.
    crossed = [f"{message.where}: {{{hole}}}" for message in messages()
               for hole in message.zh_placeholders if re.search(r"\.en\b|strerror|str\(error\)", hole)]
    crossed += [f"{message.where}: {{{hole}}}" for message in messages()
                for hole in message.en_placeholders if re.search(r"\.zh\b", hole)]
    assert not crossed, "a placeholder of the other language:\n" + "\n".join(crossed)


def test_run_level_messages_are_never_in_one_language_only() -> None:
    assert not one_language_only(), one_language_only()


def test_a_message_in_one_language_is_found() -> None:
    tree = ast.parse('def count():\n    raise click.BadParameter(f"END {end} is before START {start}")\n'
                     'def fine(zh):\n    say("配置文件" if zh else "configuration")\n')
    assert one_language_only({"cli/example.py": tree}) == [("cli/example.py", 2, "END {end} is before START {start}")]


@pytest.mark.parametrize(("text", "stray"), [
    ("文件 is not UTF-8", ["is", "not"]),
    ("未知的键 titel（标题）", ["titel"]),
    ("请改为 done（已完成）或删除 done_on", []),  # a coded value and a key
    ("加 --show-pass 列出；或运行 disclose rules feedback-deadline", []),
    ("文件有70 MiB；应写作YYYY-MM-DD；“form”应为 video；第2024Q3季度", []),
    ("YAML 格式错误：缺少冒号（解析器：could not find expected ':'）", []),
])
def test_the_english_word_check(known: frozenset[str], text: str, stray: list[str]) -> None:
    assert stray_english(text, known) == stray


def test_a_problem_needs_its_chinese() -> None:
    with pytest.raises(TypeError):
        Problem(Location(Path("a.yaml")), "no Chinese")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        Problem(Location(Path("a.yaml")), "no Chinese", "")
    assert Problem(Location(Path("a.yaml"), 1, 1), "bad", "有误").text("zh") == "a.yaml:1:1: 有误"


# ---- what validate prints, in Chinese -----------------------------------------------------------------------------

BAD_REPORTS: dict[str, str | bytes] = {
    "invisible.yaml": "unit: 市教育局\u200b\nyear: 2024\n",
    "full_width_colon.yaml": "unit：市教育局\nyear: 2024\n",
    "full_width_value.yaml": "unit: 市教育局\nyear: 2024\ntasks:\n  - task: ｔｒａｉｎｉｎｇ\n    status: planned\n",
    "nbsp_key.yaml": "unit: 市教育局\nyear\u00a0: 2024\n",
    "utf16.yaml": "unit: 市教育局\nyear: 2024\n".encode("utf-16"),
    "big5.yaml": "unit: 教育局\nyear: 2024\n".encode("big5"),
    "deep.yaml": "unit: " + "[" * 300 + "]" * 300 + "\n",
    "laughs.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + level)}: &{chr(98 + level)} [" + ", ".join([f"*{chr(97 + level)}"] * 10) + "]\n"
        for level in range(8)),
    "bad_tag.yaml": "unit: 市教育局\nyear: !!int abc\n",
    "long_number.yaml": "unit: 市教育局\nyear: " + "9" * 200 + "\n",
    "reserved.yaml": "__line__: 1\nunit: 市教育局\nyear: 2024\n",
    "two_documents.yaml": "unit: 市教育局\nyear: 2024\n---\nunit: 市教育局\n",
    "old_year.yaml": "unit: 市教育局\nyear: 2019\n",
    "early_tasks.yaml": "unit: 市教育局\nyear: 2023\ntasks:\n  - task: training\n    status: planned\n",
    "records.yaml": """\
unit: 市教育局
year: 2024
tasks:
  - task: training
    status: in_progress
    done_on: 2024-03-01
  - task: training
    status: planned
meetings:
  - title: ""
    date: 2024-03-15
    public_attendees: three
  - title: 座谈会
    date: 2024-03-15
    public_attendees: -1
trainings: 一次
requests:
  - ref: 威教依申〔2024〕1号
    received: 2024-03-01
    outcome: disclosed
    applicant: nobody
  - ref: 威教依申〔2024〕1号
    received: 2024-03-02
    correction_deadline: 2024-03-20
    extended: maybe
  - ref: 威教依申〔2024〕2号
    received: 2023-12-01
    answered: 2023-12-20
    carried_over: true
annual_report_figures:
  table3:
    disclosed: [1, 2, 3]
    no_such_row: [0, 0, 0, 0, 0, 0, 0]
""",
}

# The parser's common complaints: a tiny file each, the Chinese explanation, and the parser's words after it.
PARSER_ERRORS = {
    "could not find expected ':'": ("unit: 市教育局\nyear 2024\ntitle: x\n", "找不到冒号"),
    "mapping values are not allowed": ("unit: 市教育局: 文登区\n", "一行只能有一个"),
    "found character that cannot start any token": ("unit: @市教育局\n", "此处的字符不能开头"),
    "did not find expected key": ("tasks:\n  - task: a\n - task: b\n", "缩进不一致"),
    "found unexpected end of stream": ('unit: "市教育局\nyear: 2024\n', "第1行开始的引号没有闭合"),
    "found undefined alias": ("unit: *education\n", "未定义的锚点"),
    "did not find expected alphabetic or numeric character": ("unit: *注：市教育局\n", "读作别名或锚点"),
    "did not find expected ',' or ']'": ("unit: [市教育局, 文登区\n", "缺少半角逗号"),
    "did not find expected '-' indicator": ("- 市教育局\nyear: 2024\n", "列表的各项应以"),
    "found unexpected document indicator": ("unit: '市教育局\n---\nyear: 2024\n", "引号没有闭合"),
}
# "expected <block end>" is PyYAML's pure-Python parser's word for what libyaml calls "did not find expected key";
# its explanation is kept for it.


def _messages_of(stdout: str) -> list[str]:
    """The message of each ``FILE:LINE:COL: message`` line (the file names are the test's own)."""
    return [line.split(": ", 1)[1] for line in stdout.splitlines() if ": " in line]


def _assert_chinese(lines: list[str], known: frozenset[str]) -> None:
    assert lines
    stray = [(line, words) for line in lines if (words := stray_english(line, known)) or not _CJK.search(line)]
    assert not stray, "\n".join(f"{words or 'no Chinese'}: {line}" for line, words in stray)


def test_every_problem_validate_prints_is_chinese(cli, tmp_path: Path, known: frozenset[str]) -> None:
    from test_validate import GENERATED

    for name, content in {**BAD_REPORTS, **{name: data for name, (data, _) in GENERATED.items()}}.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    done = cli("validate", INVALID, tmp_path, env=CHINESE)
    assert done.returncode == 2, done.stderr
    lines = _messages_of(done.stdout)
    # Every file is reported (a missing one would pass this test unseen).
    named = {line.split(":", 1)[0] for line in done.stdout.splitlines()}
    assert {Path(name).name for name in named} >= {path.name for path in INVALID.glob("*.yaml")} - {
        "same_unit_alias.yaml", "same_unit_official.yaml"} | set(BAD_REPORTS)
    assert len(lines) > 60
    _assert_chinese(lines, known)


@pytest.mark.parametrize("said", PARSER_ERRORS, ids=lambda said: re.sub(r"\W+", "-", said).strip("-"))
def test_a_parser_error_is_explained_in_chinese(cli, tmp_path: Path, said: str, known: frozenset[str]) -> None:
    text, explained = PARSER_ERRORS[said]
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    done = cli("validate", tmp_path / "bad.yaml", env=CHINESE)
    [message] = _messages_of(done.stdout)
    assert message.startswith("YAML 格式错误：") and explained in message, message
    assert re.search(rf"（解析器：[^）]*{re.escape(said)}", message), message  # the parser's own words, after
    _assert_chinese([message], known)


@pytest.mark.parametrize(("config", "fragment"), [
    ("repports: [reports]\n", "未知的键"),
    ("reports: [../elsewhere]\n", "不在disclose.yaml所在文件夹内"),
    ("rules:\n  annual_report_due:\n    department: 2-30\n", "MM-DD"),
    ("rules:\n  annual_report_due_by_unit:\n    市教育厅: 02-28\n", "单位"),
])
def test_problems_of_disclose_yaml_are_chinese(cli, tmp_path: Path, config: str, fragment: str,
                                               known: frozenset[str]) -> None:
    (tmp_path / "disclose.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    done = cli("validate", cwd=tmp_path, env=CHINESE)
    assert done.returncode == 2
    lines = _messages_of(done.stdout + done.stderr)
    assert any(fragment in line for line in lines), lines
    _assert_chinese(lines, known)


@pytest.mark.parametrize("args", [
    ("check", "--unit", "市教育厅"), ("check", "--rule", "feedback-deadlin"), ("rules", "feedback-deadlin"),
    ("validate", "no-such-folder"), ("plan", "--unit", "市教育局", "--year", "2031"),
], ids=lambda args: "-".join(args))
def test_command_line_problems_are_chinese(cli, args: tuple[str, ...], known: frozenset[str]) -> None:
    done = cli(*args, env=CHINESE)
    assert done.returncode == 2
    _assert_chinese(_messages_of(done.stdout + done.stderr), known)


# ---- docs/errors.md -----------------------------------------------------------------------------------------------

def test_the_list_of_messages_in_docs_errors_md_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("errors_doc", HERE.parent / "scripts" / "errors_doc.py")
    errors_doc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(errors_doc)
    current = errors_doc.DOC.read_text(encoding="utf-8")
    assert errors_doc.rewritten(current) == current, \
        "docs/errors.md lists messages that changed: run python scripts/errors_doc.py"
    assert "未知的键“{name}”" in current and "unknown key {key}" in current
