"""A time of day as a client types it, in any language of features/common/lexicon.py: "17:30",
"5pm", "half six", "17 Uhr", "halb sechs", "a las cinco y media", "17h30", "5 heures du
soir", "в пять вечера", "в полшестого", "noon", "Mittag". Pure.

A time that may be morning or evening is asked about: a bare hour from 1 to 12 ("5", "um
fünf", "a las cinco", "в пять"); a spoken time ("half six", "halb sechs", "cinq heures") means
the one of its two readings within waking hours, and is asked about where both are ("half
eight"). A part of the day said with it decides ("в пять вечера", "8 Uhr morgens").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Literal

from features.common.lexicon import (
    AT_WORDS,
    DAY_PARTS,
    HOUR_WORDS,
    MINUTE_WORDS,
    NOON_AND_MIDNIGHT,
    RUSSIAN_MINUTES_BEFORE,
    RUSSIAN_ORDINALS,
    Part,
    flat,
    normalise,
    words,
)

# Why a typed time was not taken: said to the client when asking again.
Unclear = Literal["unclear", "morning_or_evening"]

# Longer than any way of writing a time ("a las cinco y media de la tarde"): anything more is
# not one.
_MAX_INPUT = 40
# Without a part of the day, a spoken time means the one of its two readings within these
# waking hours ("half six" is 18:30); where both are ("half eight"), we ask.
_WAKING = (time(7), time(22))

# 5pm, 5 pm, 5:30pm, 5.30 p.m.
_HALF_DAY_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?", re.ASCII)
# 17:00, 17.30, 17h, 17 h, 17h30, 17:30h, 17 (a bare hour, 24-hour clock), 1730 and 930.
_DAY_CLOCK = re.compile(r"(\d{1,2})(?:\s*h|[:.h](\d{2})h?)?|(\d{1,2})(\d{2})", re.ASCII)
# The English spoken clock: "half six", "half past 6", "quarter past five pm", "quarter to
# seven", "six o'clock".
_SPOKEN_CLOCK = re.compile(
    r"(?:(half|half past|quarter past|quarter to)\s+([a-z]+|\d{1,2})|([a-z]+|\d{1,2})\s+o'?clock)"
    r"(?:\s*([ap])\.?m\.?)?",
    re.ASCII,
)
_SPOKEN_MINUTES = {"half": 30, "half past": 30, "quarter past": 15, "quarter to": -15}

_AT = sorted(flat(AT_WORDS), key=lambda phrase: -len(phrase.split()))
_PARTS: dict[str, Part] = {
    phrase: part for table in DAY_PARTS.values() for phrase, part in table.items()
}
_PART_PHRASES = sorted(_PARTS, key=lambda phrase: -len(phrase.split()))
_NOON = {word: hour for table in NOON_AND_MIDNIGHT.values() for word, hour in table.items()}
_HOURS = {word: hour for table in HOUR_WORDS.values() for word, hour in table.items()}
# The word for "o'clock" after an hour: "17 Uhr", "cinq heures", "пять часов".
_OCLOCK = frozenset({"uhr", "heure", "heures", "час", "часа", "часов"})
# "17 h 30", "5 h": the written 24-hour clock, as "17h30" and "5h" are.
_H = frozenset({"h", "ч"})

Kind = Literal["exact", "spoken", "bare", "half_day"]


@dataclass(frozen=True, slots=True)
class _Reading:
    """An hour and minute as typed: `exact` on the 24-hour clock, `spoken` or `bare` on the
    12-hour clock without saying which half, `half_day` with am or pm already applied."""

    hour: int
    minute: int
    kind: Kind


def read_time(text: str, part: Part | None = None) -> time | Unclear:
    """The local time a client typed, or why it can't be taken: "morning_or_evening" when it
    may be either, else "unclear". `part`: a part of the day already said ("heute Abend")."""
    typed = normalise(text)
    if len(typed) > _MAX_INPUT:
        return "unclear"
    return read_time_words(words(typed), part)


def read_time_words(tokens: list[str], part: Part | None = None) -> time | Unclear:
    """`read_time` of words already split by lexicon.words."""
    tokens = _after_at(tokens)
    if len(tokens) == 1 and tokens[0] in _NOON:
        return time(_NOON[tokens[0]])
    said, tokens = _day_part(tokens)
    if said is not None:
        part, tokens = said, _after_at(tokens)
    reading = _reading(tokens) if tokens else None
    if reading is None:
        return "unclear"
    if said is None and reading.kind in ("exact", "bare") and not 1 <= reading.hour <= 12:
        # A part of the day said with the day ("tonight", "morgen früh") doesn't overrule a
        # time on the 24-hour clock: "17:00 tomorrow morning" is 17:00.
        return _valid(reading.hour, reading.minute) or "unclear"
    return _resolve(reading, part)


def _after_at(tokens: list[str]) -> list[str]:
    """The words after a leading "at" ("um", "a las", "à", "в"; "at at", a slip, too)."""
    for _ in range(2):
        for phrase in _AT:
            size = len(phrase.split())
            if " ".join(tokens[:size]) == phrase and len(tokens) > size:
                tokens = tokens[size:]
                break
    return tokens


def _day_part(tokens: list[str]) -> tuple[Part | None, list[str]]:
    """A part of the day said after the time ("5 de la tarde") or before it ("abends um
    7"), and the words left."""
    for phrase in _PART_PHRASES:
        size = len(phrase.split())
        if len(tokens) > size and " ".join(tokens[-size:]) == phrase:
            return _PARTS[phrase], tokens[:-size]
        if len(tokens) > size and " ".join(tokens[:size]) == phrase:
            return _PARTS[phrase], tokens[size:]
    return None, tokens


def _reading(tokens: list[str]) -> _Reading | None:
    typed = " ".join(tokens)
    half_day = _HALF_DAY_CLOCK.fullmatch(typed)
    if half_day is not None:
        hour, minute = int(half_day.group(1)), int(half_day.group(2) or 0)
        if not 1 <= hour <= 12:
            return None
        return _Reading(hour % 12 + (12 if half_day.group(3) == "p" else 0), minute, "half_day")
    spoken = _SPOKEN_CLOCK.fullmatch(typed)
    if spoken is not None:
        return _english_spoken(*spoken.groups())
    written = _written(typed)
    if written is not None:
        return written
    if len(tokens) == 2 and tokens[1] in _OCLOCK | _H:  # "17:30 Uhr", "17.30 h"
        before = _written(tokens[0])
        if before is not None and before.kind == "exact":
            return before
    return _spoken(tokens)


def _written(typed: str) -> _Reading | None:
    """The clock in digits: "17:30", "17h30", "1730", "17", "5"."""
    day_clock = _DAY_CLOCK.fullmatch(typed)
    if day_clock is None:
        return None
    hours, minutes, compact_hours, compact_minutes = day_clock.groups()
    if compact_hours is not None:
        return _Reading(int(compact_hours), int(compact_minutes), "exact")
    bare = minutes is None and not typed.endswith("h")
    return _Reading(int(hours), int(minutes or 0), "bare" if bare else "exact")


def _hour(word: str) -> int | None:
    """An hour as a number (0-23) or a word ("fünf", "cinco", "пять")."""
    if word.isascii() and word.isdecimal() and len(word) <= 2:
        return int(word)
    return _HOURS.get(word)


def _minutes(word: str) -> int | None:
    """Minutes as a number or a word ("zehn", "cuarto", "vingt", "тридцать")."""
    if word.isascii() and word.isdecimal() and len(word) <= 2:
        return int(word)
    return next((table[word] for table in MINUTE_WORDS.values() if word in table), None)


def _at(hour: int, minute: int, *, before: bool = False) -> _Reading | None:
    """`minute` past `hour`, or (before) `minute` before it; spoken on the 12-hour clock,
    exact if the hour was on the 24-hour clock ("halb 18")."""
    if not 0 <= hour <= 23 or not 0 <= minute < 60:
        return None
    if before and minute:
        hour, minute = hour - 1, 60 - minute
        if hour == 0 and minute:
            hour = 12  # "quarter to one", "halb eins": 12:45, 12:30
        if hour < 0:
            hour = 23
    return _Reading(hour, minute, "exact" if hour > 12 or hour == 0 else "spoken")


def _spoken(tokens: list[str]) -> _Reading | None:
    """The spoken clock of German, Spanish, French and Russian."""
    size, first, last = len(tokens), tokens[0], tokens[-1]
    hour = _hour(last)
    if size == 1:
        return _russian_half(first) or (
            _Reading(hour, 0, "bare") if hour is not None and 1 <= hour <= 12 else None
        )
    if hour is not None and (ending := _hour_last(tokens, hour)) is not None:
        return ending
    start = _hour(first)
    if start is not None:
        return _after_hour(start, tokens[1:])
    # Russian: "половина шестого", "в половине шестого", "четверть шестого", "пол шестого".
    if size == 2 and last in RUSSIAN_ORDINALS:
        if first in ("половина", "половине", "пол"):
            return _at(RUSSIAN_ORDINALS[last], 30, before=True)
        if first == "четверть":
            return _at(RUSSIAN_ORDINALS[last] - 1, 15)
    return None


def _hour_last(tokens: list[str], hour: int) -> _Reading | None:
    """The German and Russian clock, where the hour comes last."""
    size, first = len(tokens), tokens[0]
    # German: "halb sechs" 5:30, "viertel nach fünf", "viertel vor sechs", "viertel sechs"
    # 5:15 and "dreiviertel sechs" 5:45 (said so in the east and south), "zehn nach
    # fünf", "fünf vor halb sechs" 5:25.
    if tokens[:-1] == ["halb"]:
        return _at(hour, 30, before=True)
    if tokens[:-1] == ["viertel"]:
        return _at(hour, 45, before=True)
    if tokens[:-1] == ["dreiviertel"]:
        return _at(hour, 15, before=True)
    if size == 3 and tokens[1] in ("nach", "vor") and (minutes := _minutes(first)):
        return _at(hour, minutes, before=tokens[1] == "vor")
    if size == 4 and tokens[1:3] in (["vor", "halb"], ["nach", "halb"]):
        minutes = _minutes(first)
        if minutes is not None and minutes < 30:
            shift = -minutes if tokens[1] == "vor" else minutes
            return _at(hour, 30 - shift, before=True)
    # Russian: "без четверти шесть" 5:45, "без десяти шесть" 5:50.
    if size == 3 and first == "без" and tokens[1] in RUSSIAN_MINUTES_BEFORE:
        return _at(hour, RUSSIAN_MINUTES_BEFORE[tokens[1]], before=True)
    return None


def _after_hour(hour: int, rest: list[str]) -> _Reading | None:
    """What follows an hour: "Uhr", "heures et demie", "y media", "menos cuarto", "тридцать"."""
    digits = rest[0] in _H
    if rest[0] in _OCLOCK or digits:
        rest = rest[1:]
        if rest and rest[-1] in ("minutes", "minuten", "minutos", "минут", "ровно", "pile"):
            rest = rest[:-1]
        if not rest:
            reading = _at(hour, 0)
        elif rest in (["et", "demie"], ["et", "demi"]):
            reading = _at(hour, 30)
        elif rest == ["et", "quart"]:
            reading = _at(hour, 15)
        elif rest in (["moins", "le", "quart"], ["moins", "quart"]):
            reading = _at(hour, 15, before=True)
        elif len(rest) == 2 and rest[0] == "moins" and (minutes := _minutes(rest[1])):
            reading = _at(hour, minutes, before=True)
        elif len(rest) == 1 and (minutes := _minutes(rest[0])) is not None:
            reading = _at(hour, minutes)
        else:
            return None
        if reading is not None and digits:  # "17 h 30", "5 h": the written clock
            return _Reading(reading.hour, reading.minute, "exact")
        return reading
    # Spanish: "cinco y media", "cinco y cuarto", "seis menos cuarto", "cinco en punto".
    if rest == ["en", "punto"]:
        return _at(hour, 0)
    if len(rest) == 2 and rest[0] in ("y", "menos") and (minutes := _minutes(rest[1])):
        return _at(hour, minutes, before=rest[0] == "menos")
    # Russian: "пять тридцать" 5:30.
    if len(rest) == 1 and rest[0] in MINUTE_WORDS["ru"]:
        return _at(hour, MINUTE_WORDS["ru"][rest[0]])
    return None


def _russian_half(word: str) -> _Reading | None:
    """ "полшестого", "пол-шестого": half past five, as the sixth hour is half done."""
    ordinal = word.removeprefix("пол").removeprefix("-")
    if word.startswith("пол") and ordinal in RUSSIAN_ORDINALS:
        return _at(RUSSIAN_ORDINALS[ordinal], 30, before=True)
    return None


def _english_spoken(
    phrase: str | None, phrase_hour: str | None, oclock_hour: str | None, half_day: str | None
) -> _Reading | None:
    hour = _hour(phrase_hour or oclock_hour or "")
    if hour is None or not 1 <= hour <= 12:
        return None
    minutes = _SPOKEN_MINUTES[phrase] if phrase else 0
    if minutes < 0:  # "quarter to seven" is 6:45
        hour, minutes = hour - 1 or 12, 60 + minutes
    if half_day is not None:
        return _Reading(hour % 12 + (12 if half_day == "p" else 0), minutes, "half_day")
    return _Reading(hour, minutes, "spoken")


def _resolve(reading: _Reading, part: Part | None) -> time | Unclear:
    """The time itself: the half of the day said, or the waking hours, decide."""
    hour, minute = reading.hour, reading.minute
    if reading.kind == "half_day":  # am or pm said: it decides ("tomorrow morning 10am")
        return _valid(hour, minute) or "unclear"
    if part is not None:
        # An hour the part can't hold: "17 Uhr morgens" is no time; "12 tonight" may be noon
        # or midnight, so we ask.
        ask = reading.kind != "exact" and 1 <= hour <= 12
        return _in_part(hour, minute, part) or ("morning_or_evening" if ask else "unclear")
    if reading.kind == "exact" or not 1 <= hour <= 12:
        return _valid(hour, minute) or "unclear"
    if reading.kind == "bare":
        return "morning_or_evening"
    readings = [time(h, minute) for h in (hour % 12, hour % 12 + 12)]
    awake = [t for t in readings if _WAKING[0] <= t < _WAKING[1]]
    return awake[0] if len(awake) == 1 else "morning_or_evening"


def _in_part(hour: int, minute: int, part: Part) -> time | None:
    """An hour said with a part of the day: "5 de la tarde" 17:00, "2 ночи" 2:00, "17 Uhr
    abends" 17:00; an hour the part can't hold ("17 Uhr morgens") is not taken."""
    if hour > 12 or hour == 0:  # already on the 24-hour clock: it must agree
        fits = {
            "morning": False,
            "noon": 12 <= hour <= 15,
            "afternoon": 12 <= hour <= 20,
            "evening": 16 <= hour <= 23,
            "night": hour >= 19 or hour == 0,
        }[part]
        return _valid(hour, minute) if fits else None
    on_24 = {
        "morning": hour if hour < 12 else None,
        "noon": hour if hour >= 11 else hour + 12 if hour <= 3 else None,
        "afternoon": hour if hour == 12 else hour + 12,
        "evening": hour + 12 if hour < 12 else None,
        "night": 0 if hour == 12 else hour if hour <= 5 else hour + 12,
    }[part]
    return None if on_24 is None else _valid(on_24, minute)


def _valid(hour: int, minute: int) -> time | None:
    """The time, if it is one: 24:00 and 25:61 are not."""
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return time(hour, minute)
    return None
