"""annual-report-deadline: the yearly 政府信息公开工作年度报告 is published on time.

政府信息公开条例 第四十九条: government departments publish last year's report by 31 January; the 主管部门 of a
local government publishes the government's report by 31 March. Departments and other units are due 31 January of
the next year, districts and zones 31 March (calendar dates, as the statute writes them; a stricter local date can
be set per unit kind or per unit in disclose.yaml). ``annual_report.published`` on or before the due date passes,
after it fails; not yet published: pending until the due date has passed, then fail. Subject: the year. A unit
without a report file is judged by report-missing alone.

Passes (a department's 2024 report)::

    annual_report:
      published: 2025-01-20

Fails::

    annual_report:
      published: 2025-02-05
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Iterable

from ..model.findings import Phrase, Verdict
from .base import RuleContext, UnitYear, judge_due, verdict

ID = "annual-report-deadline"
PUBLISHED = Phrase("annual report published", "年度报告公开")
NOT_PUBLISHED = Phrase("annual report not published", "年度报告尚未公开")


def due_date(subject: UnitYear, ctx: RuleContext) -> dt.date:
    parameters = ctx.parameters
    month_day = (parameters.annual_report_due_by_unit.get(subject.unit.name)
                 or parameters.annual_report_due.get(subject.unit.kind, "01-31"))
    month, day = (int(part) for part in month_day.split("-"))
    # "02-29" names the last day of February, which 2025 ends on the 28th.
    return dt.date(subject.year + 1, month, min(day, calendar.monthrange(subject.year + 1, month)[1]))


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    annual = subject.report.annual_report
    published = annual.published if annual is not None else None
    due = due_date(subject, ctx)
    status, message, late = judge_due(ctx, published, due, PUBLISHED, NOT_PUBLISHED)
    line = annual.line if annual is not None else subject.report.line
    yield verdict(subject, str(subject.year), status, message, line, due, late)
