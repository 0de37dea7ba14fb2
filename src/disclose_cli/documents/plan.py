"""A unit's 工作配档表 for the year: its catalog tasks and its recurring duties with concrete due dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.catalog import Catalog, Task
from ..calendar.periods import whole_year, windows
from ..model.registry import Unit
from ..rules.base import Parameters, percent


@dataclass(frozen=True)
class Duty:
    rule: str
    label: str  # a window label (2024Q1), the year, or "" for a duty that recurs with each record
    due: dt.date | None  # None where the date depends on each record (feedback within N working days)
    requirement_zh: str
    requirement_en: str


@dataclass(frozen=True)
class PlanData:
    unit: Unit
    year: int
    notice: object
    tasks: tuple[Task, ...]
    role_tasks: tuple[Task, ...]  # tasks the unit may take on through a role (重大行政决策承办部门 …)
    duties: tuple[Duty, ...]


def build_plan(catalog: Catalog, unit: Unit, parameters: Parameters) -> PlanData:
    assigned = catalog.tasks_of(unit.name)
    assigned_ids = {task.id for task in assigned}
    role_tasks = tuple(task for task in catalog.tasks if task.id not in assigned_ids and catalog.may_report(task, unit))
    rules = {rule for task in assigned for rule in task.rules}
    year = catalog.year
    year_end = whole_year(year).end
    duties: list[Duty] = []
    if "meeting-frequency" in rules:
        span = parameters.meeting_span.get(unit.kind, "half")
        every_zh, every_en = ("每季度", "every quarter") if span == "quarter" else ("每半年", "every half-year")
        for window in windows(year, span):
            duties.append(Duty("meeting-frequency", window.label, window.end,
                               f"{every_zh}至少邀请公众代表列席重要会议1次",
                               f"at least one important meeting with public representatives {every_en}"))
    if "evaluation-frequency" in rules and unit.policy_maker:
        required = parameters.evaluations_required.get(unit.kind, 1)
        duties.append(Duty("evaluation-frequency", str(year), year_end,
                           f"至少开展{required}次专题性政策评价，年底前公开评价结果和运用情况",
                           f"at least {required} policy evaluation{'s' * (required != 1)}, results published "
                           "by the year's end"))
    if "training-frequency" in rules:
        required = parameters.trainings_required
        duties.append(Duty("training-frequency", str(year), year_end, f"至少组织{required}次集中学习培训",
                           f"at least {required} training{'s' * (required != 1)}"))
    if "multimedia-share" in rules:
        share = percent(parameters.multimedia_share)
        duties.append(Duty("multimedia-share", str(year), year_end, f"视频、动漫等解读形式占比不低于{share}",
                           f"at least {share} of interpretations as video, animation, audio or H5"))
    if {"feedback-deadline"} & ({rule for task in assigned + role_tasks for rule in task.rules}):
        days = parameters.feedback_workdays
        duties.append(Duty("feedback-deadline", "", None,
                           f"决策文件出台后{days}个工作日内公开意见收集、采纳情况",
                           f"publish the consultation feedback within {days} working days of each decision"))
    if "request-deadline" in rules:
        duties.append(Duty("request-deadline", "", None,
                           f"收到申请之日起{parameters.request_workdays}个工作日内答复（经批准可延长"
                           f"{parameters.request_extension_workdays}个工作日）",
                           f"answer each information request within {parameters.request_workdays} working days "
                           f"(up to {parameters.request_extension_workdays} more when approved)"))
    duties.sort(key=lambda duty: (duty.due or dt.date.max, duty.rule))
    return PlanData(unit, year, catalog.notice, tuple(assigned), role_tasks, tuple(duties))
