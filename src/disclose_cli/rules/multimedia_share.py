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
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Phrase, Status, Verdict
from .base import RuleContext, UnitYear, percent, section_line, verdict

if TYPE_CHECKING:
    from ..model.report_file import Report

ID = "multimedia-share"
FORMS_ZH = {"text": "文字", "graphic": "图文", "video": "视频", "animation": "动漫", "audio": "音频", "h5": "H5",
            "briefing": "发布会", "interview": "访谈", "article": "评论文章"}


def check(subject: UnitYear, ctx: RuleContext) -> Iterable[Verdict]:
    year = ctx.year_judged(ID, subject)
    if year is None:
        return
    forms = ctx.parameters.multimedia_forms
    threshold = ctx.parameters.multimedia_share
    counted, total = tally(subject.report, ctx.as_of, forms)
    closed = ctx.as_of >= year.end
    if not total:
        status = Status.FAIL if closed else Status.PENDING
        message = Phrase(f"no interpretations recorded in {subject.year}", f"{subject.year}年未记录政策解读")
        yield verdict(subject, year.label, status, message, section_line(subject.report, "interpretations"),
                      year.end)
        return
    share = Fraction(counted, total)
    shown = Phrase(f"{counted} of {total} interpretations ({percent(share)}) in {'/'.join(forms)}",
                   f"政策解读{total}篇，其中{'、'.join(FORMS_ZH.get(form, form) for form in forms)}等形式{counted}篇"
                   f"（{percent(share)}）")
    if share >= threshold:
        status = Status.PASS if closed else Status.PENDING
        message = shown + (f", meets {percent(threshold)}", f"，达到{percent(threshold)}")
    else:
        status = Status.FAIL if closed else Status.PENDING
        message = shown + (f", below {percent(threshold)}", f"，低于{percent(threshold)}")
        if not closed:
            message += (" so far", "（截至目前）")
    yield verdict(subject, year.label, status, message, section_line(subject.report, "interpretations"), year.end)


def tally(report: Report, as_of: dt.date, forms: tuple[str, ...]) -> tuple[int, int]:
    """Interpretations published by ``as_of`` in a counting form, and all of them."""
    published = [item for item in report.interpretations if item.published <= as_of]
    return sum(1 for item in published if item.form in forms), len(published)
