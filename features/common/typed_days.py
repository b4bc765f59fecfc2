"""A day as a client types it, in any language of features/common/lexicon.py: "tomorrow",
"übermorgen", "pasado mañana", "ce soir", "вчера", "next Thursday", "jeudi prochain", "el
martes pasado", "в прошлый вторник", "24 November", "24. November", "24 de noviembre", "24
ноября", "24.11.", "2026-11-24"; and the weekdays of a list ("Tuesdays and Thursdays",
"dienstags", "los martes y jueves", "le mardi", "по вторникам"). Pure.

What a day means (the coming one or the last one) is for the caller: these say what was
typed, `features/schedule/parsing.py` and `features/reflection/which.py` place it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from features.common.lexicon import (
    BEFORE_A_DAY,
    BETWEEN_DAYS,
    DAY_ENDINGS,
    LAST_AFTER,
    LAST_BEFORE,
    NEXT_AFTER,
    NEXT_BEFORE,
    OF_MONTH,
    PARTS_AFTER_A_DAY,
    RELATIVE_DAYS,
    THIS_PART,
    Part,
    flat,
    month_readings,
    pick,
    weekday_readings,
)


@dataclass(frozen=True, slots=True)
class Relative:
    """A day counted from today ("tomorrow" 1, "gestern" -1), with a part of it if said
    ("heute Abend")."""

    offset: int
    part: Part | None = None


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday (0 is Monday): the coming one ("next"), the last one ("last"), or either
    ("")."""

    day: int
    which: Literal["", "next", "last"] = ""


@dataclass(frozen=True, slots=True)
class Calendar:
    """A day of a month, and its year if typed."""

    day: int
    month: int
    year: int | None = None


TypedDay = Relative | Weekday | Calendar

_RELATIVE = {phrase: n for table in RELATIVE_DAYS.values() for phrase, n in table.items()}
_THIS_PART = {phrase: p for table in THIS_PART.values() for phrase, p in table.items()}
_PARTS = {phrase: p for table in PARTS_AFTER_A_DAY.values() for phrase, p in table.items()}
_BEFORE = flat(BEFORE_A_DAY)
_BETWEEN = flat(BETWEEN_DAYS)
_NEXT_BEFORE, _LAST_BEFORE = flat(NEXT_BEFORE), flat(LAST_BEFORE)
_NEXT_AFTER, _LAST_AFTER = flat(NEXT_AFTER), flat(LAST_AFTER)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_NUMERIC = re.compile(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4})?)?\.?", re.ASCII)
_DAY_NUMBER = re.compile(r"(\d{1,2})\.?", re.ASCII)


def read_day(tokens: Sequence[str], languages: Sequence[str]) -> TypedDay | None:
    """The day the words name (all of them), or None. `languages` decides a word that
    means different days in two ("Di"), the text's own first (lexicon.languages_of)."""
    tokens = list(tokens)
    if " ".join(tokens) in _THIS_PART:  # "ce soir", before "ce" is dropped as "this"
        return Relative(0, _THIS_PART[" ".join(tokens)])
    while len(tokens) > 1 and tokens[0] in _BEFORE:
        tokens = tokens[1:]
    if not tokens:
        return None
    typed = " ".join(tokens)
    if typed in _RELATIVE:
        return Relative(_RELATIVE[typed])
    if typed in _THIS_PART:
        return Relative(0, _THIS_PART[typed])
    for cut in range(1, len(tokens)):
        day, part = " ".join(tokens[:cut]), " ".join(tokens[cut:])
        if day in _RELATIVE and part in _PARTS:
            return Relative(_RELATIVE[day], _PARTS[part])
    return _weekday(tokens, languages) or _calendar(tokens, languages)


def read_weekdays(
    tokens: Sequence[str], languages: Sequence[str]
) -> tuple[tuple[int, ...], list[str]] | None:
    """The weekdays a text begins with ("dienstags und donnerstags", "по вторникам и
    четвергам"), in order of the week, and the words after them ("um 17 Uhr"); None if it
    begins with none, or with a word whose weekday the languages can't decide."""
    days: set[int] = set()
    for at, token in enumerate(tokens):
        if token in _BETWEEN and not weekday_readings(token):
            continue
        readings = weekday_readings(token)
        if not readings:
            return (tuple(sorted(days)), list(tokens[at:])) if days else None
        day = pick(readings, languages)
        if day is None:
            return None
        days.add(day)
    return (tuple(sorted(days)), []) if days else None


def _weekday(tokens: list[str], languages: Sequence[str]) -> Weekday | None:
    """ "Thursday", "next Thursday", "nächsten Donnerstag", "el martes pasado", "jeudi
    prochain", "в прошлый вторник"."""
    which: Literal["", "next", "last"] = ""
    if len(tokens) > 1 and tokens[0] in _NEXT_BEFORE | _LAST_BEFORE:
        which = "next" if tokens[0] in _NEXT_BEFORE else "last"
        tokens = tokens[1:]
    elif len(tokens) > 1:
        after = " ".join(tokens[1:])
        if after in _NEXT_AFTER | _LAST_AFTER:
            which = "next" if after in _NEXT_AFTER else "last"
            tokens = tokens[:1]
    if len(tokens) != 1:
        return None
    day = pick(weekday_readings(tokens[0]), languages)
    return None if day is None else Weekday(day, which)


def _calendar(tokens: list[str], languages: Sequence[str]) -> Calendar | None:
    """ "24 November", "November 24th", "Dienstag, 24. November 2026", "24 de noviembre",
    "le 1er décembre", "24 ноября", "24.11.", "24/11/26", "2026-11-24"."""
    if len(tokens) == 1:
        return _numeric(tokens[0])
    months = [
        (at, month)
        for at, token in enumerate(tokens)
        if not token[:1].isdecimal() and (month := pick(month_readings(token), languages))
    ]
    if len(months) != 1:
        return None
    at_month, month = months[0]
    day: list[int] = []
    year: list[int] = []
    for at, token in enumerate(tokens):
        if at == at_month or token in OF_MONTH or token in _BEFORE:
            continue
        number = _day_number(token)
        if number is not None:
            day.append(number)
        elif token.isascii() and token.isdecimal() and len(token) == 4:
            year.append(int(token))
        elif not weekday_readings(token) or at > at_month:
            return None  # only a weekday may stand before the date ("Dienstag, 24.")
    if len(day) != 1 or len(year) > 1:
        return None
    return Calendar(day[0], month, year[0] if year else None)


def _day_number(token: str) -> int | None:
    """A day of the month: "24", "24.", "24th", "1er", "24-го"."""
    for ending in DAY_ENDINGS:
        if token.endswith(ending) and token[: -len(ending)].isdecimal():
            token = token[: -len(ending)]
            break
    number = _DAY_NUMBER.fullmatch(token)
    return int(number[1]) if number and 1 <= int(number[1]) <= 31 else None


def _numeric(token: str) -> Calendar | None:
    iso = _ISO.fullmatch(token)
    if iso:
        return _real(int(iso[3]), int(iso[2]), int(iso[1]))
    numeric = _NUMERIC.fullmatch(token)
    if numeric is None:
        return None
    year = numeric[3]
    full = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return _real(int(numeric[1]), int(numeric[2]), full)


def _real(day: int, month: int, year: int | None) -> Calendar | None:
    """The day, if some year has it (29 February does; 31 April does not)."""
    try:
        date(year or 2024, month, day)
    except ValueError:
        return None
    return Calendar(day, month, year)
