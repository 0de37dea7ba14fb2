"""The starter report file that ``disclose init`` writes: a unit's catalog tasks as planned, and every section with
a short comment saying what it records."""

from __future__ import annotations

from typing import Any

from ..base.phrase import percent
from ..model.catalog import Catalog
from ..model.registry import Unit

SECTIONS = """\
# 意见征集 (consultations): public comment periods, at least {consultation_days} days (closed - opened).
consultations: []
#  - title: 草案名称
#    opened: {year}-03-01
#    closed: {year}-03-31
#    short_reason: 不足30日时公开说明的理由   # optional

# 决策文件 (decisions): feedback on the opinions within {feedback_workdays} working days of the decision.
decisions: []
#  - title: 决策文件名称
#    issued: {year}-09-27
#    feedback_published: {year}-10-16          # absent until published

# 政策解读 (interpretations): at least {share} as {forms}.
interpretations: []
#  - policy: 所解读的政策
#    form: video     # text | graphic | video | animation | audio | h5 | briefing | interview | article
#    published: {year}-05-11

# 重要会议 (meetings) with public representatives: {meetings}.
meetings: []
#  - title: 会议名称
#    date: {year}-03-15
#    public_attendees: 2
#    opinions_published: {year}-03-25          # optional

# 政策评价 (evaluations): {evaluations}, results published by 31 December.
evaluations: []
#  - topic: 评价主题
#    completed: {year}-10-15
#    results_published: {year}-12-10           # absent until published

# 业务培训 (trainings): at least {trainings} a year.
trainings: []
#  - title: 培训名称
#    date: {year}-06-20

# 依申请公开 (requests): answered within {request_workdays} working days ({extended} when extended).
requests: []
#  - ref: 申请编号
#    received: {year}-09-20
#    correction_requested: {year}-09-25        # 补正: asked within 7 working days (optional)
#    correction_deadline: {year}-10-15         # the period given for it; no 补正 by then: given up
#    corrected: {year}-10-10                   # the corrected application arrived: the period restarts
#    answered: {year}-10-23                    # absent until answered
#    extended: false
#    excluded_workdays: 0
#    applicant: natural_person   # natural_person | business | research | public_interest | legal_services | other
#    outcome: disclosed          # once answered: a Table 三 row (disclose rules annual-report-arithmetic)

# 政府信息公开工作年度报告 (annual_report): the unit's own text, and the day it was published.
# annual_report:
#   overview: {{proactive: …, requests: …, management: …, platforms: …, oversight: …}}
#   problems: …
#   other: …
#   published: {next_year}-01-20

# 豁免 (waivers) approved for this unit.
waivers: []
#  - rule: meeting-frequency
#    subject: {year}Q3
#    reason: 理由
#    approved_by: 批准单位
#    expires: {year}-12-31
"""



def starter(unit: Unit, catalog: Catalog, parameters: Any) -> str:
    """The starter report of ``unit`` for the catalog's year."""
    year = catalog.year
    lines = [f"# {year} 政务公开重点工作落实情况: {unit.name}",
             f"# Starter written by disclose init from {catalog.notice.number}; check it with: disclose validate FILE",
             f"unit: {unit.name}", f"year: {year}", "",
             "# 重点工作进展 (tasks): status planned | in_progress | done (with done_on) | not_applicable (with note)",
             "tasks:" if catalog.tasks_of(unit.name) else "tasks: []   # no catalog task is assigned to this unit"]
    for task in catalog.tasks_of(unit.name):
        lines.append(f"  - task: {task.id}    # {task.heading}; 完成时限 {task.deadline_text}")
        lines.append("    status: planned")
    span = parameters.meeting_span[unit.kind]
    required = parameters.evaluations_required[unit.kind]
    lines.append("")
    lines.append(SECTIONS.format(
        year=year,
        next_year=year + 1,
        consultation_days=parameters.consultation_days,
        feedback_workdays=parameters.feedback_workdays,
        share=percent(parameters.multimedia_share),
        forms=", ".join(parameters.multimedia_forms),
        trainings=parameters.trainings_required,
        request_workdays=parameters.request_workdays,
        extended=parameters.request_workdays + parameters.request_extension_workdays,
        meetings="at least one per quarter" if span == "quarter" else "at least one per half-year",
        evaluations=f"at least {required} a year" if unit.policy_maker else "not required of this unit",
    ))
    return "\n".join(lines)
