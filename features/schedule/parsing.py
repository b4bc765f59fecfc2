"""What a client types for their sessions (their days, the time, a one-off session) in any
language of features/common/lexicon.py, and how a moment reads back to them. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from features.common.lexicon import languages_of, normalise, words
from features.common.timezones import zone_for
from features.common.typed_days import Calendar, Relative, TypedDay, read_day, read_weekdays
from features.common.typed_time import Unclear, read_time, read_time_words

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# How far ahead a one-off session may be: a weekday names one in the next two weeks.
_WEEKDAY_REACH = 14
_DATE_REACH = timedelta(days=366)
# Longer than any way of typing a one-off session ("el próximo jueves a las cinco y media de
# la tarde"): anything more is not one.
_MAX_ONE_OFF = 60
# The most words a day takes ("el 3 de diciembre de 2026").
_LONGEST_DAY = 6
# Longer than any list of days with a time ("los lunes, miércoles y viernes a las cinco y
# media de la tarde").
_MAX_DAYS = 80

# Why a one-off session was not taken: said to the client when asking again.
UnclearOneOff = Literal["unclear", "morning_or_evening", "no_time", "no_day", "past", "too_far"]
# The reasons in the order of how much of the text was understood.
_UNDERSTOOD: tuple[UnclearOneOff, ...] = (
    "unclear", "no_day", "no_time", "morning_or_evening", "past", "too_far",
)  # fmt: skip


def read_session_time(text: str) -> time | Unclear:
    """The local time a client typed, or why it can't be taken: "morning_or_evening" for
    a bare hour from 1 to 12 ("5" may be morning or evening, so we ask), else "unclear"."""
    return read_time(text)


def parse_session_time(text: str) -> time | None:
    """The local time a client typed for their session, or None to ask again."""
    read = read_session_time(text)
    return read if isinstance(read, time) else None


@dataclass(frozen=True, slots=True)
class TypedDays:
    """The weekdays a client typed for their sessions, and the time if they said it too
    ("dienstags um 17 Uhr"): None when they didn't, or why it can't be taken."""

    days: tuple[int, ...]
    at: time | Unclear | None = None


def read_days(text: str, language: str | None = None) -> TypedDays | None:
    """The weekdays (0 is Monday) of the client's sessions as typed: "Tuesdays and
    Thursdays", "dienstags um 17 Uhr", "los martes y jueves", "le mardi", "по вторникам";
    None if the text is no such list. `language`, the client's, decides only a word that
    names different days in two languages ("Di", "Do") where the text itself doesn't."""
    if len(normalise(text)) > _MAX_DAYS:
        return None
    tokens = words(text)
    found = read_weekdays(tokens, languages_of(tokens, language))
    if found is None:
        return None
    days, rest = found
    if not rest:
        return TypedDays(days)
    at = read_time_words(rest)
    return None if at == "unclear" else TypedDays(days, at)


def format_local(moment_utc: datetime, time_zone: str) -> str:
    """A moment as the client's wall clock shows it, e.g. "Tuesday 18 November, 18:50"."""
    local = moment_utc.astimezone(zone_for(time_zone))
    weekday, month = _WEEKDAYS[local.weekday()], _MONTHS[local.month - 1]
    return f"{weekday} {local.day} {month}, {local:%H:%M}"


def read_one_off(
    text: str, time_zone: str, now_utc: datetime, language: str | None = None
) -> datetime | UnclearOneOff:
    """A one-off session typed as "Thursday 10:00", "today 7pm", "tomorrow 10am", "next
    Thursday half six", "3 December 17:30", "2026-12-03 17:30", "morgen um 17 Uhr", "el
    jueves a las cinco de la tarde", "jeudi prochain à 10h", "в четверг в 10 утра", in UTC;
    or why not. `language` as for read_days.

    A weekday means the next such day whose time is still to come, today included: "Tuesday
    19:00" typed on a Tuesday afternoon is today.
    """
    tokens = words(text)
    if len(text) > _MAX_ONE_OFF or not tokens:
        return "unclear"
    languages = languages_of(tokens, language)
    zone = zone_for(time_zone)
    today = now_utc.astimezone(zone).date()
    # The day may come first ("Thursday 10:00") or last ("10am tomorrow"). Of the ways to
    # read it that fail, the one that understood most says why.
    best: UnclearOneOff = "no_day"
    for day_words, time_words in _splits(tokens):
        typed = read_day(day_words, languages)
        days = _coming(typed, today) if typed is not None else None
        if not days:
            continue
        if not time_words:
            best = _better(best, "no_time")
            continue
        part = typed.part if isinstance(typed, Relative) else None
        at = read_time_words(time_words, part)
        if not isinstance(at, time):
            best = _better(best, "no_time" if at == "unclear" else at)
            continue
        moments = [datetime.combine(d, at, tzinfo=zone).astimezone(UTC) for d in days]
        future = [m for m in moments if m > now_utc]
        if not future:
            best = _better(best, "past")
        elif future[0].astimezone(zone).date() - today > _DATE_REACH:
            best = _better(best, "too_far")
        else:
            return future[0]
    return best


def _better(best: UnclearOneOff, found: UnclearOneOff) -> UnclearOneOff:
    """Why not, from the reading that understood more: a day and a time that has passed
    over a time that may be morning or evening, over no time at all."""
    return found if _UNDERSTOOD.index(found) > _UNDERSTOOD.index(best) else best


def parse_one_off(text: str, time_zone: str, now_utc: datetime) -> datetime | None:
    """A one-off session the client typed, in UTC; None to ask again (read_one_off says why)."""
    read = read_one_off(text, time_zone, now_utc)
    return read if isinstance(read, datetime) else None


def _splits(words: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each way of reading the words as a day then a time, or a time then a day."""
    found: list[tuple[list[str], list[str]]] = []
    for n in range(1, _LONGEST_DAY + 1):
        if n <= len(words):
            found.append((words[:n], words[n:]))
            found.append((words[-n:], words[:-n]))
    return found


def _coming(typed: TypedDay, today: date) -> list[date]:
    """The dates a typed day may mean for a session to come, earliest first (a day already
    past is kept, to say so)."""
    if isinstance(typed, Relative):
        return [today + timedelta(days=typed.offset)]
    if isinstance(typed, Calendar):
        years = (typed.year,) if typed.year is not None else (today.year, today.year + 1)
        return [d for year in years if (d := _date(year, typed.month, typed.day)) is not None]
    if typed.which == "last":  # "last Tuesday": the one before today
        return [today - timedelta(days=(today.weekday() - typed.day - 1) % 7 + 1)]
    # "next Thursday" is the coming one, never today.
    first = 1 if typed.which == "next" else 0
    return [
        today + timedelta(days=n)
        for n in range(first, _WEEKDAY_REACH)
        if (today + timedelta(days=n)).weekday() == typed.day
    ]


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
