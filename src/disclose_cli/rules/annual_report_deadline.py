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
from typing import Annotated, Any, Iterable

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..base.phrase import Phrase
from ..model.fields import drop_line_key
from ..model.findings import Verdict
from ..model.registry import Unit, UnitKind
from .base import RuleContext, UnitYear, judge_due, verdict
from .rule import Duty, Figures as RuleFigures, figure, over_defaults

ID = "annual-report-deadline"
NAME = Phrase("Annual report deadline", "年度报告公开时限")
SUBJECT = "year"
IN_CATALOG = False  # the statute's deadline, not a row of the table
# 政府信息公开条例 第四十九条: departments publish by 31 January, governments (districts, zones) by 31 March.
DUE = {"department": "01-31", "other": "01-31", "district": "03-31", "zone": "03-31"}

DOC_ZH = """annual-report-deadline：按时公开政府信息公开工作年度报告。

依据：《政府信息公开条例》第四十九条“政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布”“县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告”。

计算方法：部门和其他单位于次年1月31日前、区市和开发区于次年3月31日前公开（按条例所写的日历日期；disclose.yaml 可按单位类别或单个单位规定更早的日期）。年度报告公开日期（annual_report.published）在期限当日或之前为通过，晚于期限为未通过；尚未公开的，期限届满前为未到期，届满后为未通过。未报送落实情况的单位只由 report-missing 判定。对象：年度。

通过示例（部门的2024年度报告）::

    annual_report:
      published: 2025-01-20

未通过示例::

    annual_report:
      published: 2025-02-05
"""


def _month_day(value: Any) -> str:
    try:
        dt.date.fromisoformat(f"2024-{value}")  # a leap year, so 02-29 is allowed
    except (TypeError, ValueError):
        raise PydanticCustomError("month_day", "expected a month and day written as MM-DD, such as 01-31; got "
                                  "{value}", {"value": repr(value)}) from None
    return value


MonthDay = Annotated[str, BeforeValidator(_month_day)]


class Figures(RuleFigures):
    annual_report_due: Annotated[dict[UnitKind, MonthDay], over_defaults(DUE)] = figure(
        DUE, "the annual report's due date (MM-DD of the next year) per unit kind", "各类单位年度报告公开期限（次年月-日）")
    # Stricter local dates for single units, by registry name.
    annual_report_due_by_unit: Annotated[dict[str, MonthDay], BeforeValidator(drop_line_key)] = figure(
        {}, "stricter due dates for single units (MM-DD)", "个别单位更严格的年度报告公开期限（月-日）", keyed_by="unit")
PUBLISHED = Phrase("annual report published", "年度报告公开")
NOT_PUBLISHED = Phrase("annual report not published", "年度报告尚未公开")


def due_date(unit: Unit, year: int, parameters: Figures) -> dt.date:
    """The day a unit's report on ``year`` is due, in the next year."""
    month_day = parameters.annual_report_due_by_unit.get(unit.name) or parameters.annual_report_due[unit.kind]
    month, day = (int(part) for part in month_day.split("-"))
    # "02-29" names the last day of February, which 2025 ends on the 28th.
    return dt.date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))


def duties(unit: Unit, year: int, parameters: Figures) -> Iterable[Duty]:
    due = due_date(unit, year, parameters)
    yield Duty(ID, str(year), due, Phrase(f"publish the {year} annual disclosure report by {due}",
                                          f"{due.year}年{due.month}月{due.day}日前公开{year}年政府信息公开工作年度报告"))


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    annual = subject.report.annual_report
    published = annual.published if annual is not None else None
    due = due_date(subject.unit, subject.year, ctx.parameters)
    status, message, late = judge_due(ctx, published, due, PUBLISHED, NOT_PUBLISHED)
    line = annual.line if annual is not None else subject.report.line
    yield verdict(subject, str(subject.year), status, message, line, due, late, done=ctx.happened(published))
