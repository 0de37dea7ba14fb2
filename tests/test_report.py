"""``disclose report`` (HTML and Markdown) and ``disclose plan``, through the command line.

The numbers a report shows are checked against ``disclose check --format json`` run at the same as-of date: units
covered, findings by status, fully compliant units, the per-rule counts, the units without a report, every failure
with its subject and message, the meeting windows and the trend over the quarters. The report goes out of the office
as it is: it names no file, no task id and no day but its as-of date. A small data set of two units carries titles
that break naive templates: markup, an ``onerror`` attribute, ``|``, a newline and a right-to-left override.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import Run, run_in_process

from disclose_cli.calendar.periods import period_name_zh
from disclose_cli.documents.render import load_labels
from disclose_cli.loading.context import bundled_path, load_context
from disclose_cli.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"
LABELS = load_labels(None)
HEADINGS = {task.id: task.heading for task in load_context().catalog(2024).tasks}
TASK_IDS = [task["id"]
            for task in yaml.safe_load((ROOT / "data" / "tasks_2024.yaml").read_text(encoding="utf-8"))["tasks"]]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
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


def shown_subject(finding: dict, lang: str = "zh") -> str:
    """The subject as the report shows it: a task by its heading in the catalog (no id), a window or a year in
    words (2024年第二季度, Q2 2024; 2024年)."""
    kind, subject = RULES[finding["rule"]].subject, finding["subject"]
    if kind == "task":
        return HEADINGS[subject]
    if kind == "window":
        return period_name_zh(subject) if lang == "zh" else f"{subject[4:]} {subject[:4]}"
    return period_name_zh(subject) if kind == "year" and lang == "zh" else subject


def long_date(iso: str, lang: str) -> str:
    """2024-09-30 as the report writes it: 2024年9月30日, 30 September 2024."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日" if lang == "zh" else f"{day} {MONTHS[month - 1]} {year}"


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
    as_of = long_date(PERIODS[period], lang)
    assert f"{t['as_of']}{t['colon']}<strong>{as_of}</strong>" in render(period, lang, "html")

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
                   and row[3] == clean(shown_subject(f, lang))]
        assert len(matches) == 1, f
        row = matches[0]
        assert row[4] == (f["due"] or t["dash"])
        assert row[5] == (str(f["overdue_workdays"]) if f["overdue_workdays"] is not None else t["dash"])
        assert row[6] == clean(message(f, lang))
        assert len(row) == 7  # no file and line: disclose check shows those


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
    assert long_date(PERIODS[period], lang) in text.split("\n## ")[0]

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
                   and unmd(row[3]) == clean(shown_subject(f, lang))]
        assert len(matches) == 1, f
        row = matches[0]
        assert row[4] == (f["due"] or t["dash"])
        assert row[5] == (str(f["overdue_workdays"]) if f["overdue_workdays"] is not None else t["dash"])
        assert unmd(row[6]) == clean(message(f, lang))
        assert len(row) == 7


QUARTER_NAMES = {"zh": ["第一季度", "第二季度", "第三季度", "第四季度"], "en": ["Q1", "Q2", "Q3", "Q4"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("period", list(PERIODS))
def test_trend_counts_what_was_due_by_each_quarter_end(render, checked, period: str, lang: str) -> None:
    """Q1 → Q2 → Q3 for 2024Q3, read from check at the period's as-of date: the requirements due by each quarter's
    end (waived ones left out) and how many of them passed, i.e. were met on time."""
    t = LABELS[lang]
    end = PERIODS[period]
    findings = checked(end)["findings"]
    quarters = [last for last in QUARTER_ENDS.values() if last <= end]
    html_rows = Page(render(period, lang, "html")).rows("trend")
    md = [[unmd(cell) for cell in row] for row in md_rows(render(period, lang, "md"), t["sec_trend"])]
    assert [row[0] for row in html_rows] == [row[0] for row in md] == QUARTER_NAMES[lang][:len(quarters)]
    for last, html_row, md_row in zip(quarters, html_rows, md):
        due = [f for f in findings if f["due"] and f["due"] <= last and f["status"] != "waived"]
        on_time = sum(1 for f in due if f["status"] == "pass")
        share = f"{on_time / len(due) * 100:.0f}%" if due else t["dash"]
        assert html_row[1:5] == md_row[1:5] == [long_date(last, lang), str(len(due)), str(on_time), share], last
        assert html_row[5] == md_row[5]
    [header] = [table["rows"][0] for table in Page(render(period, lang, "html")).tables if table["section"] == "trend"]
    assert header == [t["trend_quarter"], t["trend_day"], t["trend_due"], t["trend_on_time"], t["trend_share"],
                      t["trend_overdue"]]  # no share of fully compliant units: failures accumulate, it could only fall


CATCHING_UP = """unit: 环翠区
year: 2024
meetings:
  - {title: 区政府第一次常务会议, date: 2024-02-20, public_attendees: 3, opinions_published: 2024-03-01}
  - {title: 区政府第九次常务会议, date: 2024-08-20, public_attendees: 1, opinions_published: 2024-08-30}
requests:
  - {ref: 环政依申〔2024〕1号, received: 2024-03-01, answered: 2024-07-10}
  - {ref: 环政依申〔2024〕2号, received: 2024-05-06, answered: 2024-05-20}
"""


def test_overdue_items_fall_when_a_unit_catches_up(cli, tmp_path: Path) -> None:
    """A request due in March and answered in July is overdue and open at the end of Q1 and Q2, and no longer at
    the end of Q3; the second quarter's missing meeting stays open. The share counts only what was on time."""
    (tmp_path / "hc.yaml").write_text(CATCHING_UP, encoding="utf-8")
    rows = {}
    for fmt in ("html", "md"):
        text = ok(run_cli(cli, "report", tmp_path, "--period", "2024Q3", "--as-of", "2024-09-30", "--format", fmt,
                          "--lang", "zh"))
        table = Page(text).rows("trend") if fmt == "html" else md_rows(text, LABELS["zh"]["sec_trend"])
        rows[fmt] = [[row[0]] + row[2:] for row in table]
    assert rows["html"] == rows["md"] == [
        ["第一季度", "2", "1", "50%", "1"],  # the first meeting on time; the first request late, not answered yet
        ["第二季度", "4", "2", "50%", "2"],  # + the second request on time; no meeting in Q2
        ["第三季度", "5", "3", "60%", "1"],  # + the third quarter's meeting; the first request answered in July
    ]


def test_the_report_runs_the_engine_once(cli, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The trend is read from the one judgement at the as-of date: a report costs about one check."""
    from disclose_cli.documents import period_report

    calls = []
    real = period_report.check
    monkeypatch.setattr(period_report, "check", lambda *args: calls.append(args) or real(*args))
    ok(run_cli(cli, "report", data, "--period", "2024", "--as-of", "2024-12-31"))
    assert len(calls) == 1


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


# --- a document an office forwards as it is ----------------------------------------------------------------------

def visible_text(page: str) -> str:
    """What a reader of the HTML sees: its text without the style sheet, the tags and their attributes."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", " ", page, flags=re.S)))


def today_written() -> list[str]:
    from disclose_cli.calendar.today import today_in_china

    day = today_in_china()
    return [day.isoformat(), f"{day.year}年{day.month}月{day.day}日", f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{day.year}/{day.month}/{day.day}", day.strftime("%Y/%m/%d"), day.strftime("%Y%m%d")]


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no examples/weihai-2024")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("period", ["2024Q3", "2024"])
def test_no_file_path_no_task_id_and_not_the_day_it_was_made(cli, tmp_path: Path, period: str, lang: str) -> None:
    """Files are found with ``disclose check``; tasks are named by their headings; the one date of the document is
    its as-of date (here in the past), never the day of generation."""
    out = tmp_path / "report.html"
    ok(run_cli(cli, "report", EXAMPLES, "--period", period, "--as-of", PERIODS[period], "--lang", lang, "-o", out))
    page = out.read_text(encoding="utf-8")
    md = ok(run_cli(cli, "report", EXAMPLES, "--period", period, "--as-of", PERIODS[period], "--lang", lang,
                    "--format", "md"))
    # English words may be ids too ("training"): in English only the ids no sentence has
    ids = [task_id for task_id in TASK_IDS if lang == "zh" or "-" in task_id]
    for text in (page, md):
        assert ".yaml" not in text and "examples/" not in text and str(EXAMPLES) not in text
        for written in today_written():
            assert written not in text, written
    for text in (visible_text(page), md):
        assert not [task_id for task_id in ids if re.search(rf"(?<![\w-]){re.escape(task_id)}(?![\w-])", text)]
        if lang == "zh":  # periods in words: 2024年第三季度, never 2024Q3
            assert not re.search(r"\b20\d\dQ[1-4]|\b20\d\dH[12]", text)
    signature = re.search(r'<div class="sign-off"[^>]*>(.*?)</div>', page, re.S).group(1)
    as_of = long_date(PERIODS[period], lang)
    assert visible_text(signature).split() == ["威海市人民政府办公室", *as_of.split()]
    assert md.rstrip().endswith(as_of)


def test_a_period_still_running_is_dated_with_its_as_of_date(cli, data: Path) -> None:
    md = ok(run_cli(cli, "report", data, "--period", "2024Q3", "--as-of", "2024-08-15", "--format", "md",
                    "--lang", "zh"))
    assert "**数据截至**：2024年8月15日（本期尚未结束）" in md.split("\n## ")[0]
    assert [row[:2] for row in md_rows(md, LABELS["zh"]["sec_trend"])] == [
        ["第一季度", "2024年3月31日"], ["第二季度", "2024年6月30日"], ["第三季度（未结束）", "2024年8月15日"]]
    assert md.rstrip().endswith("威海市人民政府办公室\n\n2024年8月15日")


def test_the_issuing_office_comes_from_disclose_yaml(cli, data: Path, tmp_path: Path) -> None:
    (tmp_path / "disclose.yaml").write_text("office: 威海市政务公开办公室\n", encoding="utf-8")
    md = ok(run_cli(cli, "report", data, "--period", "2024Q3", "--format", "md", "--lang", "zh", cwd=tmp_path))
    assert md.rstrip().endswith("威海市政务公开办公室\n\n2024年9月30日")
    assert "威海市人民政府办公室" in md  # the notice's issuer is still named where the notice is


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
    text = ok(run_cli(cli, "report", data, "--period", "2024H1", "--format", "md", "--lang", "zh"))
    assert "**数据截至**：2024年6月30日" in text.split("\n## ")[0]
    assert text.rstrip().endswith("威海市人民政府办公室\n\n2024年6月30日")  # the 落款: issuing office, as-of date


def test_templates_folder_overrides_one_template(cli, data: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.md.j2").write_text("自定义 {{ data.units_covered }} {{ t.status.fail }} {{ lang }}\n",
                                       encoding="utf-8")
    covered = len(Expected(check_json(cli, data, "2024-09-30")).units)
    assert ok(run_cli(cli, "report", data, "--period", "2024Q3", "--format", "md", "--templates", mine,
                      "--lang", "zh")) == f"自定义 {covered} 未通过 zh\n"
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
    ok(run_cli(cli, "report", EXAMPLES, "--period", "2024Q3", "--lang", "zh", "-o", out))
    page = Page(out.read_text(encoding="utf-8"))
    assert {row[0] for row in page.rows("units")} == expected.reporting
    assert page.kpi("units-covered") == len(expected.units)
    assert page.kpi("fail") == expected.counts["fail"]
    assert len(page.rows("failures")) == len(expected.failures)
    assert "威政办字〔2024〕27号" in out.read_text(encoding="utf-8")
    md = ok(run_cli(cli, "report", EXAMPLES, "--period", "2024Q3", "--format", "md", "--lang", "zh"))
    assert {unmd(row[0]) for row in md_rows(md, LABELS["zh"]["sec_units"])} == expected.reporting
    assert md.startswith("# 2024年第三季度政务公开重点工作落实情况\n")


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
