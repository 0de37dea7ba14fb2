"""Today: the one place where the tool asks the clock. Everything else is judged as of a date it is given."""

from __future__ import annotations

import datetime as dt

CHINA_STANDARD_TIME = dt.timezone(dt.timedelta(hours=8))


def today_in_china() -> dt.date:
    """Today's date in China Standard Time, which the notice's deadlines are written in."""
    return dt.datetime.now(CHINA_STANDARD_TIME).date()
