"""Which session a reflection looks back on: the client's recent sessions that have no
reflection yet, and a day typed in the client's own words ("last Tuesday", "24 November",
"24.11."). Pure: no I/O."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from features.common.session_times import SessionSchedule, sessions_between

# How far back a missed session is still offered: a month of weekly sessions.
LOOKBACK = timedelta(days=35)
# The most session days offered as buttons (the newest); any other day can be typed.
OFFERED = 4

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4})?)?\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def unreflected(
    schedule: SessionSchedule | None, reflected: frozenset[date], now: datetime
) -> tuple[date, ...]:
    """The local dates of the client's sessions that began in the last weeks and have no
    reflection yet, oldest first: at most the newest `OFFERED`."""
    if schedule is None:
        return ()
    recent = sessions_between(schedule, now - LOOKBACK, now)
    return tuple(s.local_date for s in recent if s.local_date not in reflected)[-OFFERED:]


def parse_day(text: str, today: date) -> date | None:
    """The past (or today's) date a client typed, or None when it can't be read as one.
    A day without a year is the last such day up to today; a weekday is the last one up to
    today, "last <weekday>" the last one before today."""
    words = " ".join(text.strip().lower().replace(",", " ").split()).removeprefix("on ")
    if words == "today":
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    last = words.startswith("last ")
    name = words.removeprefix("last ").strip()
    for number, weekday in enumerate(_WEEKDAYS):
        if name in (weekday, weekday[:3]):
            back = (today.weekday() - number) % 7
            return today - timedelta(days=back or (7 if last else 0))
    return _calendar_day(words, today)


def _calendar_day(words: str, today: date) -> date | None:
    """ "24 November", "November 24", "24th Nov 2026", "24.11.", "24/11/26", "2026-11-24"."""
    iso = _ISO.match(words)
    if iso:
        return _date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = _NUMERIC.match(words)
    if numeric:
        year = numeric[3]
        if year is None:
            return _last(int(numeric[1]), int(numeric[2]), today)
        full = int(year) + (2000 if len(year) == 2 else 0)
        return _date(full, int(numeric[2]), int(numeric[1]))
    # "Tuesday 24 November", as the bot writes days, reads as "24 November".
    named = [part for part in words.split() if part not in _WEEKDAYS]
    parts = [re.sub(r"(?<=\d)(st|nd|rd|th)$", "", part) for part in named]
    day = [p for p in parts if p.isdigit() and len(p) <= 2]
    month = [
        number
        for number, name in enumerate(_MONTHS, 1)
        for p in parts
        if len(p) >= 3 and name.startswith(p)
    ]
    year = [p for p in parts if p.isdigit() and len(p) == 4]
    if len(day) != 1 or len(month) != 1 or len(parts) != 2 + len(year):
        return None
    if year:
        return _date(int(year[0]), month[0], int(day[0]))
    return _last(int(day[0]), month[0], today)


def _last(day: int, month: int, today: date) -> date | None:
    """The last `day`.`month` up to today: this year's, or last year's if still to come."""
    found = _date(today.year, month, day)
    if found is not None and found > today:
        return _date(today.year - 1, month, day)
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
