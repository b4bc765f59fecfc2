"""Dates, weekday names, lists and numbers as the client's language writes them, through
Babel's CLDR data: "Tuesday 24 November", "Dienstag, 24. November", "вторник, 24 ноября";
"Montag und Donnerstag".

English keeps the bot's own patterns (day before month, no comma after the weekday, lists
of days with commas only), which CLDR's English (American) would change; every other
language takes CLDR's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from functools import cache

from babel.core import Locale
from babel.dates import format_date, format_skeleton, format_time, get_day_names
from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal

ENGLISH = "en"

# The bot's English: "Tuesday 24 November", "Tuesday 24 November 2026", "24 November 2026".
_ENGLISH_DAY = {
    (True, False): "EEEE d MMMM",
    (True, True): "EEEE d MMMM y",
    (False, True): "d MMMM y",
    (False, False): "d MMMM",
}
# CLDR's skeletons for the same: weekday (E), day (d), month spelled out (MMMM), year (y).
_SKELETON = {
    (True, False): "MMMMEd",
    (True, True): "yMMMMEd",
    (False, True): "yMMMMd",
    (False, False): "MMMMd",
}
_TIME = "HH:mm"
_WEEKDAY_FIELD = re.compile(r"E+|c+")


def format_day(day: date, language: str, *, year: bool = False, weekday: bool = True) -> str:
    """A date with the weekday spelled out and the month in words."""
    return format_date(day, _day_pattern(language, weekday, year), locale=language)


def short_day(day: date, language: str, *, year: bool = False) -> str:
    """A date in few letters, for a chart's axis: "24 Nov", "24. Nov.", "Nov 2026"."""
    if language == ENGLISH:
        return format_date(day, "MMM y" if year else "d MMM", locale=language)
    skeleton = "yMMM" if year else "MMMd"
    return format_skeleton(skeleton, day, locale=language)


# The bot's English in few letters: "Thu 26 Nov", "24 Nov 2026"; CLDR's skeletons elsewhere.
_ENGLISH_COMPACT = {
    (True, False): "EEE d MMM",
    (True, True): "EEE d MMM y",
    (False, True): "d MMM y",
    (False, False): "d MMM",
}
_COMPACT_SKELETON = {
    (True, False): "MMMEd",
    (True, True): "yMMMEd",
    (False, True): "yMMMd",
    (False, False): "MMMd",
}


def compact_day(day: date, language: str, *, year: bool = False, weekday: bool = True) -> str:
    """A date in few letters, for a list or a table: "Thu 26 Nov", "Do., 26. Nov.", "24 Nov
    2026"."""
    if language == ENGLISH:
        return format_date(day, _ENGLISH_COMPACT[weekday, year], locale=language)
    return format_skeleton(_COMPACT_SKELETON[weekday, year], day, locale=language)


def month_year(day: date, language: str) -> str:
    """A month and its year, as a heading: "November 2026", "Dezember 2026"."""
    if language == ENGLISH:
        return format_date(day, "MMMM y", locale=language)
    said = format_skeleton("yMMMM", day, locale=language)
    return said[:1].upper() + said[1:]  # a heading: "Noviembre de 2026"


def format_moment(day: date, at: time, language: str) -> str:
    """A day and a wall-clock time: "Tuesday 18 November, 18:50"."""
    spoken_day = format_day(day, language)
    clock = format_time(at, _TIME, locale=language)
    if language == ENGLISH:
        return f"{spoken_day}, {clock}"
    glue = str(Locale.parse(language).datetime_formats.get("medium", "{1}, {0}"))
    return glue.replace("{1}", spoken_day).replace("{0}", clock).replace("'", "")


def weekday_name(number: int, language: str, *, short: bool = False) -> str:
    """A weekday's name (0 is Monday): "Monday", or "Mon" short."""
    names = get_day_names("abbreviated" if short else "wide", locale=language)
    return str(names[number])


def format_list(items: Sequence[str], language: str) -> str:
    """Items as the language lists them: "Mo, Di und Do". The bot's English lists with
    commas only ("Mon, Tue, Thu")."""
    if language == ENGLISH:
        return ", ".join(items)
    return _babel_list(list(items), locale=language)


def format_alternatives(items: Sequence[str], language: str) -> str:
    """Items of which any one will do: "112 or 15", "112 oder 15", "112 ou 15"."""
    return _babel_list(list(items), style="or", locale=language)


def format_number(number: int, language: str) -> str:
    """A whole number as the language writes it: 20,000, 20.000, 20 000."""
    return format_decimal(number, locale=language)


def language_name(language: str) -> str:
    """A language's name in itself, as a button shows it: "Deutsch", "Español", "Русский"."""
    name = str(Locale.parse(language).get_display_name(language) or language)
    return name[:1].upper() + name[1:]


@cache
def _day_pattern(language: str, weekday: bool, year: bool) -> str:
    if language == ENGLISH:
        return _ENGLISH_DAY[(weekday, year)]
    skeletons = Locale.parse(language).datetime_skeletons
    pattern = str(skeletons[_SKELETON[(weekday, year)]].pattern)
    # CLDR's skeleton gives the short weekday ("Di."): spell it out, as the English does.
    # Quoted text ('de') is literal and left alone.
    parts = pattern.split("'")
    parts[::2] = [_WEEKDAY_FIELD.sub(_wide, part) for part in parts[::2]]
    return "'".join(parts)


def _wide(field: re.Match[str]) -> str:
    return field.group()[0] * 4
