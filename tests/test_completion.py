"""Shell completion, through click's own machinery as the shells call it (``_DISCLOSE_COMPLETE``, ``COMP_WORDS``,
``COMP_CWORD``): units by name, full name and alias (typed from the start or from the middle), rule ids with
their Chinese names, periods and catalog years, from the data repository at hand; never an error. The lines of
docs/completion.md produce the shells' scripts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATAREPO = Path(__file__).resolve().parent / "datarepo"


def complete(cli, words: str, shell: str = "bash", cwd: Path | None = None, lang: str | None = None,
             env: dict | None = None) -> list[tuple[str, str | None]]:
    """(value, help) of each candidate the shell would offer for the command line ``words`` (the last word being
    typed; end with a space to complete a new word). Completion prints nothing on stderr and exits 0."""
    parts = words.split(" ")
    environment = {"_DISCLOSE_COMPLETE": f"{shell}_complete", "COMP_WORDS": words,
                   "COMP_CWORD": str(len(parts) - 1), "DISCLOSE_LANG": lang, **(env or {})}
    if shell == "fish":
        environment.update(COMP_WORDS=" ".join(parts[:-1]), COMP_CWORD=parts[-1])
    run = cli(cwd=cwd, env=environment)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    lines = [line for line in run.stdout.splitlines() if line]  # no candidates: one empty line
    if shell == "bash":
        return [(line.split(",", 1)[1], None) for line in lines]
    if shell == "zsh":
        triples = [lines[index:index + 3] for index in range(0, len(lines), 3)]
        return [(value, None if help_text == "_" else help_text) for _, value, help_text in triples]
    found = []
    for line in lines:  # fish: type,value<TAB>help
        value, _, help_text = line.split(",", 1)[1].partition("\t")
        found.append((value, help_text or None))
    return found


def values(cli, words: str, **options: object) -> list[str]:
    return [value for value, _ in complete(cli, words, **options)]


def test_unit_completes_from_the_start_of_a_name_or_alias(cli) -> None:
    offered = values(cli, "disclose check --unit 市科")
    assert "市科技局" in offered  # the alias
    assert "市科学技术局" in offered  # the registry name
    assert offered.index("市科学技术局") < offered.index("威海市科学技术局")  # names that begin so come first


def test_unit_completes_from_the_middle_too(cli) -> None:
    assert values(cli, "disclose check --unit 科技") == ["市科技局"]
    assert values(cli, "disclose check --unit 科学") == ["市科学技术局", "威海市科学技术局"]
    assert "环翠区" in values(cli, "disclose check --unit 环翠")
    assert "威海市环翠区人民政府" in values(cli, "disclose plan --unit 翠区人民")


def test_aliases_complete_with_the_units_name_as_help(cli) -> None:
    offered = dict(complete(cli, "disclose annual-report --unit 环翠区政", shell="zsh"))
    assert offered == {"环翠区政府": "环翠区"}
    assert dict(complete(cli, "disclose tasks --unit 市科技", shell="fish"))["市科技局"] == "市科学技术局"


def test_every_option_that_takes_a_unit_completes(cli) -> None:
    for command in ("check", "due", "plan", "annual-report", "init", "tasks"):
        assert "市科技局" in values(cli, f"disclose {command} --unit 市科"), command
    assert "市科技局" in values(cli, "disclose check --unit 环翠区 --unit 市科")  # repeatable


def test_unknown_text_offers_nothing(cli) -> None:
    assert values(cli, "disclose check --unit 不存在的单位") == []


def test_rule_ids_complete_with_the_chinese_name_as_help(cli) -> None:
    offered = dict(complete(cli, "disclose check --rule fe", shell="zsh"))
    assert offered == {"feedback-deadline": "结果反馈时限"}
    assert values(cli, "disclose check --rule tra") == ["training-frequency"]
    assert values(cli, "disclose check --rule 培训") == ["training-frequency"]  # part of the Chinese name
    assert dict(complete(cli, "disclose check --rule fe", shell="zsh", lang="en")) == {
        "feedback-deadline": "Feedback deadline"}
    from disclose_cli.rules import RULES

    assert values(cli, "disclose check --rule ") == list(RULES)
    assert values(cli, "disclose rules request") == ["request-deadline"]  # the argument of disclose rules too


def test_periods_complete_with_quarters_and_halves(cli) -> None:
    assert values(cli, "disclose report --period ") == ["2024", "2024H1", "2024H2", "2024Q1", "2024Q2", "2024Q3",
                                                         "2024Q4"]
    assert dict(complete(cli, "disclose report --period 2024Q", shell="zsh"))["2024Q3"] == "2024年第三季度"
    assert values(cli, "disclose report --period 2024H") == ["2024H1", "2024H2"]


def test_years_complete(cli) -> None:
    for command in ("plan --unit 环翠区", "tasks", "init --unit 环翠区", "annual-report --unit 环翠区"):
        assert values(cli, f"disclose {command} --year ") == ["2024"], command
    assert values(cli, "disclose tasks --year 2023") == []


def test_the_data_repository_at_hand_is_what_completes(cli) -> None:
    """In a data repository its own registry and catalogs complete (not the bundled ones); so with --config."""
    assert values(cli, "disclose check --unit 数据", cwd=DATAREPO) == ["数据局", "市数据管理局", "青禾市数据管理局"]
    assert values(cli, "disclose check --unit 市科", cwd=DATAREPO) == []
    assert values(cli, "disclose report --period 2025H", cwd=DATAREPO) == ["2025H1", "2025H2"]
    assert values(cli, f"disclose --config {DATAREPO / 'disclose.yaml'} tasks --unit 甲区") == [
        "甲区", "甲区政府", "甲区人民政府"]


def test_a_broken_repository_offers_nothing_and_says_nothing(cli, tmp_path) -> None:
    shutil.copytree(DATAREPO, tmp_path / "repo")
    config = tmp_path / "repo" / "disclose.yaml"
    config.write_text("catalogs: [oops\nregistry: units.yaml\n", encoding="utf-8")
    for words in ("disclose check --unit 甲", "disclose check --rule fe", "disclose report --period 2",
                  "disclose tasks --year "):
        assert complete(cli, words, cwd=tmp_path / "repo") == []  # and complete() saw no stderr, exit 0


def test_completion_reads_no_report(cli, tmp_path) -> None:
    """A broken report file changes nothing: completion reads the registry and catalogs only (and stays fast)."""
    shutil.copytree(DATAREPO, tmp_path / "repo")
    (tmp_path / "repo" / "reports" / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    assert values(cli, "disclose check --unit 甲区", cwd=tmp_path / "repo") == ["甲区", "甲区政府", "甲区人民政府"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_documented_line_for_each_shell_gives_its_script(cli, shell) -> None:
    """docs/completion.md gives each shell one line to add; what it runs produces that shell's script."""
    text = (ROOT / "docs" / "completion.md").read_text(encoding="utf-8")
    lines = re.findall(rf"_DISCLOSE_COMPLETE=({shell}_source) disclose", text)
    assert lines, f"docs/completion.md has no line for {shell}"
    run = cli(env={"_DISCLOSE_COMPLETE": lines[0]})
    assert run.returncode == 0 and run.stderr == ""
    assert "_DISCLOSE_COMPLETE" in run.stdout and f"{shell}_complete" in run.stdout
    assert "completion.md" in (ROOT / "README.md").read_text(encoding="utf-8")
