"""The phase timer on a workshop's projector ("Role play: 12 minutes"). Pure: no Flask, no
database. The coach starts it with a label and a length; the projector shows the time left,
counted by the server from when it ends, or that the time is up.

Problem ids (the view turns them into messages next to the field): for the minutes
`required`, `not_a_number`, `too_short` and `too_long`; for the label `required`, `too_long`
and `not_plain` (control characters).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

MIN_MINUTES = 1
MAX_MINUTES = 180
MAX_LABEL_LENGTH = 80

# Whole minutes as a person types them: "12" or " 12 "; not "+12", "12.5", "1e9" or "-5".
_WHOLE = re.compile(r"\s*([0-9]+)\s*")
# Control characters other than tab and newline (as app.auth.safety refuses them), and line
# breaks and tabs too: a label is one line.
_NOT_PLAIN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

RUNNING = "running"
TIME_UP = "time_up"


@dataclass(frozen=True)
class TimerState:
    """What the projector shows of the timer: `running` with `seconds_left`, or `time_up`
    with `seconds_over` (how long ago it ended)."""

    label: str
    minutes: int
    status: str
    seconds_left: int = 0
    seconds_over: int = 0

    @property
    def running(self) -> bool:
        return self.status == RUNNING

    @property
    def time_up(self) -> bool:
        return self.status == TIME_UP

    @property
    def clock(self) -> str:
        """The time left as minutes:seconds ("11:58", "0:07", "120:00"); "0:00" once up."""
        minutes, seconds = divmod(self.seconds_left, 60)
        return f"{minutes}:{seconds:02d}"

    @property
    def minutes_over(self) -> int:
        """Whole minutes since the time was up (0 in its first minute)."""
        return self.seconds_over // 60


def aware(moment: datetime | None) -> datetime | None:
    """`moment` with its time zone; a naive one (SQLite gives those back) is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def timer_state(
    label: str | None, minutes: int | None, ends_at: datetime | None, now: datetime
) -> TimerState | None:
    """The timer's state at `now`, or None when no timer is set (no end time).

    The seconds left are rounded up, so a 12-minute timer shows "12:00" when just started and
    "0:01" in its last second; at its end it is up. Both datetimes are aware (naive is UTC)."""
    ends_at, now = aware(ends_at), aware(now)
    if ends_at is None or now is None:
        return None
    left = (ends_at - now).total_seconds()
    base = {"label": (label or "").strip(), "minutes": minutes or 0}
    if left > 0:
        return TimerState(**base, status=RUNNING, seconds_left=math.ceil(left))
    return TimerState(**base, status=TIME_UP, seconds_over=math.floor(-left))


def ends_at(now: datetime, minutes: int) -> datetime:
    """When a timer of `minutes` started at `now` ends."""
    return aware(now) + timedelta(minutes=minutes)


def parse_minutes(typed: str | None) -> tuple[int | None, str | None]:
    """The timer's length from what was typed: `(minutes, None)` when it is a whole number from
    MIN_MINUTES to MAX_MINUTES, else `(None, problem id)`. Decimals, exponents ("1e9"), signs
    and words are `not_a_number`; nothing typed is `required`."""
    if typed is None or not typed.strip():
        return None, "required"
    match = _WHOLE.fullmatch(typed)
    if match is None:
        return None, "not_a_number"
    digits = match.group(1).lstrip("0") or "0"
    if len(digits) > len(str(MAX_MINUTES)):  # "99999999999": too long, without int() of it
        return None, "too_long"
    minutes = int(digits)
    if minutes < MIN_MINUTES:
        return None, "too_short"
    if minutes > MAX_MINUTES:
        return None, "too_long"
    return minutes, None


def label_problem(label: str | None) -> str | None:
    """What is wrong with a timer's label (None when fine): it names the phase for the room, so
    it is required, one line of plain text, at most MAX_LABEL_LENGTH characters."""
    text = (label or "").strip()
    if not text:
        return "required"
    if len(text) > MAX_LABEL_LENGTH:
        return "too_long"
    if _NOT_PLAIN.search(text):
        return "not_plain"
    return None
