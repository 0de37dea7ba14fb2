"""Field types shared by every model read from YAML, and the base of every record."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from ..base.limits import MAX_WORKDAYS

LINE_KEY = "__line__"  # the YAML reader stores each mapping's 1-based line under this key

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d would take full-width ones too
_HIDDEN_SPACES = "\u00a0\ufeff"  # named on their own by loading.typing_mistakes


@lru_cache(maxsize=8192)
def _date_of(text: str) -> dt.date:
    """One date object for each day written: a data set repeats its days a hundred thousand times over, and a
    date is immutable, so records share them (less memory, and parsed once)."""
    return dt.date.fromisoformat(text)


def _iso_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        value = value.strip(_HIDDEN_SPACES)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return _date_of(value)
        except ValueError as error:
            raise PydanticCustomError("date_impossible", "{value} is not a date on the calendar ({reason})",
                                      {"value": value, "reason": str(error)}) from None
    raise PydanticCustomError("date_form", "expected a date written as YYYY-MM-DD, such as 2024-03-01; got {value}",
                              {"value": repr(value) if isinstance(value, str) else str(value)})


def drop_line_key(value: Any) -> Any:
    """For mappings that are data (name → value) rather than records: their line is not a key."""
    if isinstance(value, dict) and LINE_KEY in value:
        return {key: item for key, item in value.items() if key != LINE_KEY}
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
Count = Annotated[int, Strict(), Field(ge=0)]
Workdays = Annotated[int, Strict(), Field(ge=0, le=MAX_WORKDAYS)]
Flag = Annotated[bool, Strict()]


class Record(BaseModel):
    """A mapping read from YAML: unknown keys are errors; ``line`` is where it starts in its file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    line: int | None = Field(default=None, alias=LINE_KEY, exclude=True, repr=False)
