"""What a client types for their session time, and how a moment reads back to them. Pure."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from features.common.timezones import zone_for
from features.kernel.vocabulary import Day

# Longer than any way of writing a time ("quarter past eleven p.m."): anything more is not one.
_MAX_INPUT = 28
_WORDS = {"noon": time(12), "midday": time(12), "midnight": time(0)}
# 17:00, 17.30, 17h, 17h30, 17:30h, 17 (a bare hour, 24-hour clock), 1730 and 930.
_DAY_CLOCK = re.compile(r"(\d{1,2})(?:\s*h|[:.h](\d{2})h?)?|(\d{1,2})(\d{2})", re.ASCII)
# 5pm, 5 pm, 5:30pm, 5.30 p.m.
_HALF_DAY_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?", re.ASCII)
# The spoken clock: "half six", "half past 6", "quarter past five pm", "quarter to seven",
# "six o'clock".
_SPOKEN_CLOCK = re.compile(
    r"(?:(half|half past|quarter past|quarter to)\s+([a-z]+|\d{1,2})|([a-z]+|\d{1,2})\s+o'?clock)"
    r"(?:\s*([ap])\.?m\.?)?",
    re.ASCII,
)
_NUMBERS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
_SPOKEN_MINUTES = {"half": 30, "half past": 30, "quarter past": 15, "quarter to": -15}
# Without "am" or "pm", a spoken time means the one of its two readings within these waking
# hours ("half six" is 18:30); where both are ("half eight"), we ask.
_WAKING = (time(7), time(22))
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# How far ahead a one-off session may be: a weekday names one in the next two weeks.
_WEEKDAY_REACH = 14
_DATE_REACH = timedelta(days=366)
_FILLER = frozenset({"on", "at", "this", "the", "for", "from", ","})

# Why a typed time or one-off session was not taken: said to the client when asking again.
Unclear = Literal["unclear", "morning_or_evening"]
UnclearOneOff = Literal["unclear", "morning_or_evening", "no_time", "no_day", "past", "too_far"]


def read_session_time(text: str) -> time | Unclear:
    """The local time a client typed, or why it can't be taken: "morning_or_evening" for
    a bare hour from 1 to 12 ("5" may be morning or evening, so we ask), else "unclear"."""
    typed = " ".join(text.strip().lower().split())
    if len(typed) > _MAX_INPUT:
        return "unclear"
    if typed in _WORDS:
        return _WORDS[typed]
    half_day = _HALF_DAY_CLOCK.fullmatch(typed)
    if half_day is not None:
        hour, minute = int(half_day.group(1)), int(half_day.group(2) or 0)
        if not 1 <= hour <= 12:
            return "unclear"
        hour = hour % 12 + (12 if half_day.group(3) == "p" else 0)
        return _valid(hour, minute) or "unclear"
    spoken = _SPOKEN_CLOCK.fullmatch(typed)
    if spoken is not None:
        return _spoken(*spoken.groups())
    day_clock = _DAY_CLOCK.fullmatch(typed)
    if day_clock is None:
        return "unclear"
    hours, minutes, compact_hours, compact_minutes = day_clock.groups()
    if compact_hours is not None:
        return _valid(int(compact_hours), int(compact_minutes)) or "unclear"
    bare_hour = minutes is None and not typed.endswith("h")
    if bare_hour and 1 <= int(hours) <= 12:
        return "morning_or_evening"
    return _valid(int(hours), int(minutes or 0)) or "unclear"


def parse_session_time(text: str) -> time | None:
    """The local time a client typed for their session, or None to ask again."""
    read = read_session_time(text)
    return read if isinstance(read, time) else None


def local_moment(moment_utc: datetime, time_zone: str) -> Day:
    """A moment as the client's wall clock shows it, written in their language when
    rendered: "Tuesday 18 November, 18:50"."""
    local = moment_utc.astimezone(zone_for(time_zone))
    return Day(local.date(), at=local.time().replace(second=0, microsecond=0))


def _valid(hour: int, minute: int) -> time | None:
    """The time, if it is one: 24:00 and 25:61 are not."""
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return time(hour, minute)
    return None


def _spoken(
    phrase: str | None, phrase_hour: str | None, oclock_hour: str | None, half_day: str | None
) -> time | Unclear:
    word = phrase_hour or oclock_hour or ""
    hour = int(word) if word.isdigit() else _NUMBERS.index(word) + 1 if word in _NUMBERS else 0
    if not 1 <= hour <= 12:
        return "unclear"
    minutes = _SPOKEN_MINUTES[phrase] if phrase else 0
    if minutes < 0:  # "quarter to seven" is 6:45
        hour, minutes = hour - 1 or 12, 60 + minutes
    if half_day is not None:
        return time(hour % 12 + (12 if half_day == "p" else 0), minutes)
    readings = [time(h, minutes) for h in (hour % 12, hour % 12 + 12)]
    awake = [t for t in readings if _WAKING[0] <= t < _WAKING[1]]
    return awake[0] if len(awake) == 1 else "morning_or_evening"


def read_one_off(text: str, time_zone: str, now_utc: datetime) -> datetime | UnclearOneOff:
    """A one-off session typed as "Thursday 10:00", "today 7pm", "tomorrow 10am", "next
    Thursday half six", "3 December 17:30" or "2026-12-03 17:30", in UTC; or why not.

    A weekday means the next such day whose time is still to come, today included: "Tuesday
    19:00" typed on a Tuesday afternoon is today.
    """
    words = [w for w in text.strip().lower().replace(",", " ").split() if w not in _FILLER]
    if len(text) > 60 or not words:
        return "unclear"
    zone = zone_for(time_zone)
    today = now_utc.astimezone(zone).date()
    # The day may come first ("Thursday 10:00") or last ("10am tomorrow").
    best: datetime | UnclearOneOff = "no_day"
    for day_words, time_words in _splits(words):
        days = _days(day_words, today)
        if days is None:
            continue
        if not time_words:
            best = "no_time"
            continue
        at = read_session_time(" ".join(time_words))
        if not isinstance(at, time):
            best = "no_time" if at == "unclear" else at
            continue
        moments = [datetime.combine(d, at, tzinfo=zone).astimezone(UTC) for d in days]
        future = [m for m in moments if m > now_utc]
        if not future:
            best = "past"
        elif future[0].astimezone(zone).date() - today > _DATE_REACH:
            best = "too_far"
        else:
            return future[0]
    return best


def parse_one_off(text: str, time_zone: str, now_utc: datetime) -> datetime | None:
    """A one-off session the client typed, in UTC; None to ask again (read_one_off says why)."""
    read = read_one_off(text, time_zone, now_utc)
    return read if isinstance(read, datetime) else None


def _splits(words: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each way of reading the words as a day then a time, or a time then a day."""
    found: list[tuple[list[str], list[str]]] = []
    for n in (1, 2, 3):
        if n <= len(words):
            found.append((words[:n], words[n:]))
            found.append((words[-n:], words[:-n]))
    return found


def _days(words: list[str], today: date) -> list[date] | None:
    """The dates a day typed may mean, earliest first; None if it is not a day."""
    if words in (["today"], ["tonight"]):
        return [today]
    if words in (["tomorrow"], ["tmrw"], ["tomorrow", "morning"]):
        return [today + timedelta(days=1)]
    if len(words) == 1:
        try:
            return [date.fromisoformat(words[0])]
        except ValueError:
            pass
    weekday = _weekday(words[-1]) if len(words) <= 2 else None
    if weekday is not None and (len(words) == 1 or words[0] == "next"):
        # "next Thursday" is the coming one, never today.
        first = 1 if words[0] == "next" else 0
        return [
            today + timedelta(days=n)
            for n in range(first, _WEEKDAY_REACH)
            if (today + timedelta(days=n)).weekday() == weekday
        ]
    if len(words) == 2:
        return _day_of_month(words, today)
    return None


def _weekday(word: str) -> int | None:
    matches = [n for n, name in enumerate(_WEEKDAYS) if name.lower().startswith(word)]
    return matches[0] if len(word) >= 2 and len(matches) == 1 else None


def _day_of_month(words: list[str], today: date) -> list[date] | None:
    """ "3 December" or "December 3": this year's, or next year's once it has passed."""
    day_word, month_word = words if words[0][:1].isdigit() else reversed(words)
    day_word = day_word.removesuffix("st").removesuffix("nd").removesuffix("rd")
    day_word = day_word.removesuffix("th")
    months = [n for n, name in enumerate(_MONTHS) if name.lower().startswith(month_word)]
    if not day_word.isdigit() or len(day_word) > 2 or len(month_word) < 3 or len(months) != 1:
        return None
    found = []
    for year in (today.year, today.year + 1):
        try:
            found.append(date(year, months[0] + 1, int(day_word)))
        except ValueError:
            return None
    return found
