"""The range of dates a plan can hold: wide enough for any real plan, small enough that every
computation on them (an end date plus a notice, follow-ups a year later) stays a valid date."""

from __future__ import annotations

from datetime import date

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
