"""What a rule declares about itself, and the registry's view of a rule module.

A rule module declares, next to its ``check()``:

- ``ID`` (kebab-case) and ``NAME`` (a Phrase: how people call it);
- its docstring: the user documentation (``disclose rules ID``), with a passing and a failing example;
- ``Figures`` (optional): a model of the numbers it judges by, each with its default and description; the
  configuration's ``rules:`` section is made of every rule's figures;
- ``duties(unit, year, parameters)`` (optional): what the unit's 工作配档表 lists for it;
- ``tally(findings)`` (optional): the figures a report shows for it beside the statuses, from its findings only;
- ``SUBJECT``: what a finding's subject names (``task`` a catalog task id, ``window``, ``year``, ``record`` an
  event's title or ref, ``cell`` a cell of the yearly tables);
- ``IN_CATALOG`` (default True): whether a row of the task table may carry it;
- ``WITHOUT_REPORT`` (default False): whether it alone speaks for a unit that filed no report (every other rule
  is silent there, as it would only repeat that);
- ``FOLD_PENDING`` (default False): text output folds many of its findings pending on the same day into a line;
- ``CHECKS_ANNUAL_FIGURES`` (default False): its failures mean the yearly report's tables do not add up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterable, Literal, Sequence

from pydantic import BeforeValidator, Field

from ..base.phrase import Phrase
from ..base.limits import MAX_WORKDAYS
from ..model.fields import Record, drop_line_key

if TYPE_CHECKING:
    from ..model.findings import Finding, Verdict
    from ..model.registry import Unit
    from .base import RuleContext, UnitYear

Subject = Literal["task", "window", "year", "record", "cell"]
Number = Annotated[int, Field(strict=True, ge=0, le=MAX_WORKDAYS)]  # a count of days, working days or events


class Figures(Record):
    """The numbers a rule judges by. Each field has its default (from the law or the notice) and describes
    itself in both languages (``figure``); disclose.yaml's ``rules:`` section may change any of them."""


def figure(default: Any, en: str, zh: str, keyed_by: Literal["unit", "rule", "task"] | None = None) -> Any:
    """A figure's default and its description in English and Chinese (shown by ``disclose config``).
    ``keyed_by``: its keys name units, rules or tasks, which the configuration's loader checks (an alias or a
    full name becomes the unit's registry name)."""
    extra = {"zh": zh, **({"keyed_by": keyed_by} if keyed_by else {})}
    if isinstance(default, (dict, list)):
        return Field(default_factory=lambda: type(default)(default), description=en, json_schema_extra=extra)
    return Field(default, description=en, json_schema_extra=extra)


def over_defaults(defaults: dict[str, Any]) -> BeforeValidator:
    """For a figure per unit kind: a configuration names only the kinds it changes; the others keep theirs."""
    def merge(value: Any) -> Any:
        value = drop_line_key(value)
        return {**defaults, **value} if isinstance(value, dict) else value
    return BeforeValidator(merge)


@dataclass(frozen=True)
class Duty:
    """One line of a unit's 工作配档表 that a rule puts there."""

    rule: str
    label: str  # a window label (2024Q1), the year, or "" for a duty that recurs with each record
    due: dt.date | None  # None where the date depends on each record (feedback within N working days)
    requirement: Phrase


@dataclass(frozen=True)
class Count:
    """A tally: ``done`` of ``of`` (trainings held of those required; interpretations in a counting form of all
    of them, with the share's ``threshold``)."""

    done: int
    of: int
    threshold: Fraction | None = None

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.done, self.of) if self.of else None


@dataclass(frozen=True)
class WindowCell:
    """A window's status in a report's grid: pass, fail, pending, waived, or future (not begun)."""

    label: str
    status: str


@dataclass(frozen=True)
class Rule:
    """A rule module as the registry sees it."""

    id: str
    name: Phrase
    doc: str  # the user documentation in English (the module's docstring)
    doc_zh: str  # and in Chinese (its DOC_ZH)
    check: Callable[[UnitYear, RuleContext], Iterable[Verdict]]
    figures: type[Figures] | None
    duties: Callable[[Unit, int, Any], Iterable[Duty]] | None
    tally: Callable[[Sequence[Finding]], Any] | None
    subject: Subject
    in_catalog: bool
    without_report: bool
    fold_pending: bool
    checks_annual_figures: bool

    @classmethod
    def of(cls, module: ModuleType) -> Rule:
        doc = (module.__doc__ or "").strip()
        if not doc.startswith(f"{module.ID}: "):
            raise TypeError(f"{module.__name__}: the docstring must start with '{module.ID}: '")
        doc_zh = module.DOC_ZH.strip()
        if not doc_zh.startswith(f"{module.ID}："):
            raise TypeError(f"{module.__name__}: DOC_ZH must start with '{module.ID}：'")
        return cls(
            id=module.ID, name=module.NAME, doc=doc, doc_zh=doc_zh, check=module.check,
            figures=getattr(module, "Figures", None), duties=getattr(module, "duties", None),
            tally=getattr(module, "tally", None), subject=module.SUBJECT,
            in_catalog=getattr(module, "IN_CATALOG", True), without_report=getattr(module, "WITHOUT_REPORT", False),
            fold_pending=getattr(module, "FOLD_PENDING", False),
            checks_annual_figures=getattr(module, "CHECKS_ANNUAL_FIGURES", False),
        )

    @property
    def summary(self) -> str:
        """The first line of the documentation, after the id."""
        return self.doc.splitlines()[0].split(": ", 1)[-1]

    def documentation(self, lang: str) -> str:
        return self.doc_zh if lang == "zh" else self.doc

    def summary_in(self, lang: str) -> str:
        """The documentation's first line, after the id, in ``lang``."""
        return re.split("[:：] ?", self.documentation(lang).splitlines()[0], maxsplit=1)[-1]
