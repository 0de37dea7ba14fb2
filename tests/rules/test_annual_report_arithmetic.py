"""annual-report-arithmetic: the figures of the yearly report add up (shared/ANNUAL_REPORT.md §6).

A. every column of Table 三: 一 + 二 = 三（七）+ 四;  B. 三（七）= the sum of its outcome rows (r03–r23);
C. every row: 总计 = the six applicant columns;  D. Table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结 in each group;
E. this year's 二、上年结转 = last year's 四、结转下年度继续办理, when last year's report is in the data.
Figures are counted from the requests and appeals, or typed into ``annual_report_figures:``; where both exist they
must agree cell by cell.

The typed tables below start from BASE, which holds every sum (columns 自然人, 商业企业, 科研机构, 社会公益组织,
法律服务机构, 其他, 总计):
    一 new [3,1,0,0,0,0,4] + 二 carried_in [1,0,0,0,0,0,1] = 5 in 总计;
    （一） disclosed [2,1,0,0,0,0,3], 4.保护第三方 withheld.third_party [1,0,0,0,0,0,1] → （七） total [3,1,0,0,0,0,4];
    四 carried_out [1,0,0,0,0,0,1].   自然人: 3+1 = 3+1; 商业企业: 1+0 = 1+0; 总计: 4+1 = 4+1.
"""

from __future__ import annotations

import pytest
from helpers import only, statuses, write_reports

from disclose_cli.model.annual_tables import table3_from_requests
from disclose_cli.model.annual_format import TABLE3_ROWS
from disclose_cli.loading.dataset import load
from disclose_cli.model.annual_tables import figures

RULE = "annual-report-arithmetic"
AS_OF = "2025-04-30"
ZEROS = [0] * 7

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
DISCLOSED = "（一）予以公开"
THIRD_PARTY = "4.保护第三方合法权益"
TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"

BASE = {
    "new": [3, 1, 0, 0, 0, 0, 4],
    "carried_in": [1, 0, 0, 0, 0, 0, 1],
    "disclosed": [2, 1, 0, 0, 0, 0, 3],
    "withheld.third_party": [1, 0, 0, 0, 0, 0, 1],
    "total": [3, 1, 0, 0, 0, 0, 4],
    "carried_out": [1, 0, 0, 0, 0, 0, 1],
}
BASE4 = {"review": [1, 1, 0, 0, 2], "lawsuit_direct": [0, 0, 0, 1, 1], "lawsuit_after_review": [0, 0, 0, 0, 0]}


def typed(table3: dict | None = None, table4: dict | None = None, all_rows: bool = True, **cells) -> str:
    """An ``annual_report_figures:`` section (line 1; ``table3:`` at line 2). ``cells`` change single cells:
    ``cell=("disclosed", 0, 3)`` sets row disclosed, column 0 to 3 (any keyword name)."""
    rows = {key: list(values) for key, values in (BASE if table3 is None else table3).items()}
    for key, column, value in cells.values():
        rows.setdefault(key, list(ZEROS))[column] = value
    lines = ["annual_report_figures:"]
    if rows:
        lines.append("  table3:")
        for key, _ in TABLE3_ROWS:
            if key in rows or all_rows:
                lines.append(f"    {key}: {rows.get(key, ZEROS)}")
    groups = BASE4 if table4 is None else table4
    if groups:
        lines.append("  table4:")
        lines += [f"    {kind}: {values}" for kind, values in groups.items()]
    return "\n".join(lines) + "\n"


def request(ref: str, received: str = "2024-03-04", answered: str | None = "2024-03-20",
            applicant: str | None = "natural_person", outcome: str | None = "disclosed", **more) -> str:
    fields = {"ref": ref, "received": received, "answered": answered, "applicant": applicant, "outcome": outcome,
              **more}
    shown = ", ".join(f"{key}: {str(value).lower() if isinstance(value, bool) else value}"
                      for key, value in fields.items() if value is not None)
    return f"  - {{{shown}}}\n"


def requests(*items: str) -> str:
    return "requests:\n" + "".join(items)


def failures(findings) -> list[tuple[str, str]]:
    return [(finding.subject, finding.message) for finding in findings
            if finding.rule == RULE and finding.status.value == "fail"]


def arithmetic(run, snippets, unit: str = "市教育局", **options):
    return [finding for finding in run(snippets, AS_OF, rules=[RULE], **options) if finding.unit == unit]


def loaded_report(tmp_path, context, snippet: str, unit: str = "市教育局", year: int = 2024):
    dataset = load(write_reports(tmp_path / "loaded", snippet, unit, year), context)
    assert not dataset.problems, dataset.problems
    return dataset.sources[0].report


# --- counted from the records -----------------------------------------------------------------------------------

RECORDS = requests(
    request("威教依申〔2023〕50号", received="2023-12-20", answered="2024-01-10", carried_over=True),  # 二, then （一）
    request("威教依申〔2024〕1号"),  # 自然人, （一）予以公开
    request("威教依申〔2024〕2号", applicant="商业企业", outcome="（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    request("威教依申〔2024〕3号", applicant="research", outcome="（三）不予公开 6.属于四类过程性信息"),
    request("威教依申〔2024〕4号", applicant="legal_services", outcome="1.本机关不掌握相关政府信息"),
    request("威教依申〔2024〕5号", received="2024-12-16", answered=None, outcome=None),  # 四: not answered
    request("威教依申〔2024〕6号", received="2024-12-20", answered="2025-01-08", applicant="other",
            outcome="other.other"),  # 四: answered only in the next year, whatever its outcome
) + "appeals:\n  - {kind: review, result: upheld}\n  - {kind: lawsuit_after_review, result: pending}\n"


def test_counted_from_records_passes(run):
    findings = arithmetic(run, RECORDS)
    assert [(f.subject, f.status.value, f.location.line) for f in findings] == [("表三、表四", "pass", 1)]
    assert findings[0].message == ("every sum of Table 三 and Table 四 holds (counted from 7 requests and 2 appeals)")
    assert findings[0].message_zh == "表三、表四各项勾稽关系均成立（按7件申请、2件复议诉讼统计）"


def test_the_counted_table(tmp_path, context):
    table = figures(loaded_report(tmp_path, context, RECORDS))[0]
    assert table["new"] == [2, 1, 1, 0, 1, 1, 6]
    assert table["carried_in"] == [1, 0, 0, 0, 0, 0, 1]
    assert table["disclosed"] == [2, 0, 0, 0, 0, 0, 2]
    assert table["partly_disclosed"] == [0, 1, 0, 0, 0, 0, 1]
    assert table["withheld.process_information"] == [0, 0, 1, 0, 0, 0, 1]
    assert table["unavailable.not_held"] == [0, 0, 0, 0, 1, 0, 1]
    assert table["other.other"] == ZEROS  # answered in 2025: not a 2024 outcome
    assert table["total"] == [2, 1, 1, 0, 1, 0, 5]
    assert table["carried_out"] == [1, 0, 0, 0, 0, 1, 2]
    assert sum(table[key][-1] for key in ("new", "carried_in")) == table["total"][-1] + table["carried_out"][-1]
    table4 = figures(loaded_report(tmp_path / "4", context, RECORDS))[1]
    assert table4 == {"review": [1, 0, 0, 0, 1], "lawsuit_direct": [0] * 5, "lawsuit_after_review": [0, 0, 0, 1, 1]}


def test_no_requests_and_no_appeals_pass(run):
    findings = arithmetic(run, "trainings: []\n")
    assert [(f.subject, f.status.value) for f in findings] == [("表三、表四", "pass")]


def test_a_request_without_an_applicant_fails_naming_it(run):
    snippet = requests(request("威教依申〔2024〕1号"), request("威教依申〔2024〕2号", applicant=None),
                       request("威教依申〔2024〕3号", answered=None, outcome=None, applicant=None))
    finding = only(arithmetic(run, snippet), RULE, "表三 未填申请人类别")
    assert finding.status.value == "fail"
    assert finding.message == ("2 requests cannot be placed in Table 三: no applicant "
                               "(威教依申〔2024〕2号、威教依申〔2024〕3号)")
    assert finding.message_zh == "2件申请无法计入表三：未填申请人类别（威教依申〔2024〕2号、威教依申〔2024〕3号）"
    assert finding.location.line == 3  # the first such request


def test_a_request_answered_without_an_outcome_fails_naming_it(run):
    snippet = requests(request("威教依申〔2024〕1号"), request("威教依申〔2024〕7号", outcome=None),
                       request("威教依申〔2024〕8号", received="2024-12-20", answered=None, outcome=None))
    findings = arithmetic(run, snippet)
    finding = only(findings, RULE, "表三 已办结但未填办理结果")
    assert finding.status.value == "fail"
    assert finding.message == "1 request cannot be placed in Table 三: answered without an outcome (威教依申〔2024〕7号)"
    assert finding.location.line == 3
    # An unanswered request (8号) needs no outcome: it counts in 四.
    assert "威教依申〔2024〕8号" not in " ".join(message for _, message in failures(findings))


def test_more_than_ten_unplaced_requests_are_cut_short(run):
    snippet = requests(*(request(f"威教依申〔2024〕{n}号", applicant=None) for n in range(1, 13)))
    message = only(arithmetic(run, snippet), RULE, "表三 未填申请人类别").message
    assert message.startswith("12 requests cannot be placed in Table 三: no applicant (威教依申〔2024〕1号、")
    assert message.endswith("威教依申〔2024〕10号…)")


def test_a_request_without_an_outcome_gives_only_the_finding_naming_it(run):
    findings = arithmetic(run, requests(request("威教依申〔2024〕7号", outcome=None)))
    assert [subject for subject, _ in failures(findings)] == ["表三 已办结但未填办理结果"]


def test_the_pass_message_for_one_request_and_one_appeal(run):
    snippet = requests(request("威教依申〔2024〕1号")) + "appeals:\n  - {kind: review, result: upheld}\n"
    finding = only(arithmetic(run, snippet), RULE, "表三、表四")
    assert finding.message == "every sum of Table 三 and Table 四 holds (counted from 1 request and 1 appeal)"


# --- typed tables -----------------------------------------------------------------------------------------------

def test_typed_tables_that_add_up_pass(run):
    findings = arithmetic(run, typed())
    assert [(f.subject, f.status.value, f.location.line) for f in findings] == [("表三、表四", "pass", 2)]
    assert findings[0].message == "every sum of Table 三 and Table 四 holds (typed figures)"


def test_typed_rows_left_out_are_zeros(run):
    assert [f.status.value for f in arithmetic(run, typed(all_rows=False))] == ["pass"]


def test_only_table3_typed(run):
    assert [f.status.value for f in arithmetic(run, typed(table4={}))] == ["pass"]


def test_a_wrong_total_in_a_row_is_one_finding_naming_that_cell(run):
    found = failures(arithmetic(run, typed(cell=("new", 6, 5))))
    assert [subject for subject, _ in found] == [f"表三 {NEW} / 总计"]


def test_a_wrong_cell_in_an_outcome_row_is_one_finding_naming_it(run):
    # （一）予以公开 / 自然人 3 instead of 2: C fails along （一）, B fails down 自然人; A still holds.
    findings = arithmetic(run, typed(cell=("disclosed", 0, 3)))
    assert [(f.subject, f.status.value, f.location.line) for f in findings] == [
        (f"表三 {DISCLOSED} / 自然人", "fail", 2)]
    assert findings[0].message == (
        f"one wrong cell explains all 2 failed sums of Table 三: row {DISCLOSED}, column 自然人 "
        "(总计 3 ≠ 六类申请人之和 4；（七）总计 3 ≠ 各办理结果之和 4)")
    assert findings[0].message_zh.startswith(f"表三“{DISCLOSED}”行“自然人”列一个数据有误即可解释表三全部2处不平衡")


@pytest.mark.parametrize(("key", "label", "column", "value", "count"), [
    ("new", NEW, 1, 2, 2),  # C along 一, A down 商业企业
    ("carried_out", CARRIED_OUT, 0, 0, 2),  # C along 四, A down 自然人
    ("total", TOTAL, 0, 4, 3),  # C along （七）, A and B down 自然人
    ("withheld.third_party", THIRD_PARTY, 5, 1, 2),  # C along 4.保护第三方合法权益, B down 其他
])
def test_one_wrong_cell_anywhere_in_the_six_columns(run, key, label, column, value, count):
    columns = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    finding = only(arithmetic(run, typed(cell=(key, column, value))), RULE)
    assert finding.subject == f"表三 {label} / {columns[column]}"
    assert finding.message.startswith(f"one wrong cell explains all {count} failed sums")


def test_two_wrong_cells_give_one_finding_per_failed_sum(run):
    # （一） / 自然人 3 (not 2) and 4.保护第三方 / 商业企业 2 (not 0): C along both rows, B down both columns.
    found = failures(arithmetic(run, typed(a=("disclosed", 0, 3), b=("withheld.third_party", 1, 2))))
    assert sorted(found) == sorted([
        (f"表三 {DISCLOSED} / 总计", f"表三 (row {DISCLOSED}, column 总计): 总计 3 ≠ 六类申请人之和 4"),
        (f"表三 {THIRD_PARTY} / 总计", f"表三 (row {THIRD_PARTY}, column 总计): 总计 1 ≠ 六类申请人之和 3"),
        (f"表三 {TOTAL} / 自然人", f"表三 (row {TOTAL}, column 自然人): （七）总计 3 ≠ 各办理结果之和 4"),
        (f"表三 {TOTAL} / 商业企业", f"表三 (row {TOTAL}, column 商业企业): （七）总计 1 ≠ 各办理结果之和 3"),
    ])


def test_a_wrong_cell_in_the_same_column_as_another_is_not_one_cell(run):
    # Two wrong cells in 自然人: two rows fail, so no single cell explains them.
    found = failures(arithmetic(run, typed(a=("disclosed", 0, 3), b=("new", 0, 4))))
    assert sorted(subject for subject, _ in found) == sorted([
        f"表三 {DISCLOSED} / 总计", f"表三 {NEW} / 总计",  # C along both rows
        "表三 自然人", f"表三 {TOTAL} / 自然人"])  # A and B down 自然人


def test_a_table4_group_total_wrong(run):
    groups = {**BASE4, "lawsuit_direct": [0, 1, 0, 1, 3]}
    findings = arithmetic(run, typed(table4=groups))
    assert failures(findings) == [("表四 未经复议直接起诉 / 总计",
                                   "表四 (row 未经复议直接起诉, column 总计): 总计 3 ≠ 维持+纠正+其他+尚未审结 2")]
    assert only(findings, RULE, "表四 未经复议直接起诉 / 总计").message_zh == (
        "表四“未经复议直接起诉 / 总计”：总计 3 ≠ 维持+纠正+其他+尚未审结 2")


def test_every_table4_group_is_checked(run):
    groups = {"review": [1, 0, 0, 0, 0], "lawsuit_direct": [0, 0, 0, 0, 0], "lawsuit_after_review": [2, 0, 0, 0, 1]}
    assert sorted(subject for subject, _ in failures(arithmetic(run, typed(table4=groups)))) == [
        "表四 复议后起诉 / 总计", "表四 行政复议 / 总计"]


def test_a_table4_failure_is_kept_beside_an_explained_table3_cell(run):
    found = failures(arithmetic(run, typed(table4={**BASE4, "review": [1, 1, 0, 0, 3]}, cell=("disclosed", 0, 3))))
    assert sorted(subject for subject, _ in found) == sorted([f"表三 {DISCLOSED} / 自然人", "表四 行政复议 / 总计"])
    assert not any("3 failed sums" in message for _, message in found)


# --- typed figures and classified records -----------------------------------------------------------------------

def test_typed_figures_that_agree_with_the_records_pass(run):
    # The records give BASE: 一 R1 R4 R5 (自然人) + R3 (商业企业); 二 R0; （一） R1 R0 + R3; 4.保护第三方 R4; 四 R5.
    snippet = requests(
        request("R1"), request("R3", applicant="business"), request("R4", outcome="withheld.third_party"),
        request("R5", received="2024-12-20", answered=None, outcome=None),
        request("R0", received="2023-12-20", answered="2024-01-10", carried_over=True)) + typed(table4={})
    findings = arithmetic(run, snippet)
    assert [(f.subject, f.status.value) for f in findings] == [("表三、表四", "pass")]


def test_typed_figures_that_disagree_with_the_records_give_one_finding_per_cell(run):
    # The records place R4 in （一）予以公开; the typed table has it in 4.保护第三方合法权益 (its sums still hold).
    snippet = requests(
        request("R1"), request("R3", applicant="business"), request("R4"),
        request("R5", received="2024-12-20", answered=None, outcome=None),
        request("R0", received="2023-12-20", answered="2024-01-10", carried_over=True)) + typed(table4={})
    findings = arithmetic(run, snippet)
    assert sorted(failures(findings)) == sorted([
        (f"表三 {DISCLOSED} / 自然人", f"表三 {DISCLOSED} / 自然人: typed 2, the classified requests give 3"),
        (f"表三 {DISCLOSED} / 总计", f"表三 {DISCLOSED} / 总计: typed 3, the classified requests give 4"),
        (f"表三 {THIRD_PARTY} / 自然人", f"表三 {THIRD_PARTY} / 自然人: typed 1, the classified requests give 0"),
        (f"表三 {THIRD_PARTY} / 总计", f"表三 {THIRD_PARTY} / 总计: typed 1, the classified requests give 0"),
    ])
    zh = only(findings, RULE, f"表三 {DISCLOSED} / 自然人").message_zh
    assert zh == f"表三 {DISCLOSED} / 自然人：填报2，按已分类的申请统计为3"
    # The typed sums themselves hold.
    assert ("表三、表四", "pass") in [(f.subject, f.status.value) for f in findings]


def test_a_typed_table_and_a_request_without_applicant(run):
    snippet = requests(request("R1", applicant=None)) + typed(table3={"new": [1, 0, 0, 0, 0, 0, 1],
                                                                      "disclosed": [1, 0, 0, 0, 0, 0, 1],
                                                                      "total": [1, 0, 0, 0, 0, 0, 1]},
                                                                table4={})
    subjects = [subject for subject, _ in failures(arithmetic(run, snippet))]
    assert "表三 未填申请人类别" in subjects
    # Left out of the count, R1 leaves the typed 自然人 cells unmatched.
    assert f"表三 {NEW} / 自然人" in subjects and f"表三 {DISCLOSED} / 自然人" in subjects


def test_a_row_left_out_of_the_typed_table_is_compared_as_zeros(run):
    # Typed: both requests disclosed, the 4.保护第三方 row left out; records: one disclosed, one withheld.
    table = {"new": [2, 0, 0, 0, 0, 0, 2], "disclosed": [2, 0, 0, 0, 0, 0, 2], "total": [2, 0, 0, 0, 0, 0, 2]}
    snippet = requests(request("R1"), request("R2", outcome="withheld.third_party")) + typed(table, {}, all_rows=False)
    subjects = {subject for subject, _ in failures(arithmetic(run, snippet))}
    assert subjects == {f"表三 {DISCLOSED} / 自然人", f"表三 {DISCLOSED} / 总计",
                        f"表三 {THIRD_PARTY} / 自然人", f"表三 {THIRD_PARTY} / 总计"}


def test_typed_table4_that_disagrees_with_the_appeals(run):
    snippet = "appeals:\n  - {kind: review, result: upheld}\n  - {kind: review, result: upheld}\n" + typed(
        table3={}, table4={"review": [1, 0, 0, 0, 1]})
    # The appeals give 行政复议 [2, 0, 0, 0, 2]: 结果维持 and 总计 differ.
    subjects = {subject for subject, _ in failures(arithmetic(run, snippet))}
    assert any(subject.startswith("表四 行政复议") for subject in subjects), subjects


def test_only_table4_typed_keeps_table3_from_the_requests(tmp_path, context):
    snippet = requests(request("R1"), request("R2", applicant="business")) + typed(table3={})
    report = loaded_report(tmp_path, context, snippet)
    assert figures(report)[0] == table3_from_requests(report)[0]


# --- across years (E) -------------------------------------------------------------------------------------------

def previous_year(snippet: str) -> str:
    return snippet + "year: 2023\n"


CARRIED_2023 = requests(request("R0", received="2023-12-20", answered=None, outcome=None))


def test_this_years_carried_in_equals_last_years_carried_out(run):
    this_year = requests(request("R0", received="2023-12-20", answered="2024-01-10", carried_over=True),
                         request("R1"))
    findings = arithmetic(run, [previous_year(CARRIED_2023), this_year])
    assert [(f.subject, f.status.value) for f in findings] == [("表三、表四", "pass")]


def test_last_years_typed_carried_out_against_this_years_carried_in(run):
    # 2023 (typed): 四 = 1 自然人 + 1 商业企业; 2024 (typed BASE): 二 = 1 自然人, 0 商业企业.
    last = typed({"new": [1, 1, 0, 0, 0, 0, 2], "carried_out": [1, 1, 0, 0, 0, 0, 2]}, {})
    found = failures(arithmetic(run, [previous_year(last), typed()]))
    assert sorted(found) == sorted([
        (f"表三 {CARRIED_IN} / 商业企业",
         f"表三 (row {CARRIED_IN}, column 商业企业): 二、上年结转 0 ≠ 上年报告的四、结转下年度继续办理 1"),
        (f"表三 {CARRIED_IN} / 总计",
         f"表三 (row {CARRIED_IN}, column 总计): 二、上年结转 1 ≠ 上年报告的四、结转下年度继续办理 2"),
    ])


def test_last_years_counted_carried_out_against_this_years_typed_carried_in(run):
    # 2023 (records): R0 unanswered at its end, 自然人. 2024 types 二 as 0 although it lists R0 carried over.
    this_year = requests(request("R0", received="2023-12-20", answered="2024-01-10", carried_over=True)) + typed(
        {"new": ZEROS, "carried_in": ZEROS, "disclosed": ZEROS, "total": ZEROS, "carried_out": ZEROS}, {})
    found = failures(arithmetic(run, [previous_year(CARRIED_2023), this_year]))
    e_failures = [subject for subject, message in found if "上年报告" in message]
    assert sorted(e_failures) == [f"表三 {CARRIED_IN} / 总计", f"表三 {CARRIED_IN} / 自然人"]
    # The typed 二 and （一） also disagree with the carried-over record.
    assert f"表三 {CARRIED_IN} / 自然人" in [subject for subject, message in found if "typed" in message]


def test_without_last_years_file_carried_in_is_not_compared(run):
    assert [f.status.value for f in arithmetic(run, typed())] == ["pass"]


def test_last_year_is_not_judged_itself(run):
    # A 2023 file whose own sums fail: 2023 has no catalog and is not judged.
    broken = typed(cell=("new", 6, 9), table4={})
    findings = run([previous_year(broken), "trainings: []\n"], AS_OF, rules=[RULE])
    assert {(f.unit, f.location.path.name) for f in findings} == {("市教育局", "report_1.yaml")}


def test_the_examples_in_the_rule_docstring(run):
    passes = ("annual_report_figures:\n  table3:\n    new: [3, 1, 0, 0, 0, 0, 4]\n"
              "    carried_in: [0, 0, 0, 0, 0, 0, 0]\n    disclosed: [2, 1, 0, 0, 0, 0, 3]\n"
              "    total: [2, 1, 0, 0, 0, 0, 3]\n    carried_out: [1, 0, 0, 0, 0, 0, 1]\n")
    assert statuses(run(passes, AS_OF, rules=[RULE]), RULE) == [("表三、表四", "pass", 2)]
    fails = passes.replace("new: [3, 1, 0, 0, 0, 0, 4]", "new: [3, 1, 0, 0, 0, 0, 5]")
    assert "fail" in {status for _, status, _ in statuses(run(fails, AS_OF, rules=[RULE]), RULE)}
