"""What a client types for their session time, and how a moment reads back to them. Pure."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from features.common.timezones import zone_for

# Longer than any way of writing a time ("12:30 p.m."): anything more is not a time.
_MAX_INPUT = 16
_WORDS = {"noon": time(12), "midday": time(12), "midnight": time(0)}
# 17:00, 17.30, 17h, 17h30, 17:30h, 17 (a bare hour, 24-hour clock), 1730 and 930.
_DAY_CLOCK = re.compile(r"(\d{1,2})(?:\s*h|[:.h](\d{2})h?)?|(\d{1,2})(\d{2})", re.ASCII)
# 5pm, 5 pm, 5:30pm, 5.30 p.m.
_HALF_DAY_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?", re.ASCII)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def parse_session_time(text: str) -> time | None:
    """The local time a client typed for their session, or None to ask again.

    A bare hour from 1 to 12 is refused: "5" may be morning or evening, so we ask.
    """
    typed = text.strip().lower()
    if len(typed) > _MAX_INPUT:
        return None
    if typed in _WORDS:
        return _WORDS[typed]
    half_day = _HALF_DAY_CLOCK.fullmatch(typed)
    if half_day is not None:
        hour, minute = int(half_day.group(1)), int(half_day.group(2) or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half_day.group(3) == "p" else 0)
        return _valid(hour, minute)
    day_clock = _DAY_CLOCK.fullmatch(typed)
    if day_clock is None:
        return None
    hours, minutes, compact_hours, compact_minutes = day_clock.groups()
    if compact_hours is not None:
        return _valid(int(compact_hours), int(compact_minutes))
    bare_hour = minutes is None and not typed.endswith("h")
    if bare_hour and 1 <= int(hours) <= 12:
        return None
    return _valid(int(hours), int(minutes or 0))


def format_local(moment_utc: datetime, time_zone: str) -> str:
    """A moment as the client's wall clock shows it, e.g. "Tuesday 18 November, 18:50"."""
    local = moment_utc.astimezone(zone_for(time_zone))
    weekday, month = _WEEKDAYS[local.weekday()], _MONTHS[local.month - 1]
    return f"{weekday} {local.day} {month}, {local:%H:%M}"


def _valid(hour: int, minute: int) -> time | None:
    """The time, if it is one: 24:00 and 25:61 are not."""
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return time(hour, minute)
    return None


def parse_one_off(text: str, time_zone: str, now_utc: datetime) -> datetime | None:
    """A one-off session typed as "Thursday 10:00", "thu 5pm" or "2026-11-26 10:00": the
    next such moment after now (within two weeks), in UTC; None to ask again."""
    words = text.strip().lower().split()
    if len(words) != 2 or len(text) > 40:
        return None
    day_word, time_word = words
    at = parse_session_time(time_word)
    if at is None:
        return None
    zone = zone_for(time_zone)
    today = now_utc.astimezone(zone).date()
    try:
        days = [date.fromisoformat(day_word)]
    except ValueError:
        matches = [n for n, name in enumerate(_WEEKDAYS) if name.lower().startswith(day_word)]
        if len(day_word) < 2 or len(matches) != 1:
            return None
        days = [
            today + timedelta(days=n)
            for n in range(14)
            if (today + timedelta(days=n)).weekday() == matches[0]
        ]
    for day in days:
        moment = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        if moment > now_utc and day - today <= timedelta(days=366):
            return moment
    return None
