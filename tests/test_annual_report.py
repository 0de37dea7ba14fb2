"""``disclose annual-report`` (HTML, Markdown, Word) and the rule annual-report-arithmetic, through the CLI.

A department (市教育局) keeps its request log: every request carries an applicant and an outcome, some as codes and
some as the national format's exact Chinese labels; one request is still open at the year's end and one was answered
only in January (both carried out to next year), one was carried in from last year. It has proactive figures,
appeals of every kind, the text of its report (with hostile characters), a published date, key tasks done, late
and waived. A district (环翠区) types its figures by hand in ``annual_report_figures:``. The expected numbers are
counted here, independently of the tool, from the same Python data the YAML is written from.

Every command runs in this process through the ``cli`` fixture (conftest.py). The Word tests open the .docx
with python-docx (tables, merged cells, labels, numbers) and convert it to PDF with LibreOffice (a process),
whose page text is then checked: CI installs LibreOffice, so that test skips only where neither ``libreoffice``
nor ``soffice`` exists.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import Run, run_in_process

from disclose_cli.model.annual_format import (APPEAL_COLUMNS, APPEAL_KINDS, APPEAL_RESULTS, APPLICANTS, COLUMNS,
                                        HEADINGS, OUTCOMES, OVERVIEW, TABLE2_CAPTIONS,
                                        TABLE3_RESULTS_LABEL, TABLE3_ROWS, TABLE3_RULE_TEXT)

Cli = Callable[..., Run]  # the ``cli`` fixture of conftest.py: one disclose command in this process

YEAR = 2024
AS_OF = "2025-01-31"
DEPARTMENT = "市教育局"
DISTRICT = "环翠区"

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_BELL = "\x07"
HOSTILE_RLO = "\u202e"

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
    "management": f"管理{HOSTILE_SCRIPT}规范{HOSTILE_BELL}清理{HOSTILE_RLO}反向",
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


def annual_report(cli: Cli, folder: Path, unit: str, fmt: str, *extra: str, paths: str = "reports") -> str:
    """The report as text (html, md), or the path of the .docx written."""
    args = [paths, "--unit", unit, "--year", str(YEAR), "--format", fmt, "--as-of", AS_OF, *extra]
    if fmt == "docx":
        out = folder / f"{unit}-{len(list(folder.glob('*.docx')))}.docx"
        args += ["-o", str(out)]
    result = disclose(cli, folder, "annual-report", *args)
    assert result.returncode == 0, result.stderr
    return str(out) if fmt == "docx" else result.stdout


def flat(value: str) -> str:
    return re.sub(r"\s+", "", value)


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


def test_html_has_the_six_headings_and_the_three_tables(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html")
    parsed = parse_html(page)
    assert [text for tag, text in parsed.headings if tag == "h2"] == list(HEADINGS)
    assert parsed.headings[0] == ("h1", f"{DEPARTMENT}{YEAR}年政府信息公开工作年度报告")
    sub_heads = [text for tag, text in parsed.headings if tag == "h3"]
    assert sub_heads[:5] == [label for _, label in OVERVIEW]

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


def test_html_reports_the_text_the_key_tasks_and_the_signature(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "报告电子版可从 http://edu.weihai.gov.cn 查阅或下载" in text
    assert "地址：威海市统一路333号" in text and "电话：0631-5233333" in text
    assert "全年主动公开政府信息312条" in text and "围绕招生入学" in text
    assert "二是基层公开专区建设进度偏慢" in text and "本年度未收取信息处理费" in text
    overview = page.split("（四）政府信息公开平台建设")[1].split("</h3>", 1)[1].split("<h3>")[0]
    assert "无。" in overview
    parsed = parse_html(page)
    groups = {table["attrs"].get("data-group"): table["rows"] for table in parsed.tables if "tasks" in table["class"]}
    assert set(groups) == {"done", "late", "waived"}
    late = {row[2][2]: row for row in groups["late"][1:]}
    # the request still open at the year's end is late, with its due date and working days overdue: 20 working
    # days from 2024-12-20 end on 2025-01-20; 01-21 to 01-24, 01-26 (a make-up working Sunday) and 01-27 are six
    # more to 01-31, the Spring Festival holiday starting on 01-28
    open_request = late["威教依申〔2024〕11号"]
    assert open_request[3][2] == "2025-01-20" and open_request[4][2] == "6"
    assert any(subject.startswith("livelihood-education") for subject in late)  # done in January: late
    waived = groups["waived"][1]
    assert "集中培训并入全市统一培训" in waived[-1][2] and "市政府办公室（市政务公开办）" in waived[-1][2]
    done = [row[2][2] for row in groups["done"][1:]]
    assert any(subject.startswith("interpretation-scope（") for subject in done)
    assert "2025年1月20日" in text and "截至2025年1月31日" in text
    assert "数据核验提示" not in text


# --- Markdown ---------------------------------------------------------------------------------------------------
def md_rows(page: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")]
            for line in page.splitlines() if line.startswith("| ")]


def test_markdown_has_the_six_headings_and_the_three_tables(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "md")
    assert [line[3:] for line in page.splitlines() if line.startswith("## ")] == list(HEADINGS)
    assert [line[4:] for line in page.splitlines() if line.startswith("### ")][:5] == [l for _, l in OVERVIEW]
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
    assert "| 2 | 依申请公开答复时限 | 威教依申〔2024〕1号 |" in page


def test_english_labels_keep_the_national_format(cli: Cli, data_dir: Path) -> None:
    page = annual_report(cli, data_dir, DEPARTMENT, "html", "--lang", "en")
    parsed = parse_html(page)
    assert [text for tag, text in parsed.headings if tag == "h2"] == list(HEADINGS)
    assert 'lang="en"' in page and "Government Information Disclosure Annual Report 2024" in page
    assert [row[-8][2] for row in form_table(parsed, "t3")[3:]] == [label for _, label in TABLE3_ROWS]


# --- Word -------------------------------------------------------------------------------------------------------
def docx_tables(path: str):
    import docx

    document = docx.Document(path)
    tables = {}
    for table in document.tables:
        first = table.rows[0].cells[0].text
        if first == TABLE3_RULE_TEXT:
            tables["t3"] = table
        elif first == TABLE2_CAPTIONS["documents"]:
            tables["t2"] = table
        elif first == "行政复议":
            tables["t4"] = table
    return document, tables


def spans(row) -> list[tuple[str, int, str | None]]:
    """(text, gridSpan, vMerge) of the cells of a row, as written in the XML."""
    return [(tc.xpath("string(.)"), tc.grid_span, tc.vMerge) for tc in row._tr.tc_lst]


@pytest.fixture(scope="module")
def department_docx(data_dir: Path) -> str:
    """The department's .docx, written once (python-docx takes seconds) for the tests that open it."""
    return annual_report(run_in_process, data_dir, DEPARTMENT, "docx")


def test_docx_has_real_tables_with_merged_cells(department_docx: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document, tables = docx_tables(department_docx)
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == f"{DEPARTMENT}{YEAR}年政府信息公开工作年度报告"
    headings = [text for text in texts if text in HEADINGS]
    assert headings == list(HEADINGS)
    overview = texts[texts.index(HEADINGS[0]) + 1:texts.index(HEADINGS[1])]
    assert [text for text in overview if text in dict(OVERVIEW).values()] == [label for _, label in OVERVIEW]
    assert overview[overview.index("（四）政府信息公开平台建设") + 1] == "无。"
    assert any("报告电子版可从 http://edu.weihai.gov.cn 查阅或下载" in text for text in texts)
    # every run says which East-Asian face to use
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if run.text]
    assert runs and all(run._r.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)

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

    # Table 四: the two-level header and the fifteen figures
    t4 = tables["t4"]
    assert spans(t4.rows[0]) == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert spans(t4.rows[1]) == [(label, 1, "restart") for label in APPEAL_COLUMNS] + [
        ("未经复议直接起诉", 5, None), ("复议后起诉", 5, None)]
    assert spans(t4.rows[2]) == [("", 1, "continue")] * 5 + [(label, 1, None) for label in APPEAL_COLUMNS] * 2
    assert [int(text) for text, _, _ in spans(t4.rows[3])] == expected_table4()

    # 六: the key tasks, late ones with their due date and working days overdue
    body = "\n".join(texts)
    assert f"{YEAR}年政务公开重点工作落实情况" in body and "1.已完成（" in body and "3.经批准豁免（1项）" in body
    late = next(table for table in document.tables if "逾期（工作日）" in [cell.text for cell in table.rows[0].cells])
    row = next(row for row in late.rows if row.cells[2].text == "威教依申〔2024〕11号")
    assert [row.cells[3].text, row.cells[4].text] == ["2025-01-20", "6"]
    assert texts[-2:] == [DEPARTMENT, "2025年1月20日"]


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(LIBREOFFICE is None, reason="no LibreOffice (CI installs libreoffice-writer)")
def test_docx_opens_in_libreoffice(department_docx: str, tmp_path: Path) -> None:
    path = Path(department_docx)
    profile = tmp_path / "lo-profile"
    result = subprocess.run([LIBREOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                            capture_output=True, text=True, timeout=180)
    pdf = tmp_path / (path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 10_000, result.stdout + result.stderr
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext (poppler-utils) to read the PDF's text")
    # Cells wrap over several lines; the default reading order and -raw (content stream order) split differently,
    # so a label counts as present when one of the two has it whole.
    text = "\n".join(flat(subprocess.run(["pdftotext", *mode, str(pdf), "-"], capture_output=True, text=True,
                                         encoding="utf-8", check=True).stdout) for mode in ([], ["-raw"]))
    assert flat(f"{DEPARTMENT}{YEAR}年政府信息公开工作年度报告") in text
    for heading in HEADINGS:
        assert heading in text, heading
    for _, label in TABLE3_ROWS:
        assert flat(label) in text, label
    for label in (TABLE3_RULE_TEXT, TABLE3_RESULTS_LABEL, "申请人情况", "法人或其他组织", *COLUMNS,
                  "未经复议直接起诉", "复议后起诉"):
        assert flat(label) in text, label


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
    assert "表三、表四为填报数据" in page


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
    assert HOSTILE_BELL not in page and HOSTILE_RLO not in page
    assert "&lt;U+0007&gt;" in page and "&lt;U+202E&gt;" in page
    markdown = annual_report(cli, data_dir, DEPARTMENT, "md")
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert HOSTILE_BELL not in markdown and HOSTILE_RLO not in markdown and "&lt;U+202E&gt;" in markdown


def test_hostile_text_does_not_break_the_docx(cli: Cli, tmp_path: Path) -> None:
    import docx

    folder = tmp_path / "hostile"
    folder.mkdir()
    text = "# 标题\\n- 列表\\n1. 编号\\n<b>粗体</b> | 竖线 \\x07 \\x00 \\x1b[31m \\u202e 反向 \\uffff 非字符"
    (folder / "jiaoyuju.yaml").write_text(
        f'unit: {DEPARTMENT}\nyear: {YEAR}\nannual_report:\n  problems: "{text}"\n  other: "{text}"\n'
        f'  contact: {{website: "http://x.example/<script>"}}\n', encoding="utf-8")
    path = Path(annual_report(cli, tmp_path, DEPARTMENT, "docx", paths="hostile"))
    document = docx.Document(str(path))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "<b>粗体</b> | 竖线 <U+0007> <U+0000> <U+001B>[31m <U+202E> 反向  非字符" in body
    assert "\ufffe" not in body and "\uffff" not in body and "\u202e" not in body
    assert "http://x.example/<script>" in body  # plain text in Word: nothing to escape, nothing to run
    page = annual_report(cli, tmp_path, DEPARTMENT, "html", paths="hostile")
    assert "&lt;b&gt;粗体&lt;/b&gt;" in page and "<b>" not in page
    markdown = annual_report(cli, tmp_path, DEPARTMENT, "md", paths="hostile")
    problems = markdown.split("## 五、存在的主要问题及改进情况")[1].split("## 六")[0]
    lines = [line for line in problems.splitlines() if line]
    assert lines[:3] == ["\\# 标题", "\\- 列表", "1\\. 编号"]  # no heading, list or numbered list
    assert "&lt;b&gt;粗体&lt;/b&gt; \\| 竖线" in problems


def test_labels_copied_from_the_format_match_it() -> None:
    from disclose_cli.model import annual_format as fmt
    from disclose_cli.loading.context import bundled_path

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
