"""The national format of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): headings, rows and columns.

Labels are exact, full-width punctuation and curly quotes included (shared/ANNUAL_REPORT.md §2–§5).
"""

from __future__ import annotations

HEADINGS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

# 一、总体情况: the five sub-heads every sampled report uses, keyed as in the report file.
OVERVIEW: tuple[tuple[str, str], ...] = (
    ("proactive", "（一）主动公开"),
    ("requests", "（二）依申请公开"),
    ("management", "（三）政府信息管理"),
    ("platforms", "（四）政府信息公开平台建设"),
    ("oversight", "（五）监督保障"),
)

# Table 三's applicant columns: code, label. 总计 follows them; there is no 法人或其他组织 subtotal column.
APPLICANTS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other", "其他"),
)
TOTAL_COLUMN = "总计"
COLUMNS: tuple[str, ...] = tuple(label for _, label in APPLICANTS) + (TOTAL_COLUMN,)

# The outcome rows of 三、本年度办理结果 (r03–r23), each with its group label ((三)–(六) have sub-rows, no subtotal).
OUTCOMES: tuple[tuple[str, str, str | None], ...] = (
    ("disclosed", "（一）予以公开", None),
    ("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("withheld.state_secret", "1.属于国家秘密", "（三）不予公开"),
    ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("withheld.security_stability", "3.危及“三安全一稳定”", "（三）不予公开"),
    ("withheld.third_party", "4.保护第三方合法权益", "（三）不予公开"),
    ("withheld.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"),
    ("withheld.process_information", "6.属于四类过程性信息", "（三）不予公开"),
    ("withheld.enforcement_files", "7.属于行政执法案卷", "（三）不予公开"),
    ("withheld.query_matters", "8.属于行政查询事项", "（三）不予公开"),
    ("unavailable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unavailable.needs_compilation", "2.没有现成信息需要另行制作", "（四）无法提供"),
    ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", "（四）无法提供"),
    ("not_processed.petition", "1.信访举报投诉类申请", "（五）不予处理"),
    ("not_processed.repeated", "2.重复申请", "（五）不予处理"),
    ("not_processed.publications", "3.要求提供公开出版物", "（五）不予处理"),
    ("not_processed.mass_repeated", "4.无正当理由大量反复申请", "（五）不予处理"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other.other", "3.其他", "（六）其他处理"),
)
OUTCOME_CODES: tuple[str, ...] = tuple(code for code, _, _ in OUTCOMES)

# Table 三's 25 rows: (key in annual_report_figures, label). Outcome rows are keyed by their outcome code.
ROW_NEW = "new"
ROW_CARRIED_IN = "carried_in"
ROW_TOTAL = "total"
ROW_CARRIED_OUT = "carried_out"
TABLE3_ROWS: tuple[tuple[str, str], ...] = (
    (ROW_NEW, "一、本年新收政府信息公开申请数量"),
    (ROW_CARRIED_IN, "二、上年结转政府信息公开申请数量"),
    *((code, label) for code, label, _ in OUTCOMES),
    (ROW_TOTAL, "（七）总计"),
    (ROW_CARRIED_OUT, "四、结转下年度继续办理"),
)
TABLE3_RESULTS_LABEL = "三、本年度办理结果"
TABLE3_RULE_TEXT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# Table 四: three groups, each 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计.
APPEAL_KINDS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("lawsuit_direct", "未经复议直接起诉"),
    ("lawsuit_after_review", "复议后起诉"),
)
APPEAL_RESULTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)
APPEAL_COLUMNS: tuple[str, ...] = tuple(label for _, label in APPEAL_RESULTS) + (TOTAL_COLUMN,)

# Table 二 (第二十条): captions and rows, keyed as in the report file's ``proactive:`` section.
TABLE2_CAPTIONS = {
    "documents": "第二十条第（一）项",
    "licensing": "第二十条第（五）项",
    "enforcement": "第二十条第（六）项",
    "fees": "第二十条第（八）项",
}
TABLE2_DOCUMENT_COLUMNS = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
TABLE2_DOCUMENT_ROWS = (("regulations", "规章"), ("normative_documents", "行政规范性文件"))
TABLE2_DECISION_HEADER = ("信息内容", "本年处理决定数量")
TABLE2_FEE_HEADER = ("信息内容", "本年收费金额（单位：万元）")

APPLICANT_BY_LABEL = {label: code for code, label in APPLICANTS}
OUTCOME_BY_LABEL = {label: code for code, label, _ in OUTCOMES}
# The group's label before the number makes a sub-row unambiguous ("（三）不予公开 1.属于国家秘密").
OUTCOME_BY_LABEL.update({f"{group}{label}": code for code, label, group in OUTCOMES if group})
OUTCOME_BY_LABEL.update({f"{group} {label}": code for code, label, group in OUTCOMES if group})
