"""multimedia-share: at least 30% of a unit's policy interpretations use video, animation and similar forms.

The notice's 解读内容及形式 row: 视频、动漫等解读形式占比不低于30%. Per unit and year: interpretations whose form
counts (by default video, animation, audio and h5; configurable) divided by all interpretations. While the year is
open the finding is pending and shows the share so far; at the year's end it passes or fails. No interpretations
at all at the year's end fails. Subject: the year.

Passes::

    interpretations:
      - {policy: 威海市促进消费若干措施, form: video, published: 2024-05-11}
      - {policy: 威海市促进消费若干措施, form: text, published: 2024-05-11}

Fails (at the year's end)::

    interpretations:
      - {policy: 威海市促进消费若干措施, form: text, published: 2024-05-11}
      - {policy: 威海市人才新政, form: graphic, published: 2024-06-02}
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Iterable, Sequence

from pydantic import Field

from ..base.phrase import Phrase, percent
from ..model.findings import Finding, Status, Verdict
from ..model.report_file import INTERPRETATION_FORM_LABELS, InterpretationForm
from .base import RuleContext, UnitYear, measure_of, section_line, verdict
from .rule import Count, Duty, Figures as RuleFigures, figure

ID = "multimedia-share"
NAME = Phrase("Multimedia interpretations", "多样化解读占比")
SUBJECT = "year"

DOC_ZH = """multimedia-share：视频、动漫等形式的政策解读占比不低于30%。

依据：通知“解读内容及形式”一行“视频、动漫等解读形式占比不低于30%”。

计算方法：按单位和年度，以视频、动漫、音频、H5等形式（可在 disclose.yaml 中调整）的解读数除以全部解读数。年度结束前为未到期，并显示目前的占比；年度结束后达到30%为通过，否则为未通过；全年没有解读记录的为未通过。占比按实际比值判定，显示时只舍不入（如29.6%不显示为30%）。对象：年度。

通过示例::

    interpretations:
      - {policy: 威海市促进消费若干措施, form: video, published: 2024-05-11}
      - {policy: 威海市促进消费若干措施, form: text, published: 2024-05-11}

未通过示例::

    interpretations:
      - {policy: 威海市促进消费若干措施, form: text, published: 2024-05-11}
      - {policy: 威海市人才新政, form: graphic, published: 2024-06-02}
"""


class Figures(RuleFigures):
    # The notice's 解读内容及形式 row: 视频、动漫等解读形式占比不低于30%.
    multimedia_share_percent: int = Field(30, strict=True, ge=0, le=100, description=(
        "least share of interpretations in a counting form, in percent"), json_schema_extra={"zh": "多样化解读最低占比（%）"})
    multimedia_forms: tuple[InterpretationForm, ...] = figure(("video", "animation", "audio", "h5"),
                                                        "interpretation forms that count", "计入占比的解读形式")

    @property
    def multimedia_share(self) -> Fraction:
        return Fraction(self.multimedia_share_percent, 100)


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    year = ctx.year_judged(ID, subject)
    if year is None:
        return
    forms = ctx.parameters.multimedia_forms
    threshold = ctx.parameters.multimedia_share
    published = [item for item in subject.report.interpretations if item.published <= ctx.as_of]
    count = Count(sum(1 for item in published if item.form in forms), len(published), threshold)
    closed = ctx.as_of >= year.end
    line = section_line(subject.report, "interpretations")
    if not count.of:
        status = Status.FAIL if closed else Status.PENDING
        message = Phrase(f"no interpretations recorded in {subject.year}", f"{subject.year}年未记录政策解读")
        yield verdict(subject, year.label, status, message, line, year.end, measure=count)
        return
    share = count.share
    shown = Phrase(f"{count.done} of {count.of} interpretations ({percent(share)}) in {'/'.join(forms)}",
                   f"政策解读{count.of}篇，其中{'、'.join(INTERPRETATION_FORM_LABELS[form] for form in forms)}等形式"
                   f"{count.done}篇（{percent(share)}）")
    if share >= threshold:
        status = Status.PASS if closed else Status.PENDING
        message = shown + (f", meets {percent(threshold)}", f"，达到{percent(threshold)}")
    else:
        status = Status.FAIL if closed else Status.PENDING
        message = shown + (f", below {percent(threshold)}", f"，低于{percent(threshold)}")
        if not closed:
            message += (" so far", "（截至目前）")
    yield verdict(subject, year.label, status, message, line, year.end, measure=count)


def tally(findings: Sequence[Finding]) -> Count | None:
    """Interpretations in a counting form of all of them, and the threshold, as the finding judged them."""
    return measure_of(findings)


def duties(unit: object, year: int, parameters: Figures) -> Iterable[Duty]:
    share = percent(parameters.multimedia_share)
    yield Duty(ID, str(year), dt.date(year, 12, 31), Phrase(
        f"at least {share} of interpretations as video, animation, audio or H5", f"视频、动漫等解读形式占比不低于{share}"))
