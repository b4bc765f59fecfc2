"""A time of day typed in German, Spanish, French or Russian, as a native speaker writes it,
read without knowing the client's language; and what only looks like one, not read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from features.common.typed_time import read_time


def cases(table: Mapping[str, Sequence[tuple[str, object]]]) -> list[object]:
    return [
        pytest.param(typed, meant, id=f"{language}:{typed}")
        for language, rows in table.items()
        for typed, meant in rows
    ]


ASK = "morning_or_evening"

TIMES: dict[str, list[tuple[str, object]]] = {
    "de": [
        ("17 Uhr", time(17)), ("17:30 Uhr", time(17, 30)), ("um 17 Uhr", time(17)),
        ("17 Uhr 30", time(17, 30)), ("17.30 Uhr", time(17, 30)),
        # "halb sechs" is half way to six: 5:30, in waking hours 17:30 (English "half six"
        # is 6:30).
        ("halb sechs", time(17, 30)), ("halb 6", time(17, 30)), ("Halb Sechs", time(17, 30)),
        ("viertel nach fünf", time(17, 15)), ("viertel nach fuenf", time(17, 15)),
        ("viertel vor sechs", time(17, 45)), ("viertel sechs", time(17, 15)),
        ("dreiviertel sechs", time(17, 45)), ("zehn nach fünf", time(17, 10)),
        ("fünf vor halb sechs", time(17, 25)), ("fünf Uhr", time(17)),
        ("8 Uhr morgens", time(8)), ("abends um 7", time(19)), ("7 Uhr abends", time(19)),
        ("17 Uhr abends", time(17)), ("3 Uhr nachmittags", time(15)), ("Mittag", time(12)),
        ("12 Uhr mittags", time(12)), ("um Mitternacht", time(0)), ("halb 18", time(17, 30)),
        ("um fünf", ASK), ("8 Uhr", ASK), ("halb neun", ASK), ("um 9", ASK),
    ],
    "es": [
        ("5 de la tarde", time(17)), ("a las 5 de la tarde", time(17)),
        ("a las cinco y media", time(17, 30)), ("las cinco y cuarto", time(17, 15)),
        ("a las seis menos cuarto", time(17, 45)), ("las 17h", time(17)),
        ("las 17:30", time(17, 30)), ("a las 17:30", time(17, 30)),
        ("a la una y media de la tarde", time(13, 30)), ("cinco y diez", time(17, 10)),
        ("las cinco en punto", time(17)), ("9 de la noche", time(21)),
        ("a las 10 de la mañana", time(10)), ("10 de la manana", time(10)),
        ("a las 8 por la tarde", time(20)), ("12 del mediodía", time(12)),
        ("mediodía", time(12)), ("a medianoche", time(0)), ("2 de la madrugada", time(2)),
        ("a las cinco", ASK), ("a las 8", ASK), ("las ocho y media", ASK),
    ],
    "fr": [
        ("17h", time(17)), ("17h30", time(17, 30)), ("17 h 30", time(17, 30)),
        ("à 17h", time(17)), ("a 17h30", time(17, 30)), ("17 heures", time(17)),
        ("17 heures 30", time(17, 30)), ("5 heures du soir", time(17)),
        ("cinq heures du soir", time(17)), ("cinq heures et demie", time(17, 30)),
        ("six heures moins le quart", time(17, 45)), ("cinq heures et quart", time(17, 15)),
        ("cinq heures vingt", time(17, 20)), ("10 heures du matin", time(10)),
        ("2 heures de l'après-midi", time(14)), ("2h de l’après-midi", time(14)),
        ("midi", time(12)), ("à midi", time(12)), ("minuit", time(0)),
        ("vers 18h", time(18)), ("huit heures", ASK), ("à cinq", ASK),
    ],
    "ru": [
        ("в пять вечера", time(17)), ("пять вечера", time(17)), ("в 5 вечера", time(17)),
        ("в 17:30", time(17, 30)), ("17:30", time(17, 30)), ("в 17 часов", time(17)),
        ("в полшестого", time(17, 30)), ("пол-шестого", time(17, 30)),
        ("в половине шестого", time(17, 30)), ("половина шестого вечера", time(17, 30)),
        ("четверть шестого", time(17, 15)), ("без четверти шесть", time(17, 45)),
        ("без десяти шесть", time(17, 50)), ("в пять часов", time(17)),
        ("пять тридцать вечера", time(17, 30)), ("в 10 утра", time(10)),
        ("в десять утра", time(10)), ("в час дня", time(13)), ("в 2 ночи", time(2)),
        ("в полдень", time(12)), ("полночь", time(0)), ("в семь вечера", time(19)),
        ("в девять вечера", time(21)), ("В ПЯТЬ ВЕЧЕРА", time(17)),
        ("в пять", ASK), ("в 8", ASK), ("в восемь часов", ASK),
    ],
    "en": [
        ("6 in the evening", time(18)), ("at 5pm", time(17)), ("9 in the morning", time(9)),
        ("half six", time(18, 30)), ("half past six", time(18, 30)),
        ("quarter to seven", time(18, 45)),
    ],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "meant"), cases(TIMES))
def test_a_time_typed_in_the_clients_language_is_understood(typed, meant):
    assert read_time(typed) == meant


# What looks like a time, or holds a clock word, and isn't one.
NOT_TIMES = [
    # German: "morgen" is tomorrow, not a time; "halb" alone, an hour that doesn't exist.
    "morgen", "halb", "halb dreizehn", "viertel", "Uhr", "17 Uhr morgens", "25 Uhr",
    "abends", "um", "fünf nach", "zehn vor",
    # Spanish: "mañana" is tomorrow (or morning), "tarde" late; no hour.
    "mañana", "tarde", "de la tarde", "a las", "y media", "menos cuarto", "17 de la mañana",
    # French: "heures" alone, "demie", "soir", an hour of 25.
    "heures", "et demie", "du soir", "25h", "17h61", "demain",
    # Russian: "вечера" alone, "пол" alone, "полтринадцатого", a bare "в", "завтра".
    "вечера", "пол", "полтринадцатого", "в", "завтра", "без четверти", "в 25:00",
    # Look-alikes: "mar", "Di", "do" are weekdays; "sept" (French seven) with a month.
    "mar", "Di", "do", "le 24 sept",
]  # fmt: skip


@pytest.mark.parametrize("typed", NOT_TIMES)
def test_what_only_looks_like_a_time_is_not_read_as_one(typed):
    assert read_time(typed) == "unclear"


def test_german_half_is_half_way_to_the_hour_and_english_half_is_half_past():
    assert read_time("halb sieben") == time(18, 30)
    assert read_time("half seven") == ASK  # 7:30 and 19:30 are both waking hours
    assert read_time("half seven pm") == time(19, 30)
    assert read_time("halb sieben abends") == time(18, 30)


@given(st.text(max_size=45))
def test_no_text_breaks_the_time_reader(typed):
    read_time(typed)
