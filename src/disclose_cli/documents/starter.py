"""The starter report file that ``disclose init`` writes: a unit's catalog tasks as planned, and every section with
a short comment saying what it records."""

from __future__ import annotations

from typing import Any

from ..base.phrase import Phrase, percent
from ..model.catalog import Catalog
from ..model.registry import Unit
from ..model.report_file import INTERPRETATION_FORM_LABELS

_ = Phrase("", "")
# Each section: its key, the comment above it, and an example record (key: value, and a note after it).
SECTIONS: tuple[tuple[str, Phrase, tuple[tuple[str, Phrase], ...]], ...] = (
    ("consultations", Phrase("意见征集 (consultations): public comment periods, at least {consultation_days} days "
                             "(closed - opened).", "意见征集：公开征求意见不少于{consultation_days}日（截止日期减开始日期）。"),
     (("title: 草案名称", _), ("opened: {year}-03-01", _), ("closed: {year}-03-31", _),
      ("short_reason: 不足30日时公开说明的理由", Phrase("optional", "可选")))),
    ("decisions", Phrase("决策文件 (decisions): feedback on the opinions within {feedback_workdays} working days of the "
                         "decision.", "决策文件：出台后{feedback_workdays}个工作日内公开意见收集、采纳情况。"),
     (("title: 决策文件名称", _), ("issued: {year}-09-27", _),
      ("feedback_published: {year}-10-16", Phrase("absent until published", "尚未公开时不填")))),
    ("interpretations", Phrase("政策解读 (interpretations): at least {share} as {forms}.",
                               "政策解读：{forms_zh}等形式占比不低于{share}。"),
     (("policy: 所解读的政策", _),
      ("form: video", Phrase("text | graphic | video | animation | audio | h5 | briefing | interview | article",
                             "text 文字 | graphic 图文 | video 视频 | animation 动漫 | audio 音频 | h5 | briefing 发布会 | "
                             "interview 访谈 | article 评论文章")),
      ("published: {year}-05-11", _))),
    ("meetings", Phrase("重要会议 (meetings) with public representatives: {meetings}.",
                        "重要会议：邀请公众代表列席，{meetings_zh}。"),
     (("title: 会议名称", _), ("date: {year}-03-15", _), ("public_attendees: 2", _),
      ("opinions_published: {year}-03-25", Phrase("optional", "可选")))),
    ("evaluations", Phrase("政策评价 (evaluations): {evaluations}, results published by 31 December.",
                           "政策评价：{evaluations_zh}，12月31日前公开评价结果。"),
     (("topic: 评价主题", _), ("completed: {year}-10-15", _),
      ("results_published: {year}-12-10", Phrase("absent until published", "尚未公开时不填")))),
    ("trainings", Phrase("业务培训 (trainings): at least {trainings} a year.", "业务培训：每年至少{trainings}次。"),
     (("title: 培训名称", _), ("date: {year}-06-20", _))),
    ("requests", Phrase("依申请公开 (requests): answered within {request_workdays} working days ({extended} when "
                        "extended).", "依申请公开：{request_workdays}个工作日内答复（经批准延期的{extended}个工作日）。"),
     (("ref: 申请编号", _), ("received: {year}-09-20", _),
      ("correction_requested: {year}-09-25", Phrase("补正: asked within 7 working days (optional)",
                                                    "告知补正：收到申请后7个工作日内（可选）")),
      ("correction_deadline: {year}-10-15", Phrase("the period given for it; no 补正 by then: given up",
                                                   "补正期限；届满仍未补正的视为放弃申请")),
      ("corrected: {year}-10-10", Phrase("the corrected application arrived: the period restarts",
                                         "收到补正申请之日，答复期限重新起算")),
      ("answered: {year}-10-23", Phrase("absent until answered", "尚未答复时不填")), ("extended: false", _),
      ("excluded_workdays: 0", _),
      ("applicant: natural_person", Phrase("natural_person | business | research | public_interest | legal_services | "
                                           "other", "自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他")),
      ("outcome: disclosed", Phrase("once answered: a Table 三 row (disclose rules annual-report-arithmetic)",
                                    "办结后填写：表三的办理结果行（见 disclose rules annual-report-arithmetic）")))),
    ("waivers", Phrase("豁免 (waivers) approved for this unit.", "豁免：经批准对本单位某项结果的豁免。"),
     (("rule: meeting-frequency", _), ("subject: {year}Q3", _), ("reason: 理由", _), ("approved_by: 批准单位", _),
      ("expires: {year}-12-31", _))),
)
ANNUAL_REPORT = (Phrase("政府信息公开工作年度报告 (annual_report): the unit's own text, and the day it was published.",
                        "政府信息公开工作年度报告：本单位撰写的文字部分和公开日期。"),
                 ("annual_report:", "  overview: {{proactive: …, requests: …, management: …, platforms: …, oversight: …}}",
                  "  problems: …", "  other: …", "  published: {next_year}-01-20"))


def _section(lang: str, values: dict, key: str, comment: Phrase, example: tuple[tuple[str, Phrase], ...]) -> list[str]:
    lines = [f"# {comment.pick(lang).format(**values)}", f"{key}: []"]
    for index, (line, note) in enumerate(example):
        text = ("#  - " if index == 0 else "#    ") + line.format(**values)
        lines.append(f"{text:<40} # {note.pick(lang)}" if note.pick(lang) else text)
    return lines + [""]


def starter(unit: Unit, catalog: Catalog, parameters: Any, lang: str = "zh") -> str:
    """The starter report of ``unit`` for the catalog's year, its comments in ``lang``."""
    year = catalog.year
    zh = lang == "zh"
    tasks = catalog.tasks_of(unit.name)
    lines = [f"# {year}年政务公开重点工作落实情况：{unit.name}" if zh else f"# {year} 政务公开重点工作落实情况: {unit.name}",
             f"# 由 disclose init 依据{catalog.notice.number}生成；检查：disclose validate 本文件" if zh else
             f"# Starter written by disclose init from {catalog.notice.number}; check it with: disclose validate FILE",
             f"unit: {unit.name}", f"year: {year}", "",
             "# 重点工作进展：status 为 planned（计划中）| in_progress（推进中）| done（已完成，填 done_on）| "
             "not_applicable（不适用，填 note）" if zh else
             "# 重点工作进展 (tasks): status planned | in_progress | done (with done_on) | not_applicable (with note)",
             "tasks:" if tasks else ("tasks: []   # 本单位没有承担任务表中的工作" if zh else
                                     "tasks: []   # no catalog task is assigned to this unit")]
    for task in tasks:
        lines.append(f"  - task: {task.id}    # {task.heading}；完成时限 {task.deadline_text}" if zh else
                     f"  - task: {task.id}    # {task.heading}; 完成时限 {task.deadline_text}")
        lines.append("    status: planned")
    lines.append("")
    span = parameters.meeting_span[unit.kind]
    required = parameters.evaluations_required[unit.kind]
    forms = parameters.multimedia_forms
    values = dict(
        year=year, next_year=year + 1, consultation_days=parameters.consultation_days,
        feedback_workdays=parameters.feedback_workdays, share=percent(parameters.multimedia_share),
        forms=", ".join(forms), forms_zh="、".join(INTERPRETATION_FORM_LABELS[form] for form in forms),
        trainings=parameters.trainings_required, request_workdays=parameters.request_workdays,
        extended=parameters.request_workdays + parameters.request_extension_workdays,
        meetings="at least one per quarter" if span == "quarter" else "at least one per half-year",
        meetings_zh="每季度至少1次" if span == "quarter" else "每半年至少1次",
        evaluations=f"at least {required} a year" if unit.policy_maker else "not required of this unit",
        evaluations_zh=f"每年至少{required}次" if unit.policy_maker else "本单位不作要求")
    for key, comment, example in SECTIONS[:-1]:
        lines += _section(lang, values, key, comment, example)
    comment, example = ANNUAL_REPORT
    lines += [f"# {comment.pick(lang)}", *(f"# {line.format(**values)}" for line in example), ""]
    lines += _section(lang, values, *SECTIONS[-1])
    return "\n".join(lines)
