"""``disclose report`` (HTML and Markdown) and ``disclose plan``, through the command line.

The numbers a report shows are checked against ``disclose check --format json`` run at the same as-of date: units
covered, findings by status, fully compliant units, the per-rule counts, the units without a report, every failure
with its file and line, the meeting windows and the trend over the quarters. A small data set of two units carries
titles that break naive templates: markup, an ``onerror`` attribute, ``|``, a newline and a right-to-left override.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import Run, run_in_process

from disclose_cli.documents.render import load_labels
from disclose_cli.loading.context import bundled_path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"
LABELS = load_labels(None)
TASK_TITLES = {task["id"]: task["item"] + (f" · {task['subitem']}" if task["subitem"] else "")
               for task in yaml.safe_load((ROOT / "data" / "tasks_2024.yaml").read_text(encoding="utf-8"))["tasks"]}
TEMPLATES = Path(str(bundled_path("templates")))

PERIODS = {"2024Q3": "2024-09-30", "2024H1": "2024-06-30", "2024": "2024-12-31"}
QUARTER_ENDS = {"2024Q1": "2024-03-31", "2024Q2": "2024-06-30", "2024Q3": "2024-09-30", "2024Q4": "2024-12-31"}

SCRIPT_TITLE = "<script>alert(1)</script>"
IMG_TITLE = "\"><img src=x onerror=\"document.title='pwned'\">"
PIPE_TITLE = "a|b | c"
NEWLINE_TITLE = "第一行\n第二行"
RLO_TITLE = "abc\u202edef"
HOSTILE_REASON = "<b>理由</b> | 含竖线"

KJ = r'''unit: 市科技局
year: 2024
tasks:
  - task: training
    status: done
    done_on: 2024-06-20
consultations:
  - title: "<script>alert(1)</script>"
    opened: 2024-07-01
    closed: 2024-07-10
  - title: "\"><img src=x onerror=\"document.title='pwned'\">"
    opened: 2024-07-02
    closed: 2024-07-11
  - title: "a|b | c"
    opened: 2024-07-03
    closed: 2024-07-12
  - title: "第一行\n第二行"
    opened: 2024-07-04
    closed: 2024-07-13
  - title: "abc\u202Edef"
    opened: 2024-07-05
    closed: 2024-07-14
  - title: 威海市科技创新促进条例(草案)
    opened: 2024-03-01
    closed: 2024-04-15
  - title: 科技计划项目管理办法(草案)
    opened: 2024-04-01
    closed: 2024-04-11
    short_reason: 因需要尽快出台
decisions:
  - title: 关于加快科技成果转化的若干措施
    issued: 2024-03-01
    feedback_published: 2024-04-10
interpretations:
  - {policy: 关于加快科技成果转化的若干措施, form: video, published: 2024-03-05}
  - {policy: 关于加快科技成果转化的若干措施, form: text, published: 2024-03-05}
  - {policy: 科技计划项目管理办法, form: text, published: 2024-05-05}
  - {policy: 科技计划项目管理办法, form: graphic, published: 2024-05-06}
meetings:
  - title: 2024年上半年科技工作座谈会
    date: 2024-03-15
    public_attendees: 2
    opinions_published: 2024-03-25
trainings:
  - title: 政务公开业务培训
    date: 2024-06-20
waivers:
  - rule: evaluation-frequency
    reason: "<b>理由</b> | 含竖线"
    approved_by: 市政府办公室
'''

HC = '''unit: 环翠区
year: 2024
meetings:
  - title: 区政府第一次常务会议
    date: 2024-02-20
    public_attendees: 3
    opinions_published: 2024-03-01
  - title: 区政府第九次常务会议
    date: 2024-08-20
    public_attendees: 1
    opinions_published: 2024-08-30
interpretations:
  - {policy: 环翠区城市更新三年行动方案, form: video, published: 2024-05-11}
  - {policy: 环翠区城市更新三年行动方案, form: text, published: 2024-05-11}
requests:
  - ref: 环政依申〔2024〕3号
    received: 2024-04-01
    answered: 2024-05-20
'''


# --- running the command ------------------------------------------------------------------------------------------

def run_cli(cli, *args: object, cwd: Path | None = None) -> Run:
    """``disclose ARGS`` in-process through ``cli`` (the fixture, or ``run_in_process`` in a module fixture)."""
    return cli(*args, cwd=cwd, env={"NO_COLOR": "1", "COLUMNS": "120"})


def ok(result: Run) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
    return result.stdout


def check_json(cli, data: Path, as_of: str) -> dict:
    result = run_cli(cli, "check", data, "--as-of", as_of, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    (folder / "kj.yaml").write_text(KJ, encoding="utf-8")
    (folder / "hc.yaml").write_text(HC, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def render(data: Path):
    """``render(period, lang, fmt)``: the report's text, each combination rendered once per module (so through
    ``run_in_process``, the runner behind the per-test ``cli`` fixture)."""
    cache: dict[tuple[str, str, str], str] = {}

    def _render(period: str, lang: str = "zh", fmt: str = "html") -> str:
        key = (period, lang, fmt)
        if key not in cache:
            cache[key] = ok(run_cli(run_in_process, "report", data, "--period", period, "--as-of", PERIODS[period],
                                    "--lang", lang, "--format", fmt))
        return cache[key]

    return _render


@pytest.fixture(scope="module")
def checked(data: Path):
    cache: dict[str, dict] = {}

    def _checked(as_of: str) -> dict:
        if as_of not in cache:
            cache[as_of] = check_json(run_in_process, data, as_of)
        return cache[as_of]

    return _checked


# --- what the report should say, from check's JSON -----------------------------------------------------------------

class Expected:
    def __init__(self, document: dict) -> None:
        findings = document["findings"]
        self.findings = findings
        self.units = {f["unit"] for f in findings}
        self.missing = {f["unit"] for f in findings if f["rule"] == "report-missing" and f["status"] == "fail"}
        self.reporting = self.units - self.missing
        failing = {f["unit"] for f in findings if f["status"] == "fail"}
        self.compliant = self.units - failing
        self.counts = Counter(f["status"] for f in findings)
        self.by_rule: dict[str, Counter] = defaultdict(Counter)
        for f in findings:
            self.by_rule[f["rule"]][f["status"]] += 1
        self.failures = [f for f in findings if f["status"] == "fail" and f["rule"] != "report-missing"]

    @property
    def share(self) -> str:
        return f"{len(self.compliant) / len(self.units) * 100:.0f}%"


def shown_subject(finding: dict) -> str:
    """The subject as the report shows it: a task id is followed by its heading in the catalog."""
    if finding["rule"] == "task-deadline" and finding["subject"] in TASK_TITLES:
        return f"{finding['subject']}（{TASK_TITLES[finding['subject']]}）"
    return finding["subject"]


def message(finding: dict, lang: str) -> str:
    return finding["message_zh"] if lang == "zh" else finding["message"]


def clean(text: str) -> str:
    """What the templates' ``clean`` makes of the data here: the right-to-left override shown as a code point."""
    return text.replace("\u202e", "<U+202E>")


# --- reading HTML -------------------------------------------------------------------------------------------------

class Page(HTMLParser):
    """Tables (by the id of their section), the headline figures (data-kpi), list items and every element."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[str] = []
        self.tables: list[dict] = []
        self.kpis: dict[str, str] = {}
        self.items: dict[str, list[str]] = defaultdict(list)
        self.elements: list[tuple[str, dict]] = []
        self.title = ""
        self._cell: list[str] | None = None
        self._kpi: tuple[str, list[str]] | None = None
        self._li: list[str] | None = None
        self._in_title = False
        self.feed(text)
        self.close()

    def section(self) -> str:
        return self.sections[-1] if self.sections else ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "section":
            self.sections.append(attributes.get("id") or self.section())
        elif tag == "table":
            self.tables.append({"section": self.section(), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "li":
            self._li = []
        elif tag == "title" and not self.title:
            self._in_title = True
        if "data-kpi" in attributes:
            self._kpi = (attributes["data-kpi"], [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.sections:
            self.sections.pop()
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "li" and self._li is not None:
            self.items[self.section()].append("".join(self._li).strip())
            self._li = None
        elif tag == "div" and self._kpi is not None:
            self.kpis[self._kpi[0]] = "".join(self._kpi[1])
            self._kpi = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, text: str) -> None:
        for buffer in (self._cell, self._li, self._kpi[1] if self._kpi else None):
            if buffer is not None:
                buffer.append(text)
        if self._in_title:
            self.title += text

    def rows(self, section: str) -> list[list[str]]:
        """Body rows of the section's tables (the header row of each table left out)."""
        return [row for table in self.tables if table["section"] == section for row in table["rows"][1:]]

    def kpi(self, name: str) -> int:
        return int(re.match(r"\s*(\d+)", self.kpis[name]).group(1))


# --- reading Markdown ---------------------------------------------------------------------------------------------

def md_cells(line: str) -> list[str]:
    """A table row's cells, split on the pipes that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def md_tables(text: str) -> list[dict]:
    """Every table with the ``##`` heading it stands under: header, separator and body rows as cell lists."""
    tables, heading, current = [], "", None
    for line in text.split("\n"):
        if line.startswith("## "):
            heading = line[3:].strip()
        if line.startswith("|"):
            if current is None:
                current = {"heading": heading, "lines": []}
                tables.append(current)
            current["lines"].append(line)
        else:
            current = None
    for table in tables:
        table["rows"] = [md_cells(line) for line in table["lines"]]
    return tables


def md_rows(text: str, heading: str) -> list[list[str]]:
    return [row for table in md_tables(text) if table["heading"].endswith(heading) for row in table["rows"][2:]]


def md_section(text: str, heading: str) -> str:
    match = re.search(rf"^## .*{re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"no section {heading}"
    return match.group(1)


def unmd(cell: str) -> str:
    """The text a Markdown cell stands for: backslash escapes, entities and <br> undone."""
    text = cell.replace("<br>", "\n")
    text = re.sub(r"\\(.)", r"\1", text)
    return html.unescape(text).replace("*", "") if cell.startswith("**") else html.unescape(text)


# --- the numbers --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("period", list(PERIODS))
def test_html_report_shows_the_numbers_of_check(render, checked, period: str, lang: str) -> None:
    t = LABELS[lang]
    expected = Expected(checked(PERIODS[period]))
    page = Page(render(period, lang, "html"))

    assert page.kpi("units-covered") == len(expected.units) > 2
    assert page.kpi("units-reporting") == len(expected.reporting) == 2
    assert page.kpi("units-missing") == len(expected.missing) == len(expected.units) - 2
    assert page.kpi("compliant-units") == len(expected.compliant)
    assert expected.share in page.kpis["compliant-units"]
    for status in ("pass", "fail", "pending", "waived"):
        assert page.kpi(status) == expected.counts[status], status
    assert f"{t['as_of']}{t['colon']}<strong>{PERIODS[period]}</strong>" in render(period, lang, "html")

    rules = {row[0]: row[1:6] for row in page.rows("rules")}
    for rule, label in t["rules"].items():
        counts = expected.by_rule.get(rule, Counter())
        assert rules[label] == [str(counts[s]) for s in ("pass", "fail", "pending", "waived")] + [
            str(sum(counts.values()))], rule
    assert rules[t["col_total"]] == [str(expected.counts[s]) for s in ("pass", "fail", "pending", "waived")] + [
        str(len(expected.findings))]

    units = {row[0]: row for row in page.rows("units")}
    assert set(units) == expected.reporting
    for unit, row in units.items():
        mine = Counter(f["status"] for f in expected.findings if f["unit"] == unit)
        assert row[2:6] == [str(mine[s]) for s in ("pass", "fail", "pending", "waived")], unit
        assert row[-1] == (t["compliant_yes"] if unit in expected.compliant else t["compliant_no"])

    assert sorted(page.items["missing"]) == sorted(expected.missing)
    for section, column in (("units", 0), ("heatmap", 0), ("meetings", 0), ("multimedia", 0), ("failures", 1)):
        shown = {row[column] for row in page.rows(section)}
        assert shown <= expected.reporting, section

    failures = page.rows("failures")
    assert len(failures) == len(expected.failures)
    for f in expected.failures:
        matches = [row for row in failures if row[1] == f["unit"] and row[2] == t["rules"][f["rule"]]
                   and row[3] == clean(shown_subject(f))]
        assert len(matches) == 1, f
        row = matches[0]
        assert row[4] == (f["due"] or t["dash"])
        assert row[5] == (str(f["overdue_workdays"]) if f["overdue_workdays"] is not None else t["dash"])
        assert row[6] == clean(message(f, lang))
        assert row[7] == f["file"] + (f":{f['line']}" if f["line"] else "")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("period", list(PERIODS))
def test_markdown_report_shows_the_numbers_of_check(render, checked, period: str, lang: str) -> None:
    t = LABELS[lang]
    expected = Expected(checked(PERIODS[period]))
    text = render(period, lang, "md")

    summary = {row[0]: row[1] for row in md_rows(text, t["sec_headline"])}
    assert summary[t["units_covered"]] == str(len(expected.units))
    assert summary[t["units_reporting"]] == str(len(expected.reporting))
    assert summary[t["units_missing"]] == str(len(expected.missing))
    assert summary[t["compliant_units"]] == str(len(expected.compliant))
    assert summary[t["compliant_share"]] == expected.share
    for status in ("pass", "fail", "pending", "waived"):
        assert summary[t["status"][status]] == str(expected.counts[status])
    assert PERIODS[period] in text.split("\n## ")[0]

    rules = {row[0]: row[1:] for row in md_rows(text, t["sec_rules"])}
    for rule, label in t["rules"].items():
        counts = expected.by_rule.get(rule, Counter())
        assert rules[label] == [str(counts[s]) for s in ("pass", "fail", "pending", "waived")] + [
            str(sum(counts.values()))], rule

    units = {unmd(row[0]): row for row in md_rows(text, t["sec_units"])}
    assert set(units) == expected.reporting
    [names] = [line for line in md_section(text, t["sec_missing"]).split("\n") if sorted(expected.missing)[0] in line]
    assert sorted(names.split(t["list_sep"])) == sorted(expected.missing)
    for heading, column in ((t["sec_units"], 0), (t["sec_heatmap"], 0), (t["sec_multimedia"], 0),
                            (t["sec_failures"], 1)):
        assert {unmd(row[column]) for row in md_rows(text, heading)} <= expected.reporting, heading

    failures = md_rows(text, t["sec_failures"])
    assert len(failures) == len(expected.failures)
    for f in expected.failures:
        matches = [row for row in failures if unmd(row[1]) == f["unit"] and row[2] == t["rules"][f["rule"]]
                   and unmd(row[3]) == clean(shown_subject(f))]
        assert len(matches) == 1, f
        row = matches[0]
        assert row[4] == (f["due"] or t["dash"])
        assert row[5] == (str(f["overdue_workdays"]) if f["overdue_workdays"] is not None else t["dash"])
        assert unmd(row[6]) == clean(message(f, lang))
        assert unmd(row[7]) == f["file"] + (f":{f['line']}" if f["line"] else "")


@pytest.mark.parametrize("period", list(PERIODS))
def test_trend_shows_each_quarter_as_check_judges_it(render, checked, period: str) -> None:
    """Q1 → Q2 → Q3 for 2024Q3: each quarter's counts are check's at that quarter's last day."""
    t = LABELS["zh"]
    end = PERIODS[period]
    quarters = [label for label, last in QUARTER_ENDS.items() if last <= end]
    html_rows = Page(render(period, "zh", "html")).rows("trend")
    md = md_rows(render(period, "zh", "md"), t["sec_trend"])
    assert [row[0] for row in html_rows] == [row[0] for row in md] == quarters
    for label, html_row, md_row in zip(quarters, html_rows, md):
        expected = Expected(checked(QUARTER_ENDS[label]))
        numbers = [QUARTER_ENDS[label]] + [str(expected.counts[s]) for s in ("pass", "fail", "pending", "waived")]
        assert html_row[1:6] == md_row[1:6] == numbers, label
        assert html_row[6] == md_row[6] == expected.share


def test_meeting_windows_as_a_grid(render, checked) -> None:
    """环翠区 is judged per quarter (Q2 has no meeting), 市科学技术局 per half-year."""
    t = LABELS["zh"]
    findings = checked("2024-09-30")["findings"]
    judged = {(f["unit"], f["subject"]): f["status"] for f in findings if f["rule"] == "meeting-frequency"}
    assert judged[("环翠区", "2024Q2")] == "fail"
    grid = {row[0]: row[1:] for row in Page(render("2024Q3", "zh", "html")).rows("meetings")}
    md_grid = {row[0]: row[1:] for row in md_rows(render("2024Q3", "zh", "md"), t["sec_meetings"])}
    for unit, labels in (("环翠区", ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]),
                         ("市科学技术局", ["2024H1", "2024H2"])):
        want = [t["status"][judged.get((unit, label), "future")] for label in labels]
        assert grid[unit] == want
        assert [unmd(cell) for cell in md_grid[unit]] == want


def test_scorecards_show_overdue_days_next_due_and_waivers(render, checked) -> None:
    t = LABELS["zh"]
    page = Page(render("2024Q3", "zh", "html"))
    cards = page.rows("cards")
    text = " ".join(" ".join(row) for row in cards)
    late = [f for f in checked("2024-09-30")["findings"] if f["status"] == "fail" and f["overdue_workdays"]]
    assert late, "the data set has a late feedback and a late answer"
    for f in late:
        assert any(row[1] == clean(shown_subject(f)) and row[3] == str(f["overdue_workdays"]) for row in cards), f
    assert HOSTILE_REASON in text  # the waiver's reason, as text
    pending = sorted((f for f in checked("2024-09-30")["findings"]
                      if f["unit"] == "环翠区" and f["status"] == "pending" and f["due"]),
                     key=lambda f: (f["due"], f["rule"], f["subject"]))[:5]
    card = render("2024Q3", "zh", "md").split("### 环翠区")[1].split("### ")[0]
    next_due = [row for table in md_tables(card) if table["rows"][0][0] == t["col_due"] for row in table["rows"][2:]]
    assert [(row[0], unmd(row[2])) for row in next_due] == [(f["due"], shown_subject(f)) for f in pending]


# --- escaping -----------------------------------------------------------------------------------------------------

def test_hostile_titles_are_text_in_html(render) -> None:
    for lang in ("zh", "en"):
        text = render("2024Q3", lang, "html")
        page = Page(text)
        assert "<script" not in text.lower().replace("&lt;script", "")
        assert SCRIPT_TITLE not in text and "<img" not in text and "onerror=\"document" not in text
        assert "\u202e" not in text and "&lt;U+202E&gt;" in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        subjects = {row[3] for row in page.rows("failures")}
        assert {SCRIPT_TITLE, IMG_TITLE, PIPE_TITLE, NEWLINE_TITLE, clean(RLO_TITLE)} <= subjects
        tags = {tag for tag, _ in page.elements}
        assert not tags & {"script", "img", "iframe", "object", "embed", "link", "b"}
        assert not [(tag, name) for tag, attributes in page.elements for name in attributes
                    if name.startswith("on")]


def test_hostile_titles_are_escaped_in_markdown(render) -> None:
    text = render("2024Q3", "zh", "md")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "\u202e" not in text
    cells = [cell for row in md_rows(text, LABELS["zh"]["sec_failures"]) for cell in row]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cells
    assert "\"&gt;&lt;img src=x onerror=\"document.title='pwned'\"&gt;" in cells
    assert r"a\|b \| c" in cells
    assert "第一行<br>第二行" in cells
    assert "abc&lt;U+202E&gt;def" in cells
    assert r"&lt;b&gt;理由&lt;/b&gt; \| 含竖线" in text
    # the only raw HTML a code host would see is the <br> that stands for a newline
    assert set(re.findall(r"<(/?\w+)", text)) <= {"br"}


def test_markdown_tables_have_the_same_number_of_cells_on_every_row(render) -> None:
    for period in PERIODS:
        for lang in ("zh", "en"):
            tables = md_tables(render(period, lang, "md"))
            assert len(tables) >= 8
            for table in tables:
                widths = {len(row) for row in table["rows"]}
                assert len(widths) == 1, (period, lang, table["heading"], table["lines"])
                assert all(re.fullmatch(r":?-{3,}:?", cell) for cell in table["rows"][1]), table["lines"][1]


def test_html_is_self_contained(render) -> None:
    for period in PERIODS:
        for lang in ("zh", "en"):
            text = render(period, lang, "html")
            page = Page(text)
            assert text.lstrip().startswith("<!DOCTYPE html>")
            assert page.title.strip()
            assert not re.search(r"<script", text, re.I)
            links = re.findall(r"(?:https?:)?//[^\s\"'<>)]+", text)
            assert set(links) <= {"http://www.w3.org/2000/svg"}, links
            assert not re.search(r"@import|url\(|@font-face", text)
            for tag, attributes in page.elements:
                assert tag not in ("script", "link", "img", "iframe", "object", "embed"), tag
                for name, value in attributes.items():
                    assert not name.startswith("on"), (tag, name)
                    if name in ("href", "src", "action"):
                        assert (value or "").startswith("#"), (tag, name, value)
            assert "<svg" in text and "@media print" in text and "size: A4" in text
            assert "Noto Sans CJK SC" in text and "Microsoft YaHei" in text


# --- command behaviour --------------------------------------------------------------------------------------------

def test_default_as_of_is_the_last_day_of_the_period(cli, data: Path) -> None:
    text = ok(run_cli(cli, "report", data, "--period", "2024H1", "--format", "md"))
    assert "2024-06-30" in text.split("\n## ")[0]


def test_templates_folder_overrides_one_template(cli, data: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.md.j2").write_text("自定义 {{ data.units_covered }} {{ t.status.fail }} {{ lang }}\n",
                                       encoding="utf-8")
    covered = len(Expected(check_json(cli, data, "2024-09-30")).units)
    assert ok(run_cli(cli, "report", data, "--period", "2024Q3", "--format", "md", "--templates", mine)) == \
        f"自定义 {covered} 未通过 zh\n"
    shipped = ok(run_cli(cli, "report", data, "--period", "2024Q3", "--templates", mine))
    assert shipped == ok(run_cli(cli, "report", data, "--period", "2024Q3"))  # html still from the shipped templates


def test_a_broken_template_is_an_input_error(cli, data: Path, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("{{ data.no_such_thing }}\n", encoding="utf-8")
    result = run_cli(cli, "report", data, "--period", "2024Q3", "--format", "md", "--templates", tmp_path)
    assert result.returncode == 2
    assert "template" in result.stderr


def test_output_file_is_written_atomically(cli, data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "q3.html"
    target.write_text("old", encoding="utf-8")
    result = run_cli(cli, "report", data, "--period", "2024Q3", "-o", target)
    assert result.returncode == 0, result.stderr  # failures in the data are the report's content, not an error
    assert result.stdout == ""
    assert [path.name for path in out.iterdir()] == ["q3.html"]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    run_cli(cli, "report", data, "--period", "2024Q3", "--format", "md", "-o", out / "q3.md")
    assert sorted(path.name for path in out.iterdir()) == ["q3.html", "q3.md"]


def test_invalid_input_exits_2(cli, data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: 市科技局\nyear: 2024\ntrainings:\n  - title: 培训\n    date: 2024/6/20\n", encoding="utf-8")
    result = run_cli(cli, "report", bad, "--period", "2024Q3", "-o", tmp_path / "never.html")
    assert result.returncode == 2
    assert "bad.yaml:5" in result.stderr
    assert not (tmp_path / "never.html").exists()
    assert run_cli(cli, "report", data, "--period", "2024Q5").returncode == 2
    assert run_cli(cli, "report", data, "--period", "2024Q3", "--format", "pdf").returncode == 2
    assert run_cli(cli, "report", data, "--period", "2024Q3", "--lang", "fr").returncode == 2


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no examples/weihai-2024")
def test_the_weihai_example_reports(cli, tmp_path: Path) -> None:
    expected = Expected(check_json(cli, EXAMPLES, "2024-09-30"))
    out = tmp_path / "q3.html"
    ok(run_cli(cli, "report", EXAMPLES, "--period", "2024Q3", "-o", out))
    page = Page(out.read_text(encoding="utf-8"))
    assert {row[0] for row in page.rows("units")} == expected.reporting
    assert page.kpi("units-covered") == len(expected.units)
    assert page.kpi("fail") == expected.counts["fail"]
    assert len(page.rows("failures")) == len(expected.failures)
    assert "威政办字〔2024〕27号" in out.read_text(encoding="utf-8")
    md = ok(run_cli(cli, "report", EXAMPLES, "--period", "2024Q3", "--format", "md"))
    assert {unmd(row[0]) for row in md_rows(md, LABELS["zh"]["sec_units"])} == expected.reporting
    assert md.startswith("# 2024年第三季度政务公开重点工作落实情况\n")


# --- plan ---------------------------------------------------------------------------------------------------------

def test_plan_of_a_district_lists_its_tasks_and_quarterly_meetings(cli) -> None:
    t = LABELS["zh"]
    text = ok(run_cli(cli, "plan", "--unit", "环翠区"))
    assert text.startswith("# 环翠区2024年政务公开工作配档表\n")
    tasks = md_rows(text, t["plan_sec_tasks"] + t["paren"].format(t["item_count"].format(n=43)))
    assert len(tasks) == 43
    assert [row[0] for row in tasks] == [str(n) for n in range(1, 44)]
    duties = md_rows(text, t["plan_sec_duties"])
    meetings = [(row[2], row[0]) for row in duties if row[1] == t["rules"]["meeting-frequency"]]
    assert meetings == [("2024Q1", "2024-03-31"), ("2024Q2", "2024-06-30"), ("2024Q3", "2024-09-30"),
                        ("2024Q4", "2024-12-31")]
    assert any(row[1] == t["rules"]["feedback-deadline"] and "10个工作日" in row[3] for row in duties)
    assert any(row[1] == t["rules"]["multimedia-share"] and "30%" in row[3] for row in duties)


def test_plan_in_html(cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    ok(run_cli(cli, "plan", "--unit", "环翠区", "--format", "html", "-o", out))
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    assert len(page.rows("tasks")) == 43
    duties = page.rows("duties")
    assert [(row[2], row[0]) for row in duties if row[1] == LABELS["zh"]["rules"]["meeting-frequency"]] == [
        ("2024Q1", "2024-03-31"), ("2024Q2", "2024-06-30"), ("2024Q3", "2024-09-30"), ("2024Q4", "2024-12-31")]
    assert not re.search(r"<script", text, re.I)
    assert [path.name for path in tmp_path.iterdir()] == ["plan.html"]


def test_plan_of_a_department_has_half_years_and_role_tasks(cli) -> None:
    t = LABELS["en"]
    text = ok(run_cli(cli, "plan", "--unit", "市教育局", "--lang", "en"))
    duties = md_rows(text, t["plan_sec_duties"])
    assert [(row[2], row[0]) for row in duties if row[1] == t["rules"]["meeting-frequency"]] == [
        ("2024H1", "2024-06-30"), ("2024H2", "2024-12-31")]
    assert "2024Q1" not in text
    assert re.search(rf"## .*{re.escape(t['plan_sec_roles'])}", text)
    for table in md_tables(text):
        assert len({len(row) for row in table["rows"]}) == 1


def test_plan_csv_starts_with_a_bom(cli) -> None:
    result = cli("plan", "--unit", "环翠区", "--format", "csv")
    assert result.returncode == 0
    raw = result.stdout.encode("utf-8")  # the bytes written (Run decodes them as UTF-8)
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == LABELS["zh"]["plan_csv"]


def test_plan_of_an_unknown_unit_exits_2(cli) -> None:
    assert run_cli(cli, "plan", "--unit", "不存在的单位").returncode == 2


# --- labels -------------------------------------------------------------------------------------------------------

def _shape(value: object) -> object:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return len(value)
    return type(value).__name__


def test_every_label_exists_in_chinese_and_english() -> None:
    assert _shape(LABELS["zh"]) == _shape(LABELS["en"])
    used = set()
    for template in TEMPLATES.glob("*.j2"):
        used |= set(re.findall(r"\bt\.(\w+)", template.read_text(encoding="utf-8")))
        used |= set(re.findall(r"\bt\[\"(\w+)\"\]", template.read_text(encoding="utf-8")))
    assert used, "the templates use labels"
    for lang in ("zh", "en"):
        assert not used - set(LABELS[lang]), (lang, sorted(used - set(LABELS[lang])))
    for key, value in LABELS["zh"].items():
        if isinstance(value, str):  # the same placeholders in both languages, in whatever order
            assert set(re.findall(r"\{(\w*)\}", value)) == set(re.findall(r"\{(\w*)\}", LABELS["en"][key])), key
