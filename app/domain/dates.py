"""The dates a plan may hold, and date arithmetic that never fails.

Pure code, no Flask. A plan's dates lie between EARLIEST and LATEST: the plan file refuses
others, the web forms use the same bounds, and every computation below stays inside them, so a
far-off date can never make a page, a document or the calendar fail.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def clip(day: date) -> date:
    """The day itself, or the nearest end of the range when it lies outside it."""
    return min(max(day, EARLIEST), LATEST)


def parse_date(value: Any) -> date | None:
    """A date from `YYYY-MM-DD` text (or a date), or None: for nothing, for anything that is
    not a real calendar day, and for a day outside EARLIEST…LATEST. Never raises."""
    if isinstance(value, date):
        day = value if type(value) is date else date(value.year, value.month, value.day)
    elif isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        parts = (value[:4], value[5:7], value[8:])
        if not all(p.isascii() and p.isdigit() for p in parts):
            return None
        try:
            day = date(*(int(p) for p in parts))
        except ValueError:
            return None
    else:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _whole(amount: Any) -> int:
    """A count of weeks or months as a whole number; nothing (or nonsense) counts as 0."""
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return 0
    if amount != amount or amount in (float("inf"), float("-inf")):
        return 0
    return int(amount)


def add_days(day: date, days: Any) -> date:
    """`days` days after `day` (before it when negative), kept inside EARLIEST…LATEST."""
    count = _whole(days)
    span = (LATEST - EARLIEST).days + 1
    if count > span:
        return LATEST
    if count < -span:
        return EARLIEST
    return clip(clip(day) + timedelta(days=count))


def add_weeks(day: date, weeks: Any) -> date:
    """`weeks` weeks after `day`, kept inside EARLIEST…LATEST (a notice period of 520 weeks
    from 2100 ends on LATEST, it does not fail)."""
    count = _whole(weeks)
    span = (LATEST - EARLIEST).days // 7 + 1
    return add_days(day, max(-span, min(span, count)) * 7)


def add_months(day: date, months: Any) -> date:
    """The same day `months` later, on the month's last day when it is shorter (31 Jan + 1 →
    28/29 Feb), kept inside EARLIEST…LATEST."""
    start = clip(day)
    span = (LATEST.year - EARLIEST.year + 1) * 12
    count = max(-span, min(span, _whole(months)))
    index = start.year * 12 + start.month - 1 + count
    year, month = divmod(index, 12)
    if year > LATEST.year:
        return LATEST
    if year < EARLIEST.year:
        return EARLIEST
    last = (date(year + 1, 1, 1) if month == 11 else date(year, month + 2, 1)) - timedelta(days=1)
    return clip(date(year, month + 1, min(start.day, last.day)))
