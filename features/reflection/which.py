"""Which session a reflection looks back on: the client's recent sessions that have no
reflection yet, and a day typed in the client's own words and language ("last Tuesday",
"24 November", "24.11.", "gestern", "el martes pasado", "mardi dernier", "24 ноября"). Pure:
no I/O."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from features.common.lexicon import languages_of, words
from features.common.session_times import SessionSchedule, sessions_between
from features.common.typed_days import Calendar, Relative, Weekday, read_day

# How far back a missed session is still offered: a month of weekly sessions.
LOOKBACK = timedelta(days=35)
# The most session days offered as buttons (the newest); any other day can be typed.
OFFERED = 4


def unreflected(
    schedule: SessionSchedule | None, reflected: frozenset[date], now: datetime
) -> tuple[date, ...]:
    """The local dates of the client's sessions that began in the last weeks and have no
    reflection yet, oldest first: at most the newest `OFFERED`."""
    if schedule is None:
        return ()
    recent = sessions_between(schedule, now - LOOKBACK, now)
    return tuple(s.local_date for s in recent if s.local_date not in reflected)[-OFFERED:]


def parse_day(text: str, today: date, language: str | None = None) -> date | None:
    """The past (or today's) date a client typed, in any language features/common/lexicon.py
    knows ("last Tuesday", "gestern", "el martes pasado", "24 ноября", "24.11."), or None
    when it can't be read as one. A day without a year is the last such day up to today; a
    weekday is the last one up to today, "last <weekday>" the last one before today.
    `language`, the client's, decides only a word that names different days in two
    languages ("Di") where the text itself doesn't. A day still to come is returned, for
    the caller to say so."""
    tokens = words(text)
    typed = read_day(tokens, languages_of(tokens, language))
    if isinstance(typed, Relative):
        return today + timedelta(days=typed.offset)
    if isinstance(typed, Weekday):
        if typed.which == "next":
            return None
        back = (today.weekday() - typed.day) % 7
        return today - timedelta(days=back or (7 if typed.which == "last" else 0))
    if isinstance(typed, Calendar):
        if typed.year is not None:
            return _date(typed.year, typed.month, typed.day)
        return _last(typed.day, typed.month, today)
    return None


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
