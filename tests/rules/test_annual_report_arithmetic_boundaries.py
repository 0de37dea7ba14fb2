"""annual-report-arithmetic at its edges: ten unplaced requests are all named, eleven are cut short; a request
given up for want of a 补正 and counted elsewhere; a failed column sum named by its column; where each finding
points; the messages in Chinese as in English."""

from __future__ import annotations

from helpers import only
from rules.test_annual_report_arithmetic import BASE4, arithmetic, request, requests, typed

RULE = "annual-report-arithmetic"


def test_ten_unplaced_requests_are_all_named_eleven_are_cut_short(run):
    ten = only(arithmetic(run, requests(*(request(f"R{n}", applicant=None) for n in range(1, 11)))), RULE,
               "表三 未填申请人类别")
    assert ten.message.endswith("(R1、R2、R3、R4、R5、R6、R7、R8、R9、R10)")
    assert ten.message_zh == "10件申请无法计入表三：未填申请人类别（R1、R2、R3、R4、R5、R6、R7、R8、R9、R10）"
    eleven = only(arithmetic(run, requests(*(request(f"R{n}", applicant=None) for n in range(1, 12)))), RULE,
                  "表三 未填申请人类别")
    assert eleven.message.endswith("(R1、R2、R3、R4、R5、R6、R7、R8、R9、R10…)")


def test_answered_without_an_outcome_in_chinese(run):
    finding = only(arithmetic(run, requests(request("R7", outcome=None))), RULE, "表三 已办结但未填办理结果")
    assert finding.message_zh == "1件申请无法计入表三：已办结但未填办理结果（R7）"


def test_a_request_given_up_must_be_counted_as_given_up(run):
    snippet = requests(request("R1", answered=None, correction_requested="2024-03-06",
                               correction_deadline="2024-03-20"))
    finding = only(arithmetic(run, snippet), RULE, "表三 逾期未补正")
    assert (finding.status.value, finding.location.line) == ("fail", 2)
    assert finding.message == ("1 request cannot be placed in Table 三: no 补正 by the correction deadline, so given "
                               "up: its outcome is other.no_correction (R1)")
    assert finding.message_zh == ("1件申请无法计入表三：逾期未补正视为放弃申请，办理结果应为（六）其他处理 "
                                  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请（R1）")


def test_a_failed_column_sum_is_named_by_its_column(run):
    found = arithmetic(run, typed(a=("disclosed", 0, 3), b=("new", 0, 4)))
    column = only(found, RULE, "表三 自然人")
    assert column.message == "表三 (column 自然人): 一+二 = 5，三（七）+四 = 4"
    assert column.message_zh == "表三“自然人”：一+二 = 5，三（七）+四 = 4"
    assert column.location.line == 2


def test_a_table4_failure_points_at_the_typed_figures(run):
    finding = only(arithmetic(run, "trainings: []\n" + typed(table4={**BASE4, "lawsuit_direct": [0, 1, 0, 1, 3]})),
                   RULE, "表四 未经复议直接起诉 / 总计")
    assert finding.location.line == 3  # annual_report_figures: is line 2, its table3: line 3


def test_typed_table4_against_the_recorded_appeals_in_both_languages(run):
    snippet = "appeals:\n  - {kind: review, result: upheld}\n  - {kind: review, result: upheld}\n" + typed(
        table3={}, table4={"review": [1, 0, 0, 0, 1]})
    findings = arithmetic(run, snippet)
    total = only(findings, RULE, "表四 行政复议 / 总计")
    assert total.message == "表四 行政复议 / 总计: typed 1, the recorded appeals give 2"
    assert total.message_zh == "表四 行政复议 / 总计：填报1，按已登记的复议诉讼统计为2"
    assert total.location.line == 5  # table4: of the typed figures
    typed_pass = only(findings, RULE, "表三、表四")
    assert typed_pass.message_zh == "表三、表四各项勾稽关系均成立（填报数据）"
    assert typed_pass.message == "every sum of Table 三 and Table 四 holds (typed figures)"
