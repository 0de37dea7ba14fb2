"""A JSON Schema of the report format for editors (yaml-language-server), with Chinese and English help."""

from __future__ import annotations

from typing import Any

from ..loading.context import Context
from ..model.annual_format import APPLICANTS, OUTCOME_BY_LABEL
from ..model.fields import LINE_KEY
from ..model.report_file import Report
from ..rules import RULES

SCHEMA_ID = "https://disclose.invalid/schema/report.json"

# key → (Chinese title, English title, Chinese help, English help)
DOCS: dict[str, tuple[str, str, str, str]] = {
    "Report": ("政务公开落实情况报告", "Transparency progress report",
               "一个单位一年一个文件", "One file per unit and year"),
    "unit": ("单位", "Unit", "单位名录中的名称或别名（disclose units）", "A registry name or alias (disclose units)"),
    "year": ("年度", "Year", "报告年度，决定使用哪一年的重点工作表", "The report's year; it picks the year's task table"),
    "tasks": ("重点工作进展", "Task progress", "本单位承担的重点工作（工作配档表）", "Progress on the unit's catalog tasks"),
    "task": ("任务编号", "Task id", "重点工作表中的编号（disclose tasks --unit 本单位）",
             "A catalog id (disclose tasks --unit NAME)"),
    "status": ("进展状态", "Status", "planned 计划中 | in_progress 推进中 | done 已完成 | not_applicable 不适用",
               "planned | in_progress | done | not_applicable"),
    "done_on": ("完成日期", "Done on", "状态为 done 时必填，格式 2024-11-30", "Required when done; e.g. 2024-11-30"),
    "evidence": ("佐证材料", "Evidence", "网址或文件编号", "URLs or document references"),
    "note": ("说明", "Note", "不适用时必填，写明理由", "Required when not_applicable: the reason"),
    "consultations": ("意见征集", "Consultations", "公开征求意见一般不少于30日（重大行政决策程序暂行条例第十四条）",
                      "Public comment periods, at least 30 days"),
    "title": ("标题", "Title", "文件、会议或培训的名称，按公开时的写法", "The name as published"),
    "opened": ("开始日期", "Opened", "征求意见开始日期", "First day of the comment period"),
    "closed": ("截止日期", "Closed", "征求意见截止日期", "Last day of the comment period"),
    "short_reason": ("缩短期限理由", "Reason for a shorter period", "不足30日时公开说明的理由",
                     "The published reason for a period under 30 days"),
    "decisions": ("决策文件及结果反馈", "Decisions and feedback", "决策文件出台后10个工作日内公开意见采纳情况",
                  "Feedback within 10 working days of each decision"),
    "issued": ("出台日期", "Issued", "决策文件印发或公布之日，格式 2024-09-27", "The day the decision was issued"),
    "feedback_published": ("反馈公开日期", "Feedback published", "尚未公开时不填", "Absent until published"),
    "interpretations": ("政策解读", "Policy interpretations", "视频、动漫等形式占比不低于30%",
                        "At least 30% as video, animation and similar forms"),
    "policy": ("所解读政策", "Policy", "被解读的政策文件名称", "The policy document interpreted"),
    "form": ("解读形式", "Form", "text 文字 | graphic 图文 | video 视频 | animation 动漫 | audio 音频 | h5 | "
             "briefing 发布会 | interview 访谈 | article 评论文章", "The form of the interpretation"),
    "published": ("发布日期", "Published", "解读材料发布之日", "The day the interpretation was published"),
    "meetings": ("重要会议", "Meetings", "邀请公众代表列席：部门每半年、区市和开发区每季度至少1次",
                 "With public representatives: departments every half-year, districts and zones every quarter"),
    "date": ("日期", "Date", "会议或培训举行之日", "The day of the meeting or training"),
    "public_attendees": ("列席公众代表人数", "Public attendees", "≥1 才计入", "A meeting counts when ≥ 1"),
    "opinions_published": ("意见采纳情况公开日期", "Opinions published", "列席代表意见发表和采纳情况公开之日（可选）", "When the representatives' opinions and their adoption were published (optional)"),
    "evaluations": ("政策评价", "Policy evaluations", "部门每年至少1次、区市和开发区至少2次，年底前公开结果",
                    "Departments 1 a year, districts and zones 2, results published by year's end"),
    "topic": ("评价主题", "Topic", "专题性政策评价的主题（针对某一领域）", "The subject of the evaluation"),
    "completed": ("完成日期", "Completed", "评价完成之日", "The day the evaluation was completed"),
    "results_published": ("结果公开日期", "Results published", "尚未公开时不填", "Absent until published"),
    "trainings": ("业务培训", "Trainings", "每年至少组织1次集中学习培训", "At least one a year"),
    "requests": ("依申请公开", "Information requests", "20个工作日内答复，经批准可延长20个工作日（条例第三十三条）",
                 "Answer within 20 working days, 20 more when approved"),
    "ref": ("申请编号", "Reference", "本单位的申请登记编号，须为文字（纯数字请加引号）", "The request's reference; text (quote a number)"),
    "received": ("收到申请日期", "Received", "条例第三十一条规定的收到申请之日", "The legal date of receipt"),
    "correction_requested": ("告知补正日期", "Correction requested",
                             "收到申请之日起7个工作日内一次性告知补正（条例第三十条）；补正期间答复期限暂停",
                             "Within 7 working days of receipt; the answer period waits for the correction"),
    "correction_deadline": ("补正期限", "Correction deadline", "告知申请人的合理补正期限；逾期未补正视为放弃申请",
                            "The period given; no correction by then means the request is given up"),
    "corrected": ("收到补正申请日期", "Corrected", "补正后期限重新计算（第三十条）", "The period restarts"),
    "answered": ("答复日期", "Answered", "尚未答复时不填", "Absent until answered"),
    "extended": ("是否延期", "Extended", "经批准延长答复期限", "An approved extension"),
    "excluded_workdays": ("不计入的工作日", "Excluded working days", "征求第三方意见所需时间（第三十三条第三款）",
                          "Third-party consultation time"),
    "waivers": ("豁免", "Waivers", "经批准豁免某项规则的结果", "Approved exemptions from a rule's finding"),
    "rule": ("规则", "Rule", "规则编号（disclose rules）", "A rule id (disclose rules)"),
    "subject": ("对象", "Subject", "时段（如 2024Q3）、任务编号、标题或申请编号；不填则适用该规则全部结果",
                "A window, task id, title or ref; absent = every finding of the rule"),
    "reason": ("理由", "Reason", "豁免的理由", "Why the finding is waived"),
    "approved_by": ("批准人", "Approved by", "批准豁免的单位或负责人", "Who approved the waiver"),
    "expires": ("有效期至", "Expires", "含当日", "Inclusive"),
    "applicant": ("申请人类别", "Applicant", "表三的申请人列：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
                  "Table 三's applicant column"),
    "outcome": ("办理结果", "Outcome", "表三的办理结果行，可写代码或年报格式中的行名称（如“（一）予以公开”）",
                "Table 三's outcome row: a code or the national format's exact row label"),
    "carried_over": ("上年结转", "Carried over", "上年未办结、本年再次列出的申请（二、上年结转）",
                     "Listed again from last year's report, unanswered at its end"),
    "proactive": ("主动公开情况（表二）", "Proactive disclosure (Table 二)", "第二十条各项数据",
                  "Documents, decisions and fees of the year"),
    "regulations": ("规章", "Regulations", "", ""),
    "normative_documents": ("行政规范性文件", "Normative documents", "", ""),
    "DocumentCounts.issued": ("本年制发件数", "Issued this year", "", ""),
    "repealed": ("本年废止件数", "Repealed", "", ""),
    "in_force": ("现行有效件数", "In force", "", ""),
    "licensing_decisions": ("行政许可处理决定数量", "Licensing decisions", "", ""),
    "penalty_decisions": ("行政处罚处理决定数量", "Penalty decisions", "", ""),
    "enforcement_decisions": ("行政强制处理决定数量", "Enforcement decisions", "", ""),
    "fees_wan_yuan": ("行政事业性收费金额（万元）", "Fees (10,000 yuan)", "", ""),
    "appeals": ("行政复议、行政诉讼（表四）", "Appeals (Table 四)", "因政府信息公开被申请行政复议、提起行政诉讼的案件",
                "Review and lawsuit cases about disclosure"),
    "kind": ("类别", "Kind", "review 行政复议 | lawsuit_direct 未经复议直接起诉 | lawsuit_after_review 复议后起诉",
             "review | lawsuit_direct | lawsuit_after_review"),
    "result": ("结果", "Result", "upheld 维持 | corrected 纠正 | other 其他 | pending 尚未审结",
               "upheld | corrected | other | pending"),
    "annual_report": ("政府信息公开工作年度报告", "Annual disclosure report", "本单位撰写的文字部分和发布日期",
                      "The unit's own text and the publication date"),
    "overview": ("一、总体情况", "Overview", "五个小标题：主动公开、依申请公开、政府信息管理、平台建设、监督保障",
                 "Five sub-heads"),
    "management": ("（三）政府信息管理", "Information management", "", ""),
    "platforms": ("（四）政府信息公开平台建设", "Platforms", "", ""),
    "oversight": ("（五）监督保障", "Oversight", "", ""),
    "problems": ("五、存在的主要问题及改进情况", "Problems and improvements", "", ""),
    "other": ("六、其他需要报告的事项", "Other matters", "", ""),
    "contact": ("联系方式", "Contact", "", ""),
    "address": ("地址", "Address", "", ""),
    "phone": ("电话", "Phone", "", ""),
    "website": ("网站", "Website", "", ""),
    "email": ("电子邮箱", "Email", "", ""),
    "annual_report_figures": ("年报数据（手工填报）", "Annual report figures (typed)",
                              "不在本系统登记申请的单位手工填报表三、表四", "Table 三 and 四 typed by hand"),
    "table3": ("表三", "Table 三", "每行7个数：六类申请人和总计", "Each row: six applicant columns and 总计"),
    "table4": ("表四", "Table 四", "每组5个数：维持、纠正、其他、尚未审结、总计",
               "Each group: upheld, corrected, other, pending, total"),
}


def _document(node: dict[str, Any], key: str) -> None:
    docs = DOCS.get(key)
    if docs is None:
        return
    title_zh, title_en, help_zh, help_en = docs
    node["title"] = f"{title_zh} ({title_en})"
    help_text = " — ".join(part for part in (help_zh, help_en) if part)
    if help_text:
        node["description"] = help_text


def _allow_labels(node: dict[str, Any], labels: list[str]) -> None:
    """Where the tool accepts the national format's Chinese label in place of a code, so does the schema."""
    for option in node.get("anyOf", [node]):
        if "enum" in option:
            option["enum"] = [*option["enum"], *labels]


def report_schema(context: Context) -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    for node in [schema, *definitions.values()]:
        properties = node.get("properties", {})
        properties.pop(LINE_KEY, None)
        for key, prop in properties.items():
            _document(prop, f"{node.get('title')}.{key}" if f"{node.get('title')}.{key}" in DOCS else key)
        _document(node, node.get("title", ""))
    names = {name for unit in context.registry.units for name in (unit.name, *unit.aliases)}
    # The tool also reads 威海市X for a unit named 市X.
    names |= {"威海" + name for name in names if name.startswith("市")}
    schema["properties"]["unit"]["enum"] = sorted(names)
    request = definitions["Request"]["properties"]
    _allow_labels(request["applicant"], [label for _, label in APPLICANTS])
    _allow_labels(request["outcome"], list(OUTCOME_BY_LABEL))
    subject = definitions["Waiver"]["properties"]["subject"]
    subject["anyOf"] = [*subject.get("anyOf", [{"type": "string"}]),
                        {"type": "integer", "minimum": 2000, "maximum": 2100}]
    task_ids = sorted({task.id for catalog in context.catalogs.values() for task in catalog.tasks})
    definitions["TaskProgress"]["properties"]["task"]["enum"] = task_ids
    definitions["Waiver"]["properties"]["rule"]["enum"] = list(RULES)  # every rule may be waived
    # A catalog's year, or the year before it (a report kept for the next year's annual report).
    schema["properties"]["year"]["enum"] = sorted({year - offset for year in context.catalogs for offset in (0, 1)})
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
