"""A JSON Schema of the report format for editors (yaml-language-server), with Chinese and English help."""

from __future__ import annotations

from typing import Any

from .catalog import RULE_IDS
from .context import Context
from .report import Report
from .yamlio import LINE_KEY

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
    "title": ("标题", "Title", "", ""),
    "opened": ("开始日期", "Opened", "征求意见开始日期", "First day of the comment period"),
    "closed": ("截止日期", "Closed", "征求意见截止日期", "Last day of the comment period"),
    "short_reason": ("缩短期限理由", "Reason for a shorter period", "不足30日时公开说明的理由",
                     "The published reason for a period under 30 days"),
    "decisions": ("决策文件及结果反馈", "Decisions and feedback", "决策文件出台后10个工作日内公开意见采纳情况",
                  "Feedback within 10 working days of each decision"),
    "issued": ("出台日期", "Issued", "", ""),
    "feedback_published": ("反馈公开日期", "Feedback published", "尚未公开时不填", "Absent until published"),
    "interpretations": ("政策解读", "Policy interpretations", "视频、动漫等形式占比不低于30%",
                        "At least 30% as video, animation and similar forms"),
    "policy": ("所解读政策", "Policy", "", ""),
    "form": ("解读形式", "Form", "text 文字 | graphic 图文 | video 视频 | animation 动漫 | audio 音频 | h5 | "
             "briefing 发布会 | interview 访谈 | article 评论文章", "The form of the interpretation"),
    "published": ("发布日期", "Published", "", ""),
    "meetings": ("重要会议", "Meetings", "邀请公众代表列席：部门每半年、区市和开发区每季度至少1次",
                 "With public representatives: departments every half-year, districts and zones every quarter"),
    "date": ("日期", "Date", "", ""),
    "public_attendees": ("列席公众代表人数", "Public attendees", "≥1 才计入", "A meeting counts when ≥ 1"),
    "opinions_published": ("意见采纳情况公开日期", "Opinions published", "", ""),
    "evaluations": ("政策评价", "Policy evaluations", "部门每年至少1次、区市和开发区至少2次，年底前公开结果",
                    "Departments 1 a year, districts and zones 2, results published by year's end"),
    "topic": ("评价主题", "Topic", "", ""),
    "completed": ("完成日期", "Completed", "", ""),
    "results_published": ("结果公开日期", "Results published", "尚未公开时不填", "Absent until published"),
    "trainings": ("业务培训", "Trainings", "每年至少组织1次集中学习培训", "At least one a year"),
    "requests": ("依申请公开", "Information requests", "20个工作日内答复，经批准可延长20个工作日（条例第三十三条）",
                 "Answer within 20 working days, 20 more when approved"),
    "ref": ("申请编号", "Reference", "", ""),
    "received": ("收到申请日期", "Received", "条例第三十一条规定的收到申请之日", "The legal date of receipt"),
    "corrected": ("收到补正申请日期", "Corrected", "补正后期限重新计算（第三十条）", "The period restarts"),
    "answered": ("答复日期", "Answered", "尚未答复时不填", "Absent until answered"),
    "extended": ("是否延期", "Extended", "经批准延长答复期限", "An approved extension"),
    "excluded_workdays": ("不计入的工作日", "Excluded working days", "征求第三方意见所需时间（第三十三条第三款）",
                          "Third-party consultation time"),
    "waivers": ("豁免", "Waivers", "经批准豁免某项规则的结果", "Approved exemptions from a rule's finding"),
    "rule": ("规则", "Rule", "规则编号（disclose rules）", "A rule id (disclose rules)"),
    "subject": ("对象", "Subject", "时段（如 2024Q3）、任务编号、标题或申请编号；不填则适用该规则全部结果",
                "A window, task id, title or ref; absent = every finding of the rule"),
    "reason": ("理由", "Reason", "", ""),
    "approved_by": ("批准人", "Approved by", "", ""),
    "expires": ("有效期至", "Expires", "含当日", "Inclusive"),
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


def report_schema(context: Context) -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    for node in [schema, *definitions.values()]:
        properties = node.get("properties", {})
        properties.pop(LINE_KEY, None)
        for key, prop in properties.items():
            _document(prop, key)
        _document(node, node.get("title", ""))
    names = sorted({name for unit in context.registry.units for name in (unit.name, *unit.aliases)})
    schema["properties"]["unit"]["enum"] = names
    task_ids = sorted({task.id for catalog in context.catalogs.values() for task in catalog.tasks})
    definitions["TaskProgress"]["properties"]["task"]["enum"] = task_ids
    definitions["Waiver"]["properties"]["rule"]["enum"] = list(RULE_IDS)
    schema["properties"]["year"]["enum"] = sorted(context.catalogs)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
