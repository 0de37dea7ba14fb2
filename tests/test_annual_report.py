"""``disclose annual-report`` (HTML, Markdown, Word) and the rule annual-report-arithmetic, through the CLI.

A department (市教育局, titled and signed 威海市教育局) keeps its request log: every request carries an applicant and
an outcome, some as codes and some as the national format's exact Chinese labels; one request is still open at the
year's end and one was answered only in January (both carried out to next year), one was carried in from last
year. It has proactive figures, appeals of every kind, the text of its report (with hostile characters), a
published date, key tasks done, late and waived. A district (环翠区) types its figures by hand in
``annual_report_figures:``. The expected numbers are counted here, independently of the tool, from the same Python
data the YAML is written from.

Every command runs in this process through the ``cli`` fixture (conftest.py). The Word tests open the .docx with
python-docx (tables, merged cells, labels, numbers) and convert it to PDF with LibreOffice (one process for all
the documents, shared by the tests that read the pages): CI installs LibreOffice, so those tests skip only where
neither ``libreoffice`` nor ``soffice`` exists (or poppler's ``pdftotext``).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import Run, run_in_process

from disclose_cli.model.annual_format import (
    APPEAL_COLUMNS,
    APPEAL_KINDS,
    APPEAL_RESULTS,
    APPLICANTS,
    COLUMNS,
    HEADINGS,
    OUTCOMES,
    OVERVIEW,
    TABLE2_CAPTIONS,
    TABLE3_RESULTS_LABEL,
    TABLE3_ROWS,
    TABLE3_RULE_TEXT,
)

Cli = Callable[..., Run]  # the ``cli`` fixture of conftest.py: one disclose command in this process

YEAR = 2024
AS_OF = "2025-01-31"
DEPARTMENT = "市教育局"
DEPARTMENT_NAME = "威海市教育局"  # its full name: the title and the 落款
DISTRICT = "环翠区"
DISTRICT_NAME = "威海市环翠区人民政府"
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "weihai-2024"

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_BELL = "\x07"  # validate refuses bidi controls (U+202E) in a report file; a bell gets through

APPLICANT_CODES = [code for code, _ in APPLICANTS]
APPLICANT_LABELS = dict(APPLICANTS)
OUTCOME_LABELS = {code: label for code, label, _ in OUTCOMES}
ROW_LABELS = dict(TABLE3_ROWS)

# (ref, received, answered, applicant as written, outcome as written, carried over from last year)
REQUESTS = [
    ("威教依申〔2024〕1号", "2024-02-01", "2024-02-20", "natural_person", "disclosed", False),
    ("威教依申〔2024〕2号", "2024-03-04", "2024-03-15", "自然人", "（一）予以公开", False),
    ("威教依申〔2024〕3号", "2024-03-11", "2024-03-28", "business", "partly_disclosed", False),
    ("威教依申〔2024〕4号", "2024-04-08", "2024-04-25", "科研机构", "1.本机关不掌握相关政府信息", False),
    ("威教依申〔2024〕5号", "2024-05-06", "2024-05-20", "public_interest", "withheld.third_party", False),
    ("威教依申〔2024〕6号", "2024-06-03", "2024-06-14", "法律服务机构", "（三）不予公开1.属于国家秘密", False),
    ("威教依申〔2024〕7号", "2024-06-17", "2024-07-05", "other", "other.no_correction", False),
    ("威教依申〔2024〕8号", "2024-07-01", "2024-07-10", "natural_person", "（五）不予处理 2.重复申请", False),
    ("威教依申〔2024〕9号", "2024-09-02", "2024-09-20", "商业企业", "3.危及“三安全一稳定”", False),
    ("威教依申〔2024〕10号", "2024-10-08", "2024-10-18", "natural_person",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", False),
    ("威教依申〔2024〕11号", "2024-12-20", None, "natural_person", None, False),  # open at the year's end
    ("威教依申〔2024〕12号", "2024-12-23", "2025-01-06", "business", "disclosed", False),  # answered in January
    ("威教依申〔2023〕15号", "2023-12-26", "2024-01-10", "natural_person", "disclosed", True),  # carried in
]

# (kind, result): 行政复议, 未经复议直接起诉, 复议后起诉
APPEALS = [
    ("review", "upheld"), ("review", "upheld"), ("review", "corrected"), ("review", "pending"),
    ("lawsuit_direct", "upheld"), ("lawsuit_direct", "other"),
    ("lawsuit_after_review", "corrected"), ("lawsuit_after_review", "pending"),
]

PROACTIVE = {
    "regulations": {"issued": 1, "repealed": 0, "in_force": 5},
    "normative_documents": {"issued": 7, "repealed": 2, "in_force": 31},
    "licensing_decisions": 126,
    "penalty_decisions": 3,
    "enforcement_decisions": 0,
    "fees_wan_yuan": 12.35,
}

OVERVIEW_TEXT = {
    "proactive": "全年主动公开政府信息312条，其中政策文件9件。\n围绕招生入学、校外培训等重点领域加大公开力度。",
    "requests": "全年新收政府信息公开申请12件，上年结转1件。",
    # management: hostile text; platforms: absent (无。); oversight: present
    "management": f"管理{HOSTILE_SCRIPT}规范{HOSTILE_BELL}清理反向",
    "oversight": "将政务公开纳入年度绩效考核。",
}
PROBLEMS = "一是政策解读形式较为单一。\n二是基层公开专区建设进度偏慢。下一步将加快推进。"
OTHER = "本年度未收取信息处理费。"
CONTACT = {"address": "威海市统一路333号", "phone": "0631-5233333", "website": "http://edu.weihai.gov.cn",
           "email": "jyj@wh.shandong.cn"}
PUBLISHED = "2025-01-20"

DEPARTMENT_TASKS = """\
tasks:
  - task: interpretation-scope
    status: done
    done_on: 2024-11-22
  - task: livelihood-education
    status: done
    done_on: 2025-01-10
  - task: grassroots-disclosure-zones
    status: in_progress
    note: 专区改造施工中
trainings: []
waivers:
  - rule: training-frequency
    reason: 集中培训并入全市统一培训，由市政务公开办组织
    approved_by: 市政府办公室（市政务公开办）
"""


def yaml_scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def department_yaml() -> str:
    lines = [f"unit: {DEPARTMENT}", f"year: {YEAR}", DEPARTMENT_TASKS.rstrip("\n"), "requests:"]
    for ref, received, answered, applicant, outcome, carried in REQUESTS:
        lines.append(f"  - ref: {yaml_scalar(ref)}")
        lines.append(f"    received: {received}")
        if answered:
            lines.append(f"    answered: {answered}")
        lines.append(f"    applicant: {yaml_scalar(applicant)}")
        if outcome:
            lines.append(f"    outcome: {yaml_scalar(outcome)}")
        if carried:
            lines.append("    carried_over: true")
    lines.append("appeals:")
    for index, (kind, result) in enumerate(APPEALS, 1):
        lines.append(f"  - {{ref: 复议诉讼{index}, kind: {kind}, result: {result}}}")
    lines.append("proactive: " + json.dumps(PROACTIVE, ensure_ascii=False))
    report = {"overview": OVERVIEW_TEXT, "problems": PROBLEMS, "other": OTHER, "contact": CONTACT,
              "published": PUBLISHED}
    lines.append("annual_report: " + json.dumps(report, ensure_ascii=False))  # JSON escapes the control character
    return "\n".join(lines) + "\n"


# The Chinese labels the data uses for outcomes and applicants, with their codes (written out here by hand).
WRITTEN_AS = {
    "（一）予以公开": "disclosed",
    "1.本机关不掌握相关政府信息": "unavailable.not_held",
    "（三）不予公开1.属于国家秘密": "withheld.state_secret",
    "（五）不予处理 2.重复申请": "not_processed.repeated",
    "3.危及“三安全一稳定”": "withheld.security_stability",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "other.unpaid_fee",
    "自然人": "natural_person", "科研机构": "research", "法律服务机构": "legal_services", "商业企业": "business",
}


def expected_table3() -> dict[str, list[int]]:
    """Table 三 counted here: one column per applicant, one row per outcome; open at 12-31 → 四、结转."""
    table = {key: [0] * 7 for key, _ in TABLE3_ROWS}
    for _, _, answered, applicant, outcome, carried in REQUESTS:
        column = APPLICANT_CODES.index(WRITTEN_AS.get(applicant, applicant))
        table["carried_in" if carried else "new"][column] += 1
        if answered is None or answered > f"{YEAR}-12-31":
            table["carried_out"][column] += 1
        else:
            code = WRITTEN_AS.get(outcome, outcome)
            table[code][column] += 1
            table["total"][column] += 1
    for row in table.values():
        row[6] = sum(row[:6])
    return table


def expected_table4() -> list[int]:
    counts = Counter(APPEALS)
    cells = []
    for kind, _ in APPEAL_KINDS:
        row = [counts[(kind, result)] for result, _ in APPEAL_RESULTS]
        cells += row + [sum(row)]
    return cells


# The district's typed figures: a Table 三 that holds, every row given (zero rows too).
DISTRICT_TABLE3 = {
    "new": [20, 5, 1, 0, 1, 2, 29],
    "carried_in": [2, 0, 0, 0, 0, 0, 2],
    "disclosed": [9, 3, 1, 0, 0, 1, 14],
    "partly_disclosed": [2, 0, 0, 0, 0, 0, 2],
    "withheld.third_party": [1, 1, 0, 0, 0, 0, 2],
    "unavailable.not_held": [4, 0, 0, 0, 1, 0, 5],
    "not_processed.petition": [2, 0, 0, 0, 0, 0, 2],
    "other.other": [1, 0, 0, 0, 0, 0, 1],
    "total": [19, 4, 1, 0, 1, 1, 26],
    "carried_out": [3, 1, 0, 0, 0, 1, 5],
}
DISTRICT_TABLE4 = {"review": [2, 1, 0, 1, 4], "lawsuit_direct": [1, 0, 0, 0, 1], "lawsuit_after_review": [0, 0, 0, 0, 0]}


def district_table3_full(table: dict[str, list[int]] = DISTRICT_TABLE3) -> dict[str, list[int]]:
    return {key: list(table.get(key, [0] * 7)) for key, _ in TABLE3_ROWS}


def district_yaml(table3: dict[str, list[int]] = DISTRICT_TABLE3, unit: str = DISTRICT, extra: str = "") -> str:
    lines = [f"unit: {unit}", f"year: {YEAR}", "annual_report_figures:", "  table3:"]
    for key, _ in TABLE3_ROWS:
        lines.append(f"    {key}: {list(table3.get(key, [0] * 7))}")
    lines.append("  table4:")
    for kind, row in DISTRICT_TABLE4.items():
        lines.append(f"    {kind}: {row}")
    lines.append("annual_report:")
    lines.append("  overview: {proactive: 全区主动公开政府信息5000余条。}")
    lines.append(f"  published: {YEAR + 1}-03-20")
    return "\n".join(lines) + "\n" + extra


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("annual")
    (folder / "reports").mkdir()
    (folder / "reports" / "jiaoyuju.yaml").write_text(department_yaml(), encoding="utf-8")
    (folder / "reports" / "huancui.yaml").write_text(district_yaml(), encoding="utf-8")
    return folder


def disclose(cli: Cli, folder: Path, *args: str) -> Run:
    """``disclose ARGS`` in ``folder``, in this process through the ``cli`` fixture."""
    return cli(*args, cwd=folder)


def annual_report(cli: Cli, folder: Path, unit: str, fmt: str, *extra: str, paths: str = "reports",
                  as_of: str | None = AS_OF, year: int = YEAR) -> str:
    """The report in Chinese as text (html, md), or the path of the .docx written."""
    args = [paths, "--unit", unit, "--year", str(year), "--format", fmt, *extra]
    if "--lang" not in extra:
        args += ["--lang", "zh"]
    if as_of is not None:
        args += ["--as-of", as_of]
    if fmt == "docx":
        out = folder / f"{unit}-{len(list(folder.glob('*.docx')))}.docx"
        args += ["-o", str(out)]
    result = disclose(cli, folder, "annual-report", *args)
    assert result.returncode == 0, result.stderr
    return str(out) if fmt == "docx" else result.stdout


def flat(value: str) -> str:
    return re.sub(r"\s+", "", value)


def catalog_ids() -> set[str]:
    from disclose_cli.loading.context import load_context

    return {task.id for catalog in load_context().catalogs.values() for task in catalog.tasks}


def generation_dates() -> list[str]:
    """Today (the day of generation) as a report could spell it."""
    from disclose_cli.calendar.today import today_in_china

    today = today_in_china()
    return [today.isoformat(), f"{today.year}年{today.month}月{today.day}日", f"{today:%Y%m%d}",
            f"{today.year}/{today.month}/{today.day}"]


def assert_publishable(text: str, where: str) -> None:
    """What a unit publishes names no task id, no file and not the day it was generated."""
    found_ids = sorted(task for task in catalog_ids() if re.search(rf"(?<![\w-]){re.escape(task)}(?![\w-])", text))
    assert not found_ids, f"{where}: task ids {found_ids}"
    for path_like in (".yaml", "reports/", "jiaoyuju", "huancui", "examples/"):
        assert path_like not in text, f"{where}: {path_like}"
    for day in generation_dates():
        assert day not in text, f"{where}: the day of generation {day}"
    assert "逾期（工作日）" not in text and "个工作日" not in text.split(HEADINGS[5])[-1], where


# --- HTML -------------------------------------------------------------------------------------------------------
class Tables(HTMLParser):
    """Every table of a page: rows of (tag, attributes, text) cells; and the text of h1–h4 elements in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.headings: list[tuple[str, str]] = []
        self._cell: list | None = None
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "attrs": attrs, "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = [tag, attrs, ""]
            self.tables[-1]["rows"][-1].append(self._cell)
        elif tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        elif tag in ("h1", "h2", "h3", "h4") and self._heading:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data
        if self._heading is not None:
            self._heading[1] += data


def parse_html(page: str) -> Tables:
    parser = Tables()
    parser.feed(page)
    return parser


def form_table(parsed: Tables, name: str) -> list[list]:
    return next(table["rows"] for table in parsed.tables if name in table["class"].split())


def visible(page: str) -> str:
    """An HTML page's text as a reader sees it (no markup, no style sheet)."""
    body = re.sub(r"<style>.*?</style>|<head>.*?</head>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_html_has_the_six_headings_and_the_three_tables(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html")
    parsed = parse_html(page)
    assert [text for tag, text in parsed.headings if tag == "h2"] == list(HEADINGS)
    assert parsed.headings[0] == ("h1", f"{DEPARTMENT_NAME}{YEAR}年政府信息公开工作年度报告")
    assert f"<title>{DEPARTMENT_NAME}{YEAR}年政府信息公开工作年度报告</title>" in page
    sub_heads = [text for tag, text in parsed.headings if tag == "h3"]
    assert sub_heads == [label for _, label in OVERVIEW]  # 六 has no sub-head of its own

    # Table 二: four caption rows across the four columns, the figures in their cells.
    t2 = form_table(parsed, "t2")
    captions = [row[0] for row in t2 if len(row) == 1]
    assert [cell[2] for cell in captions] == list(TABLE2_CAPTIONS.values())
    assert all(cell[1].get("colspan") == "4" for cell in captions)
    cells = {row[0][2]: [cell[2] for cell in row[1:]] for row in t2 if len(row) > 1}
    assert cells["规章"] == ["1", "0", "5"]
    assert cells["行政规范性文件"] == ["7", "2", "31"]
    assert cells["行政许可"] == ["126"] and cells["行政处罚"] == ["3"] and cells["行政强制"] == ["0"]
    assert cells["行政事业性收费"] == ["12.35"]

    # Table 三: the header block as the format draws it, then 25 rows of a label and seven figures.
    t3 = form_table(parsed, "t3")
    header, body = t3[:3], t3[3:]
    assert header[0][0][2] == TABLE3_RULE_TEXT and header[0][0][1] == {"colspan": "3", "rowspan": "3",
                                                                        "class": "rule"}
    assert (header[0][1][2], header[0][1][1]["colspan"]) == ("申请人情况", "7")
    assert [(cell[2], cell[1]) for cell in header[1]] == [
        ("自然人", {"rowspan": "2"}), ("法人或其他组织", {"colspan": "5"}), ("总计", {"rowspan": "2"})]
    assert [cell[2] for cell in header[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert len(body) == 25
    expected = expected_table3()
    groups = {}
    for (key, label), row in zip(TABLE3_ROWS, body):
        labels = [cell for cell in row if cell[0] == "th"]
        figures = [cell[2] for cell in row if cell[0] == "td"]
        assert labels[-1][2] == label
        assert len(figures) == 7, label
        assert figures == [str(value) for value in expected[key]], label
        for cell in labels[:-1]:
            groups[cell[2]] = int(cell[1].get("rowspan", 1))
    assert groups == {TABLE3_RESULTS_LABEL: 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5,
                      "（六）其他处理": 3}
    assert "小计" not in page and "法人或其他组织合计" not in page

    # Table 四: 行政复议 (5) | 行政诉讼 (10) → 未经复议直接起诉 (5) | 复议后起诉 (5); one row of fifteen figures.
    t4 = form_table(parsed, "t4")
    assert [(cell[2], cell[1].get("colspan")) for cell in t4[0]] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert [cell[2] for cell in t4[1]] == list(APPEAL_COLUMNS) + ["未经复议直接起诉", "复议后起诉"]
    assert all(cell[1].get("rowspan") == "2" for cell in t4[1][:5])
    assert [cell[2] for cell in t4[2]] == list(APPEAL_COLUMNS) * 2
    assert [int(cell[2]) for cell in t4[3]] == expected_table4()


def section_six(text: str) -> str:
    return text.split(HEADINGS[5], 1)[1]


def test_html_section_six_is_what_a_unit_publishes(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html")
    text = visible(page)
    assert "报告电子版可从 http://edu.weihai.gov.cn 查阅或下载" in text
    assert f"请与{DEPARTMENT_NAME}联系" in text  # the full name in the preamble too
    assert "地址：威海市统一路333号" in text and "电话：0631-5233333" in text
    assert "全年主动公开政府信息312条" in text and "围绕招生入学" in text
    assert "二是基层公开专区建设进度偏慢" in text and "本年度未收取信息处理费" in text
    overview = page.split("（四）政府信息公开平台建设")[1].split("</h3>", 1)[1].split("<h3>")[0]
    assert "无。" in overview

    six = section_six(text)
    # One paragraph: the counts as at --as-of, the notice the tasks come from; no "done" table, no ids.
    assert "对照《关于印发2024年威海市政务公开重点工作及责任分工的通知》（威政办字〔2024〕27号），截至2025年1月31日" in six
    assert re.search(r"本机关承担的重点工作任务共\d+项，其中已按期完成1项，未按期完成\d+项", six)
    assert "见下表" in six
    # The one table: what was not done on time, by heading; the reason where the unit gave one.
    [late] = [table for table in parse_html(page).tables if "late" in table["class"].split()]
    header, *rows = late["rows"]
    assert [cell[2] for cell in header] == ["序号", "类别", "事项", "完成期限", "完成情况及原因"]
    by_item = {row[2][2]: [cell[2] for cell in row] for row in rows}
    assert by_item["重点领域公开 · 民生保障信息 · 教育"][3:] == ["2024年12月31日", "2025年1月10日完成"]
    assert by_item["政务公开标准化建设 · 基层政务公开专区建设"][4] == "未完成（推进中）；专区改造施工中"
    # the request still open on --as-of: late, with its due date, and no count of working days
    assert by_item["威教依申〔2024〕11号"][1:] == ["依申请公开答复时限", "威教依申〔2024〕11号", "2025年1月20日", "未完成"]
    assert [row[0][2] for row in rows] == [str(number) for number in range(1, len(rows) + 1)]
    assert "重点工作任务" == by_item["决策公开 · 政策评价"][1]
    assert "interpretation-scope" not in page and "已完成（" not in six  # done items are counted, not listed
    # What was waived, and why, after the table.
    assert "经批准豁免的1项事项：业务培训（集中培训并入全市统一培训，由市政务公开办组织，经市政府办公室（市政务公开办）批准）。" in six
    assert six.index("见下表") < six.index("完成情况及原因") < six.index("经批准豁免的1项事项")
    # The 落款: full name and the published date; the footer says where each table comes from.
    assert re.search(rf"{DEPARTMENT_NAME}\s+2025年1月20日", six)
    assert "表三按政府信息公开申请记录统计；表四按行政复议、行政诉讼记录统计。" in six
    assert "数据核验提示" not in text
    assert_publishable(text, "html")
    assert_publishable(page, "html source")  # attributes too


# --- Markdown ---------------------------------------------------------------------------------------------------
def md_rows(page: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")]
            for line in page.splitlines() if line.startswith("| ")]


def test_markdown_has_the_six_headings_and_the_three_tables(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "md")
    assert page.startswith(f"# {DEPARTMENT_NAME}{YEAR}年政府信息公开工作年度报告\n")
    assert [line[3:] for line in page.splitlines() if line.startswith("## ")] == list(HEADINGS)
    assert [line[4:] for line in page.splitlines() if line.startswith("### ")] == [l for _, l in OVERVIEW]
    assert "Markdown 表格不能合并单元格" in page  # says how the merged cells are shown
    rows = md_rows(page)
    by_label = {row[1]: row for row in rows if len(row) == 9}
    expected = expected_table3()
    assert [row[1] for row in rows if len(row) == 9][1:] == [label for _, label in TABLE3_ROWS]
    for key, label in TABLE3_ROWS:
        row = by_label[label]
        assert row[2:] == [str(value) for value in expected[key]], label
    assert by_label["1.属于国家秘密"][0] == f"{TABLE3_RESULTS_LABEL} · （三）不予公开"
    assert by_label["3.其他"][0] == f"{TABLE3_RESULTS_LABEL} · （六）其他处理"
    assert by_label["（七）总计"][0] == TABLE3_RESULTS_LABEL and by_label["四、结转下年度继续办理"][0] == ""
    section4 = page.split(f"## {HEADINGS[3]}")[1].split(f"## {HEADINGS[4]}")[0]
    t4 = md_rows(section4)[1:]
    assert [row[0] for row in t4] == ["行政复议", "行政诉讼 · 未经复议直接起诉", "行政诉讼 · 复议后起诉"]
    assert [int(cell) for row in t4 for cell in row[1:]] == expected_table4()
    table2 = {row[0]: row[1:] for row in rows if row[0] in ("规章", "行政规范性文件", "行政许可", "行政事业性收费")}
    assert table2 == {"规章": ["1", "0", "5"], "行政规范性文件": ["7", "2", "31"], "行政许可": ["126"],
                      "行政事业性收费": ["12.35"]}


def test_markdown_section_six_follows_the_same_rules(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "md")
    six = section_six(page)
    late = [row for row in md_rows(six) if len(row) == 5]
    assert late[0] == ["序号", "类别", "事项", "完成期限", "完成情况及原因"]
    assert ["22", "依申请公开答复时限", "威教依申〔2024〕11号", "2025年1月20日", "未完成"] in late
    assert "截至2025年1月31日" in six and "经批准豁免的1项事项：业务培训（" in six
    assert f"{DEPARTMENT_NAME}\\\n2025年1月20日" in six
    assert_publishable(page, "md")


def test_english_labels_keep_the_national_format(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html", "--lang", "en")
    parsed = parse_html(page)
    assert [text for tag, text in parsed.headings if tag == "h2"] == list(HEADINGS)
    assert 'lang="en"' in page and "Government Information Disclosure Annual Report 2024" in page
    assert [row[-8][2] for row in form_table(parsed, "t3")[3:]] == [label for _, label in TABLE3_ROWS]
    text = visible(page)
    assert "as of 31/1/2025: the unit had 22 key tasks: 1 done on time" in text
    assert "approved by 市政府办公室（市政务公开办）" in text


# --- the document's own date -------------------------------------------------------------------------------------
UNDATED = f"unit: 市司法局\nyear: {YEAR}\nannual_report:\n  other: 本年度未收取信息处理费。\n"


@pytest.fixture(scope="module")
def undated_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("undated")
    (folder / "reports").mkdir()
    (folder / "reports" / "sifaju.yaml").write_text(UNDATED, encoding="utf-8")
    return folder


def utc(moment: dt.datetime) -> dt.datetime:
    """A core property's time in UTC: python-docx 1.1 (the declared floor) reads it without a zone, later ones in
    UTC; the file holds the same W3CDTF text either way."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def test_by_default_the_report_is_judged_at_the_year_end_and_the_date_is_left_blank(cli: Cli,
                                                                                      undated_dir: Path) -> None:
    for fmt in ("html", "md"):
        page = annual_report(cli, undated_dir, "市司法局", fmt, as_of=None)
        six = section_six(visible(page) if fmt == "html" else page)
        assert "截至2024年12月31日" in six, fmt
        assert "威海市司法局" in six and "　　　　年　　月　　日" in six, fmt
        assert_publishable(page, fmt)
    document = docx_document(annual_report(cli, undated_dir, "市司法局", "docx", as_of=None))
    texts = [paragraph.text for paragraph in document.paragraphs if paragraph.text]
    assert texts[-2:] == ["威海市司法局", "　　　　年　　月　　日"]
    properties = document.core_properties
    assert utc(properties.created) == utc(properties.modified) == dt.datetime(YEAR, 12, 31, tzinfo=dt.timezone.utc)


def test_as_of_dates_the_results_and_the_unsigned_report(cli: Cli, undated_dir: Path) -> None:
    page = annual_report(cli, undated_dir, "市司法局", "md", as_of="2025-02-10")
    six = section_six(page)
    assert "截至2025年2月10日" in six and "威海市司法局\\\n2025年2月10日" in six
    result = disclose(cli, undated_dir, "annual-report", "--help")
    assert "31 December of --year" in re.sub(r"\s+", " ", result.stdout)


def test_the_same_data_gives_the_same_docx_bytes(cli: Cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Path(annual_report(cli, data_dir, DEPARTMENT, "docx")).read_bytes()
    # A day later by the clock (far past a zip timestamp's two-second resolution), without waiting for it.
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400)
    second = Path(annual_report(cli, data_dir, DEPARTMENT, "docx")).read_bytes()
    monkeypatch.undo()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {entry.date_time for entry in package.infolist()} == {(2025, 1, 20, 0, 0, 0)}  # the 落款's date
        core = package.read("docProps/core.xml").decode("utf-8")
    for day in generation_dates():
        assert day not in core
    properties = docx_document(io.BytesIO(first)).core_properties
    assert (properties.author, properties.last_modified_by) == (DEPARTMENT_NAME, DEPARTMENT_NAME)
    assert utc(properties.created) == utc(properties.modified) == dt.datetime(2025, 1, 20, tzinfo=dt.timezone.utc)
    assert properties.title == f"{DEPARTMENT_NAME}{YEAR}年政府信息公开工作年度报告"


def test_writing_the_docx_takes_each_tables_cells_once(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx's Table.cell() rebuilds the cell grid on every call: the writer must not use it in its loops
    (it made writing take seconds)."""
    import docx.table

    from disclose_cli import api

    data = api.load([data_dir / "reports"])
    calls = Counter()
    cell = docx.table.Table.cell

    def counted(self, row, column):
        calls["cell"] += 1
        return cell(self, row, column)

    monkeypatch.setattr(docx.table.Table, "cell", counted)
    api.annual_report(data, DEPARTMENT, YEAR, format="docx")  # once, to import and load what it needs
    started = time.perf_counter()
    package = api.annual_report(data, DEPARTMENT, YEAR, format="docx", as_of=dt.date(2025, 1, 31))
    elapsed = time.perf_counter() - started
    assert calls["cell"] == 0
    assert package[:2] == b"PK" and elapsed < 2.5, elapsed  # about 0.5 s; generous for a loaded CI machine


# --- Word -------------------------------------------------------------------------------------------------------
def docx_document(path):
    import docx

    return docx.Document(path)


def docx_tables(path: str):
    document = docx_document(path)
    tables = {}
    for table in document.tables:
        first = table.rows[0].cells[0].text
        if first == TABLE3_RULE_TEXT:
            tables["t3"] = table
        elif first == TABLE2_CAPTIONS["documents"]:
            tables["t2"] = table
        elif first == "行政复议":
            tables["t4"] = table
        elif first == "序号":
            tables["late"] = table
    return document, tables


def docx_text(document) -> str:
    """Every paragraph and table cell of a document, in order."""
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [tc.xpath("string(.)") for row in table.rows for tc in row._tr.tc_lst]
    return "\n".join(parts)


def spans(row) -> list[tuple[str, int, str | None]]:
    """(text, gridSpan, vMerge) of the cells of a row, as written in the XML."""
    return [(tc.xpath("string(.)"), tc.grid_span, tc.vMerge) for tc in row._tr.tc_lst]


@pytest.fixture(scope="module")
def department_docx(data_dir: Path) -> str:
    """The department's .docx, written once for the tests that open it."""
    return annual_report(run_in_process, data_dir, DEPARTMENT, "docx")


def test_docx_has_real_tables_with_merged_cells(department_docx: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document, tables = docx_tables(department_docx)
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == f"{DEPARTMENT_NAME}\n{YEAR}年政府信息公开工作年度报告"  # the name on a line of its own
    headings = [text for text in texts if text in HEADINGS]
    assert headings == list(HEADINGS)
    overview = texts[texts.index(HEADINGS[0]) + 1:texts.index(HEADINGS[1])]
    assert [text for text in overview if text in dict(OVERVIEW).values()] == [label for _, label in OVERVIEW]
    assert overview[overview.index("（四）政府信息公开平台建设") + 1] == "无。"
    assert any("报告电子版可从 http://edu.weihai.gov.cn 查阅或下载" in text for text in texts)
    # every run says which East-Asian face to use
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if run.text]
    assert runs and all(run._r.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)
    # headings and sub-heads keep with the paragraph after them
    assert all(paragraph.paragraph_format.keep_with_next for paragraph in document.paragraphs
               if paragraph.text in HEADINGS or paragraph.text in dict(OVERVIEW).values())

    # Table 二: caption rows merged across the four columns
    t2 = tables["t2"]
    captions = [spans(row)[0] for row in t2.rows if len(row._tr.tc_lst) == 1]
    assert captions == [(caption, 4, None) for caption in TABLE2_CAPTIONS.values()]
    assert [cell.text for cell in t2.rows[3].cells[:4]] == ["行政规范性文件", "7", "2", "31"]
    fee_row = spans(t2.rows[-1])
    assert fee_row == [("行政事业性收费", 1, None), ("12.35", 3, None)]

    # Table 三: the header block and the vertically merged group labels
    t3 = tables["t3"]
    assert len(t3.columns) == 10 and len(t3.rows) == 28
    assert spans(t3.rows[0]) == [(TABLE3_RULE_TEXT, 3, "restart"), ("申请人情况", 7, None)]
    assert spans(t3.rows[1]) == [("", 3, "continue"), ("自然人", 1, "restart"), ("法人或其他组织", 5, None),
                                 ("总计", 1, "restart")]
    assert spans(t3.rows[2]) == [("", 3, "continue"), ("", 1, "continue"), ("商业企业", 1, None),
                                 ("科研机构", 1, None), ("社会公益组织", 1, None), ("法律服务机构", 1, None),
                                 ("其他", 1, None), ("", 1, "continue")]
    expected = expected_table3()
    by_column: dict[int, list[tuple[str, str | None]]] = {0: [], 1: []}  # the label cells of the first two columns
    for (key, label), row in zip(TABLE3_ROWS, t3.rows[3:]):
        cells = spans(row)
        label_cells, figures = cells[:-7], cells[-7:]
        assert label_cells[-1][0] == label
        assert sum(span for _, span, _ in label_cells) == 3
        assert [int(text) for text, _, _ in figures] == expected[key], label
        assert all(span == 1 and merge is None for _, span, merge in figures)
        column = 0
        for text, span, merge in label_cells[:-1]:
            by_column[column].append((text, merge))
            column += span
    # 三、本年度办理结果 down the first column beside its 22 rows
    assert by_column[0] == [(TABLE3_RESULTS_LABEL, "restart")] + [("", "continue")] * 21
    runs = []
    for text, merge in by_column[1]:
        if merge == "restart":
            runs.append([text, 1])
        else:
            assert (text, merge) == ("", "continue")
            runs[-1][1] += 1
    assert runs == [["（三）不予公开", 8], ["（四）无法提供", 3], ["（五）不予处理", 5], ["（六）其他处理", 3]]
    # its three header rows repeat on every page it runs onto
    assert [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
            for row in t3.rows[:4]] == [True, True, True, False]

    # Table 四: the two-level header and the fifteen figures
    t4 = tables["t4"]
    assert spans(t4.rows[0]) == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert spans(t4.rows[1]) == [(label, 1, "restart") for label in APPEAL_COLUMNS] + [
        ("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)]
    assert spans(t4.rows[2]) == [("", 1, "continue")] * 5 + [(label, 1, None) for label in APPEAL_COLUMNS] * 2
    assert [int(text) for text, _, _ in spans(t4.rows[3])] == expected_table4()

    # 六: a paragraph, one table of what was not done on time, what was waived; the 落款
    six = texts[texts.index(HEADINGS[5]) + 1:]
    assert six[0] == "本年度未收取信息处理费。" and six[1].startswith("对照《关于印发2024年威海市政务公开")
    late = tables["late"]
    assert [cell.text for cell in late.rows[0].cells] == ["序号", "类别", "事项", "完成期限", "完成情况及原因"]
    row = next(row for row in late.rows if row.cells[2].text == "威教依申〔2024〕11号")
    assert [cell.text for cell in row.cells[1:]] == ["依申请公开答复时限", "威教依申〔2024〕11号", "2025年1月20日", "未完成"]
    assert len(document.tables) == 4  # 二, 三, 四 and the one table of 六: no table of what was done
    assert texts[-2:] == [DEPARTMENT_NAME, "2025年1月20日"]
    assert_publishable(docx_text(document), "docx")


# --- the pages, as LibreOffice lays them out -------------------------------------------------------------------------
PDFTOTEXT = shutil.which("pdftotext")
MM = 72 / 25.4  # PDF points per millimetre
TEXT_TOP, TEXT_BOTTOM, TEXT_LEFT = 37 * MM, (297 - 35) * MM, 28 * MM  # the writer's margins (A4)


@dataclass
class Page:
    pdf: Path
    number: int
    words: list[tuple[float, float, float, float, str]]  # xMin, yMin, xMax, yMax, text (above the footer)

    @property
    def text(self) -> str:
        return flat("".join(word[4] for word in self.words))

    @property
    def lines(self) -> list[str]:
        """The page's lines, top to bottom (words on the same baseline joined)."""
        rows: dict[int, list] = {}
        for word in self.words:
            rows.setdefault(round(word[3]), []).append(word)
        return ["".join(w[4] for w in sorted(row)) for _, row in sorted(rows.items())]

    @property
    def filled(self) -> float:
        """How far down the text area the page's text reaches (0 to 1)."""
        bottom = max((word[3] for word in self.words), default=TEXT_TOP)
        return (bottom - TEXT_TOP) / (TEXT_BOTTOM - TEXT_TOP)

    def numbers_in(self, x_from: float, x_to: float) -> int:
        """Figures set in the column between the two x positions: one per table row there."""
        return sum(1 for x0, _, x1, _, value in self.words if x0 >= x_from and x1 <= x_to
                   and value.replace(".", "").isdigit())


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout
    pages = []
    for number, (height, body) in enumerate(re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>',
                                                         out, re.DOTALL), 1):
        words = [(float(a), float(b), float(c), float(d), html.unescape(text)) for a, b, c, d, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)]
        pages.append(Page(pdf, number, [word for word in words if word[1] < TEXT_BOTTOM]))  # the page number is below
    return pages


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, data_dir: Path, department_docx: str, libreoffice) -> dict[str, list[Page]]:
    """The department's report and the examples' 市科技局 (all done) and 荣成市 (14 failures), converted to PDF by
    one LibreOffice process, page by page."""
    if PDFTOTEXT is None:
        pytest.skip("no pdftotext (CI installs poppler-utils)")
    folder = tmp_path_factory.mktemp("pages")
    documents = {"department": Path(department_docx)}
    for key, unit in (("kjj", "市科技局"), ("rongcheng", "荣成市")):
        documents[key] = folder / f"{key}.docx"
        result = run_in_process("annual-report", EXAMPLES, "--unit", unit, "--year", str(YEAR), "--format", "docx",
                                "-o", documents[key], cwd=ROOT)
        assert result.returncode == 0, result.stderr
    result = libreoffice(documents.values(), "pdf", folder)
    pages = {}
    for key, path in documents.items():
        pdf = folder / (path.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 10_000, result.stdout + result.stderr
        pages[key] = read_pages(pdf)
    return pages


@pytest.mark.xdist_group("libreoffice")
@pytest.mark.parametrize(("key", "name", "low", "high"), [
    ("kjj", "威海市科学技术局", 4, 6), ("rongcheng", "荣成市人民政府", 4, 7), ("department", DEPARTMENT_NAME, 5, 8)])
def test_the_pages_read_as_a_published_report(laid_out: dict[str, list[Page]], key: str, name: str, low: int,
                                              high: int) -> None:
    pages = laid_out[key]
    assert low <= len(pages) <= high, len(pages)
    assert flat(f"{name}{YEAR}年政府信息公开工作年度报告") in pages[0].text  # the title on page 1
    # the 落款 at the end: the full name, then the date
    assert pages[-1].lines[-2] == name and re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", flat(pages[-1].lines[-1]))
    assert len(pages[-1].lines) > 2  # with text before it, not alone on its page
    heads = set(HEADINGS) | {label for _, label in OVERVIEW}
    for page in pages[:-1]:
        assert page.filled > 0.5, f"page {page.number} is half empty ({page.filled:.0%})"
        assert flat(page.lines[-1]) not in heads, f"a heading alone at the foot of page {page.number}"
    for page in pages:
        # no page holds a lone row of Table 三 (figures of its 总计 column, at the right edge) or of the table of
        # 六 (numbers of its 序号 column, at the left edge); Table 四's one row has a figure at the right edge too
        if "申请人情况" in page.text:
            rows = page.numbers_in(TEXT_LEFT + 145 * MM, TEXT_LEFT + 157 * MM) - ("复议后起诉" in page.text)
            assert rows >= 2, f"page {page.number}: {rows} row of Table 三"
        if "完成情况及原因" in page.text:
            rows = page.numbers_in(TEXT_LEFT - 1, TEXT_LEFT + 10 * MM)
            assert rows >= 2, f"page {page.number}: {rows} row of the table of 六"
    # Cells wrap over several lines; the default reading order and -raw (content stream order) split differently,
    # so a label counts as present when one of the two has it whole.
    text = "\n".join(flat(subprocess.run([PDFTOTEXT, *mode, str(pages[0].pdf), "-"], capture_output=True, text=True,
                                         encoding="utf-8", check=True).stdout) for mode in ([], ["-raw"]))
    for label in (*HEADINGS, TABLE3_RULE_TEXT, TABLE3_RESULTS_LABEL, "申请人情况", "法人或其他组织", *COLUMNS,
                  *(label for _, label in TABLE3_ROWS), "未经复议直接起诉", "复议后起诉"):
        assert flat(label) in text, label
    assert_publishable(text, key)


@pytest.mark.xdist_group("libreoffice")
def test_the_example_with_failures_lists_them_without_overdue_counts(laid_out: dict[str, list[Page]]) -> None:
    text = "".join(page.text for page in laid_out["rongcheng"])
    six = text.split(flat(HEADINGS[5]))[1]
    assert "未按期完成8项" in six and "未达到要求5项" in six and "尚在办理期限内1项" in six
    assert "荣政依申〔2024〕21号" in six and "市政府网站IPv6改造进行中" in six
    assert "已逾期" not in six and "工作日" not in six


# --- the district's typed figures, and the rule ------------------------------------------------------------------
def check_rule(cli: Cli, folder: Path, paths: str) -> list[dict]:
    result = disclose(cli, folder, "check", paths, "--rule", "annual-report-arithmetic", "--format", "json",
                      "--as-of", AS_OF)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_typed_figures_that_hold_pass_and_are_printed(cli: Cli, data_dir: Path) -> None:
    findings = [f for f in check_rule(cli, data_dir, "reports") if f["unit"] == DISTRICT]
    assert [f["status"] for f in findings] == ["pass"]
    page = annual_report(cli, data_dir, DISTRICT, "html")
    body = form_table(parse_html(page), "t3")[3:]
    full = district_table3_full()
    for (key, label), row in zip(TABLE3_ROWS, body):
        assert [cell[2] for cell in row if cell[0] == "td"] == [str(v) for v in full[key]], label
    t4 = form_table(parse_html(page), "t4")[3]
    assert [int(cell[2]) for cell in t4] == [v for row in DISTRICT_TABLE4.values() for v in row]
    assert "表三为填报数据；表四为填报数据。" in page and "按0计" not in page
    assert f"<h1>{DISTRICT_NAME}{YEAR}年政府信息公开工作年度报告</h1>" in page


def typed_yaml(table3: dict[str, list[int]], table4: dict[str, list[int]] | None = None) -> str:
    """A district report typing only the rows given."""
    lines = [f"unit: {DISTRICT}", f"year: {YEAR}", "annual_report_figures:", "  table3:"]
    lines += [f"    {key}: {row}" for key, row in table3.items()]
    if table4:
        lines.append("  table4:")
        lines += [f"    {kind}: {row}" for kind, row in table4.items()]
    return "\n".join(lines) + "\n"


def test_rows_left_out_of_typed_figures_are_named_per_table(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "partial").mkdir()
    (tmp_path / "partial" / "huancui.yaml").write_text(typed_yaml(DISTRICT_TABLE3), encoding="utf-8")
    result = disclose(cli, tmp_path, "annual-report", "partial", "--unit", DISTRICT, "--year", str(YEAR),
                      "--format", "md", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    untyped = [label for key, label in TABLE3_ROWS if key not in DISTRICT_TABLE3]
    assert len(untyped) == 15
    footer = result.stdout.rsplit("---", 1)[1]
    # 表三 typed, its 15 missing rows named in the form's words and in its order; 表四 counted (nothing typed)
    assert f"表三为填报数据（未填报的15行按0计：{'、'.join(untyped)}）；表四按行政复议、行政诉讼记录统计。" in footer
    assert "表三、表四为填报数据" not in result.stdout
    assert result.stderr.strip() == f"提示：表三未填报的15行按0计：{'、'.join(untyped)}"
    # the rows left out print as zeros
    rows = {row[1]: row[2:] for row in md_rows(result.stdout) if len(row) == 9}
    assert rows["1.属于国家秘密"] == ["0"] * 7


def test_failed_sums_are_named_once_each_in_the_tables_order(cli: Cli, tmp_path: Path) -> None:
    table = district_table3_full()
    table["withheld.third_party"][1] += 1  # （三）4 / 商业企业
    table["not_processed.petition"][0] += 1  # （五）1 / 自然人: string order would put it first
    table["total"][6] += 1  # （七）总计 / 总计: failed along its row and down its column, one subject
    table4 = dict(DISTRICT_TABLE4, review=[2, 1, 0, 1, 5])  # 行政复议 总计 5 ≠ 4
    (tmp_path / "sums").mkdir()
    (tmp_path / "sums" / "huancui.yaml").write_text(typed_yaml(table, table4), encoding="utf-8")
    page = annual_report(cli, tmp_path, DISTRICT, "html", paths="sums")
    note = page.split('<aside class="check"', 1)[1].split("</aside>", 1)[0]
    items = [html.unescape(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", note, re.DOTALL)]
    subjects = [item.split("：", 1)[0] for item in items]
    assert len(subjects) == len(set(subjects))  # each cell or sum once
    assert subjects == ["表三 4.保护第三方合法权益 / 总计", "表三 1.信访举报投诉类申请 / 总计", "表三 （七）总计 / 自然人",
                        "表三 （七）总计 / 商业企业", "表三 （七）总计 / 总计", "表三 总计", "表四 行政复议 / 总计"]
    both = items[subjects.index("表三 （七）总计 / 总计")]
    assert both.count("≠") == 2 and "；" in both  # what both checks found there, after the subject once
    assert not any(item.split("：", 1)[1].startswith("表三") for item in items)  # the subject is not repeated
    markdown = annual_report(cli, tmp_path, DISTRICT, "md", paths="sums")
    assert [line.split(". ", 1)[1].split("：")[0] for line in markdown.split("## ")[0].splitlines()
            if re.match(r"> \d+\. ", line)] == subjects
    document, _ = docx_tables(annual_report(cli, tmp_path, DISTRICT, "docx", paths="sums"))
    note_text = document.tables[0].rows[0].cells[0].text
    assert [line.split(". ", 1)[1].split("：")[0] for line in note_text.splitlines() if re.match(r"\d+\. ", line)] \
        == subjects


def test_one_wrong_typed_cell_is_named(cli: Cli, tmp_path: Path) -> None:
    table = district_table3_full()
    table["withheld.third_party"][1] += 1  # 商业企业 of 4.保护第三方合法权益: 2 where 1 is right
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "huancui.yaml").write_text(district_yaml(table), encoding="utf-8")
    findings = check_rule(cli, tmp_path, "bad")
    failed = [f for f in findings if f["status"] == "fail"]
    assert len(failed) == 1
    assert "4.保护第三方合法权益" in failed[0]["subject"] and "商业企业" in failed[0]["subject"]
    # the report is still written, with the failed sums clearly marked before anything else
    page = annual_report(cli, tmp_path, DISTRICT, "html", paths="bad")
    note = page.split('<aside class="check"', 1)[1].split("</aside>", 1)[0]
    assert "数据核验提示" in note and html.escape(failed[0]["subject"], quote=False) in note
    markdown = annual_report(cli, tmp_path, DISTRICT, "md", paths="bad")
    assert "数据核验提示" in markdown.split("## ")[0]
    document, tables = docx_tables(annual_report(cli, tmp_path, DISTRICT, "docx", paths="bad"))
    note_text = document.tables[0].rows[0].cells[0].text
    assert "数据核验提示" in note_text and failed[0]["subject"] in note_text
    row = tables["t3"].rows[3 + [key for key, _ in TABLE3_ROWS].index("withheld.third_party")]
    assert [text for text, _, _ in spans(row)][-7:] == ["1", "2", "0", "0", "0", "0", "2"]  # printed as typed


def test_typed_figures_that_disagree_with_the_requests_fail_per_cell(cli: Cli, tmp_path: Path) -> None:
    counted = expected_table3()
    typed = {key: list(row) for key, row in counted.items()}
    # move one natural person's request from （一）予以公开 to （二）部分公开: every sum still holds
    typed["disclosed"][0] -= 1
    typed["disclosed"][6] -= 1
    typed["partly_disclosed"][0] += 1
    typed["partly_disclosed"][6] += 1
    figures = "annual_report_figures:\n  table3:\n" + "".join(
        f"    {key}: {typed[key]}\n" for key, _ in TABLE3_ROWS)
    (tmp_path / "mixed").mkdir()
    (tmp_path / "mixed" / "jiaoyuju.yaml").write_text(department_yaml() + figures, encoding="utf-8")
    findings = [f for f in check_rule(cli, tmp_path, "mixed") if f["unit"] == DEPARTMENT]
    failed = {f["subject"] for f in findings if f["status"] == "fail"}
    expected = {f"表三 {ROW_LABELS[key]} / {COLUMNS[index]}" for key in typed for index in range(7)
                if typed[key][index] != counted[key][index]}
    assert len(expected) == 4
    assert failed == expected
    assert any(f["status"] == "pass" for f in findings)  # the typed table's own sums hold


# --- a year of the national format before the first catalog ---------------------------------------------------------
YEAR_2022 = """\
unit: 荣成市
year: 2022
requests:
  - {ref: 荣政依申〔2022〕3号, received: 2022-03-01, answered: 2022-03-20, applicant: natural_person, outcome: disclosed}
  - {ref: 荣政依申〔2022〕9号, received: 2022-12-26, applicant: business}
appeals:
  - {kind: review, result: upheld}
proactive: {normative_documents: {issued: 3, repealed: 1, in_force: 27}, licensing_decisions: 3650}
annual_report:
  other: 本年度未收取信息处理费。
  published: 2023-03-20
"""


def test_a_year_without_a_catalog_gives_the_tables_and_says_there_are_no_key_tasks(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "rc-2022.yaml").write_text(YEAR_2022, encoding="utf-8")
    page = annual_report(cli, tmp_path, "荣成市", "md", paths="old", as_of=None, year=2022)
    assert page.startswith("# 荣成市人民政府2022年政府信息公开工作年度报告")
    rows = {row[1]: row[2:] for row in md_rows(page) if len(row) == 9}
    assert rows["一、本年新收政府信息公开申请数量"] == ["1", "1", "0", "0", "0", "0", "2"]
    assert rows["四、结转下年度继续办理"] == ["0", "1", "0", "0", "0", "0", "1"]
    six = section_six(page)
    assert "2022年度无政务公开重点工作任务分工表，本部分不列重点工作落实情况表。" in six
    assert "| 序号 |" not in six and "荣成市人民政府\\\n2023年3月20日" in six
    assert "数据核验提示" not in page
    # the tables' arithmetic still applies: a wrong typed total is marked
    (tmp_path / "old" / "rc-2022.yaml").write_text(
        YEAR_2022 + "annual_report_figures:\n  table4:\n    review: [1, 0, 0, 0, 2]\n", encoding="utf-8")
    page = annual_report(cli, tmp_path, "荣成市", "html", paths="old", as_of=None, year=2022)
    note = html.unescape(page.split('<aside class="check"', 1)[1].split("</aside>", 1)[0])
    assert "表四 行政复议 / 总计" in note
    document, tables = docx_tables(annual_report(cli, tmp_path, "荣成市", "docx", paths="old", year=2022))
    assert "late" not in tables and "2022年度无政务公开重点工作任务分工表" in docx_text(document)


# --- invalid input ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["reports", "--unit", DEPARTMENT, "--year", str(YEAR), "--format", "docx"],  # docx needs -o
    ["reports", "--unit", "市不存在局", "--year", str(YEAR)],  # unknown unit
    ["reports", "--unit", "市司法局", "--year", str(YEAR)],  # a unit without a report in the data
    ["reports", "--unit", DEPARTMENT, "--year", str(YEAR - 1)],  # no report for that year
], ids=["docx-without-output", "unknown-unit", "unit-without-report", "year-without-report"])
def test_invalid_input_exits_2(cli: Cli, data_dir: Path, args: list[str]) -> None:
    result = disclose(cli, data_dir, "annual-report", *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert not list(data_dir.glob("*.tmp"))


# --- hostile text -------------------------------------------------------------------------------------------------
def test_hostile_text_is_escaped_and_cleaned(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE_BELL not in page and "&lt;U+0007&gt;" in page
    markdown = annual_report(cli, data_dir, DEPARTMENT, "md")
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert HOSTILE_BELL not in markdown and "&lt;U+0007&gt;" in markdown


def test_hostile_text_does_not_break_the_docx(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    text = "# 标题\\n- 列表\\n1. 编号\\n<b>粗体</b> | 竖线 \\x07 \\x00 \\x1b[31m 反向 \\uffff 非字符"
    (folder / "jiaoyuju.yaml").write_text(
        f'unit: {DEPARTMENT}\nyear: {YEAR}\nannual_report:\n  problems: "{text}"\n  other: "{text}"\n'
        f'  contact: {{website: "http://x.example/<script>"}}\n'
        f'tasks:\n  - {{task: grassroots-disclosure-zones, status: in_progress, note: "<i>施工中</i> | \\x07"}}\n',
        encoding="utf-8")
    path = Path(annual_report(cli, tmp_path, DEPARTMENT, "docx", paths="hostile"))
    document = docx_document(str(path))
    body = docx_text(document)
    assert "<b>粗体</b> | 竖线 <U+0007> <U+0000> <U+001B>[31m 反向  非字符" in body
    assert "\ufffe" not in body and "\uffff" not in body
    assert "http://x.example/<script>" in body  # plain text in Word: nothing to escape, nothing to run
    assert "未完成（推进中）；<i>施工中</i> | <U+0007>" in body  # a status note in the table of 六
    page = annual_report(cli, tmp_path, DEPARTMENT, "html", paths="hostile")
    assert "&lt;b&gt;粗体&lt;/b&gt;" in page and "<b>" not in page and "&lt;i&gt;施工中&lt;/i&gt;" in page
    markdown = annual_report(cli, tmp_path, DEPARTMENT, "md", paths="hostile")
    problems = markdown.split("## 五、存在的主要问题及改进情况")[1].split("## 六")[0]
    lines = [line for line in problems.splitlines() if line]
    assert lines[:3] == ["\\# 标题", "\\- 列表", "1\\. 编号"]  # no heading, list or numbered list
    assert "&lt;b&gt;粗体&lt;/b&gt; \\| 竖线" in problems
    assert "&lt;i&gt;施工中&lt;/i&gt; \\| &lt;U+0007&gt;" in section_six(markdown)  # a cell of the table of 六


def test_labels_copied_from_the_format_match_it() -> None:
    from disclose_cli.loading.context import bundled_path
    from disclose_cli.model import annual_format as fmt

    labels = yaml.safe_load(bundled_path("templates", "labels.yaml").read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        form = labels[lang]["annual_form"]
        assert form["table2_captions"] == fmt.TABLE2_CAPTIONS
        assert tuple(form["table2_document_columns"]) == fmt.TABLE2_DOCUMENT_COLUMNS
        assert tuple(form["table2_decision_header"]) == fmt.TABLE2_DECISION_HEADER
        assert tuple(form["table2_fee_header"]) == fmt.TABLE2_FEE_HEADER
        assert form["table3_rule"] == fmt.TABLE3_RULE_TEXT
        assert form["table3_results"] == fmt.TABLE3_RESULTS_LABEL
        assert tuple(form["table3_columns"]) == fmt.COLUMNS
        assert tuple(form["table4_columns"]) == fmt.APPEAL_COLUMNS


def test_what_does_not_apply_is_told_apart_from_what_was_waived(cli: Cli) -> None:
    """The example's 市机关事务服务中心 makes no policy documents: five tasks do not apply to it (its report says
    why); two duties were waived by the 市政务公开办."""
    page = annual_report(cli, ROOT, "市机关事务服务中心", "md", paths=str(EXAMPLES), as_of=None)
    six = section_six(page)
    assert "本机关承担的重点工作任务共18项，其中已按期完成10项，未按期完成3项，不适用5项" in six
    assert "经批准豁免的2项事项：多样化解读占比（本单位不制定政策性文件，无政策解读任务，经市政府办公室（市政务公开办）批准）；" \
        "公众代表列席会议（2024年下半年）（" in six
    assert "不适用本机关的5项事项：决策公开 · 政策评价（本单位不制定政策性文件，无可评价的政策）；" in six
    assert six.index("见下表") < six.index("| 序号 |") < six.index("经批准豁免的2项") < six.index("不适用本机关")
    assert "威海市机关事务服务中心\\\n　　　　年　　月　　日" in six  # no published date, no --as-of: left blank
