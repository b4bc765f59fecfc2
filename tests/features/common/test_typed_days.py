"""Weekdays and days typed in German, Spanish, French or Russian, as a native speaker writes
them: full and short, singular and plural, with articles and cases; a word that names
different days in two languages is read in the text's language, then the client's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from features.common.lexicon import languages_of, normalise, words
from features.common.typed_days import Calendar, Relative, Weekday, read_day, read_weekdays

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def cases(table: Mapping[str, Sequence[tuple[str, object]]]) -> list[object]:
    return [
        pytest.param(typed, meant, id=f"{language}:{typed}")
        for language, rows in table.items()
        for typed, meant in rows
    ]


def weekdays(text: str, client: str | None = None):
    tokens = words(text)
    return read_weekdays(tokens, languages_of(tokens, client))


def day(text: str, client: str | None = None):
    tokens = words(text)
    return read_day(tokens, languages_of(tokens, client))


WEEKDAY_LISTS: dict[str, list[tuple[str, object]]] = {
    "de": [
        ("dienstags", (TUE,)), ("Dienstag", (TUE,)), ("Dienstag und Donnerstag", (TUE, THU)),
        ("dienstags und donnerstags", (TUE, THU)), ("Di und Do", (TUE, THU)),
        ("Mi.", (WED,)), ("Mo, Mi, Fr", (MON, WED, FRI)), ("am Montag", (MON,)),
        ("jeden Dienstag", (TUE,)), ("immer mittwochs", (WED,)), ("Samstag", (SAT,)),
        ("sonntags", (SUN,)), ("Donnerstage", (THU,)), ("an Dienstagen", (TUE,)),
        ("Donn.", (THU,)), ("Mittwoch & Freitag", (WED, FRI)), ("So", (SUN,)),
        ("Dienstag oder Mittwoch", (TUE, WED)), ("DIENSTAGS", (TUE,)),
        ("die Dienstage", (TUE,)),
    ],
    "es": [
        ("los martes", (TUE,)), ("martes", (TUE,)), ("martes y jueves", (TUE, THU)),
        ("los martes y los jueves", (TUE, THU)), ("el lunes", (MON,)),
        ("miércoles", (WED,)), ("miercoles", (WED,)), ("los sábados", (SAT,)),
        ("sabados", (SAT,)), ("domingos", (SUN,)), ("lun, mié y vie", (MON, WED, FRI)),
        ("mar", (TUE,)), ("cada jueves", (THU,)), ("todos los viernes", (FRI,)),
        ("lunes e martes", (MON, TUE)), ("LU y JU", (MON, THU)), ("do y lu", (MON, SUN)),
        ("Jueves", (THU,)), ("mié", (WED,)), ("vie", (FRI,)),
    ],
    "fr": [
        ("le mardi", (TUE,)), ("mardi", (TUE,)), ("mardis", (TUE,)),
        ("les mardis", (TUE,)), ("mardi et jeudi", (TUE, THU)),
        ("le mardi et le jeudi", (TUE, THU)), ("lundi", (MON,)), ("mercredi", (WED,)),
        ("vendredi", (FRI,)), ("samedi", (SAT,)), ("dimanche", (SUN,)),
        ("mar.", (TUE,)), ("jeu.", (THU,)), ("lun., mer. et ven.", (MON, WED, FRI)),
        ("chaque mardi", (TUE,)), ("tous les jeudis", (THU,)), ("Mardi", (TUE,)),
        ("ma et je", (TUE, THU)), ("di et lu", (MON, SUN)), ("sam.", (SAT,)),
    ],
    "ru": [
        ("вторник", (TUE,)), ("по вторникам", (TUE,)), ("вт", (TUE,)),
        ("во вторник и четверг", (TUE, THU)), ("по вторникам и четвергам", (TUE, THU)),
        ("в среду", (WED,)), ("по средам", (WED,)), ("в пятницу", (FRI,)),
        ("по пятницам", (FRI,)), ("в субботу", (SAT,)), ("по субботам", (SAT,)),
        ("в воскресенье", (SUN,)), ("по воскресеньям", (SUN,)),
        ("понедельник", (MON,)), ("по понедельникам", (MON,)), ("пн, ср, пт", (MON, WED, FRI)),
        ("вторники", (TUE,)), ("каждый вторник", (TUE,)), ("каждую среду", (WED,)),
        ("Вторник и Четверг", (TUE, THU)), ("чт", (THU,)),
    ],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "meant"), cases(WEEKDAY_LISTS))
def test_weekdays_typed_in_the_clients_language_are_understood(typed, meant):
    assert weekdays(typed) == (meant, [])


NOT_WEEKDAYS = [
    # Look-alikes: "die" (the), "mit" (with), "son" (are), "среди" (among), "morgen",
    # "mañana", "demain", "завтра" (tomorrow), "mare", "mardigras", "Dienstagabend" whole.
    "die", "mit", "son", "среди", "morgen", "mañana", "demain", "завтра", "mare",
    "mardigras", "every week", "jede Woche", "cada semana", "chaque semaine",
    "каждую неделю", "24 November", "", "und", "y", "et", "и",
]  # fmt: skip


@pytest.mark.parametrize("typed", NOT_WEEKDAYS)
def test_what_only_looks_like_a_weekday_is_not_read_as_one(typed):
    assert weekdays(typed) is None


def test_the_words_after_the_days_are_left_for_the_time():
    assert weekdays("dienstags um 17 Uhr") == ((TUE,), ["um", "17", "uhr"])
    assert weekdays("los martes a las cinco") == ((TUE,), ["a", "las", "cinco"])
    assert weekdays("le mardi à 17h") == ((TUE,), ["a", "17h"])
    assert weekdays("по вторникам в 17:00") == ((TUE,), ["17:00"])


def test_a_weekday_two_languages_name_differently_is_read_in_the_texts_language():
    # "Di": German Tuesday, French Sunday; "Do": German Thursday, Spanish Sunday.
    assert weekdays("Di") is None
    assert weekdays("Di", client="de") == ((TUE,), [])
    assert weekdays("di", client="fr") == ((SUN,), [])
    assert weekdays("Do", client="de-AT") == ((THU,), [])
    assert weekdays("do", client="es") == ((SUN,), [])
    # The text's own words decide before the client's language does.
    assert weekdays("Di und Do", client="fr") == ((TUE, THU), [])
    assert weekdays("Do um 17 Uhr", client="es") == ((THU,), ["um", "17", "uhr"])
    assert weekdays("do y lu", client="de") == ((MON, SUN), [])


DAYS: dict[str, list[tuple[str, object]]] = {
    "de": [
        ("heute", Relative(0)), ("morgen", Relative(1)), ("übermorgen", Relative(2)),
        ("uebermorgen", Relative(2)), ("gestern", Relative(-1)), ("vorgestern", Relative(-2)),
        ("heute Abend", Relative(0, "evening")), ("heute morgen", Relative(0, "morning")),
        ("morgen früh", Relative(1, "morning")), ("morgen Nachmittag", Relative(1, "afternoon")),
        ("nächsten Donnerstag", Weekday(THU, "next")),
        ("am nächsten Donnerstag", Weekday(THU, "next")),
        ("kommenden Montag", Weekday(MON, "next")), ("letzten Dienstag", Weekday(TUE, "last")),
        ("am letzten Dienstag", Weekday(TUE, "last")), ("am Dienstag", Weekday(TUE)),
        ("24. November", Calendar(24, 11)), ("am 24. November", Calendar(24, 11)),
        ("Dienstag, 24. November 2026", Calendar(24, 11, 2026)), ("3. Dez.", Calendar(3, 12)),
        ("24. März", Calendar(24, 3)),
    ],
    "es": [
        ("hoy", Relative(0)), ("mañana", Relative(1)), ("pasado mañana", Relative(2)),
        ("ayer", Relative(-1)), ("anteayer", Relative(-2)), ("antes de ayer", Relative(-2)),
        ("esta tarde", Relative(0, "afternoon")), ("esta noche", Relative(0, "night")),
        ("mañana por la mañana", Relative(1, "morning")),
        ("el próximo jueves", Weekday(THU, "next")), ("el jueves que viene", Weekday(THU, "next")),
        ("el martes pasado", Weekday(TUE, "last")), ("el pasado martes", Weekday(TUE, "last")),
        ("el martes", Weekday(TUE)), ("24 de noviembre", Calendar(24, 11)),
        ("el 24 de noviembre", Calendar(24, 11)), ("martes 24 de noviembre", Calendar(24, 11)),
        ("24 de noviembre de 2026", Calendar(24, 11, 2026)), ("3 dic", Calendar(3, 12)),
        ("1 de enero", Calendar(1, 1)), ("24 mar", Calendar(24, 3)),
    ],
    "fr": [
        ("aujourd'hui", Relative(0)), ("aujourd’hui", Relative(0)), ("demain", Relative(1)),
        ("après-demain", Relative(2)), ("hier", Relative(-1)), ("avant-hier", Relative(-2)),
        ("ce soir", Relative(0, "evening")), ("demain matin", Relative(1, "morning")),
        ("jeudi prochain", Weekday(THU, "next")), ("le jeudi prochain", Weekday(THU, "next")),
        ("mardi dernier", Weekday(TUE, "last")), ("le mardi dernier", Weekday(TUE, "last")),
        ("le mardi", Weekday(TUE)), ("24 novembre", Calendar(24, 11)),
        ("le 24 novembre", Calendar(24, 11)), ("mardi 24 novembre", Calendar(24, 11)),
        ("le 1er décembre", Calendar(1, 12)), ("1er decembre", Calendar(1, 12)),
        ("24 nov. 2026", Calendar(24, 11, 2026)), ("3 févr.", Calendar(3, 2)),
        ("15 août", Calendar(15, 8)),
    ],
    "ru": [
        ("сегодня", Relative(0)), ("завтра", Relative(1)), ("послезавтра", Relative(2)),
        ("вчера", Relative(-1)), ("позавчера", Relative(-2)),
        ("сегодня вечером", Relative(0, "evening")), ("завтра утром", Relative(1, "morning")),
        ("в следующий четверг", Weekday(THU, "next")),
        ("в следующую среду", Weekday(WED, "next")),
        ("в следующее воскресенье", Weekday(SUN, "next")),
        ("в прошлый вторник", Weekday(TUE, "last")), ("в прошлую пятницу", Weekday(FRI, "last")),
        ("прошлый вторник", Weekday(TUE, "last")), ("во вторник", Weekday(TUE)),
        ("в субботу", Weekday(SAT)), ("24 ноября", Calendar(24, 11)),
        ("вторник, 24 ноября", Calendar(24, 11)), ("24 ноября 2026", Calendar(24, 11, 2026)),
        ("3 дек.", Calendar(3, 12)), ("1 мая", Calendar(1, 5)), ("24-го ноября", Calendar(24, 11)),
        ("в четвёрг", Weekday(THU)),
    ],
    "any": [
        ("24.11.", Calendar(24, 11)), ("24.11", Calendar(24, 11)),
        ("24/11/26", Calendar(24, 11, 2026)),
        ("2026-11-24", Calendar(24, 11, 2026)), ("29.02.", Calendar(29, 2)),
    ],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "meant"), cases(DAYS))
def test_a_day_typed_in_the_clients_language_is_understood(typed, meant):
    assert day(typed) == meant


NOT_DAYS = [
    "morgens", "abends", "de la mañana", "la mañana", "matin", "утром", "вечера",
    "31.02.", "13.13.", "24", "24 Novembre Dezember", "32 ноября", "nächsten", "prochain",
    "следующий", "der Tag, an dem", "la semaine prochaine", "Dienstag 24", "Dienstag Donnerstag",
    "Di",
]  # fmt: skip


@pytest.mark.parametrize("typed", NOT_DAYS)
def test_what_only_looks_like_a_day_is_not_read_as_one(typed):
    assert day(typed) is None


@pytest.mark.parametrize(
    ("typed", "plain"),
    [("Dienstag", "dienstag"), ("MIÉRCOLES", "miercoles"), ("après-demain", "apres-demain"),
     ("четвёрг", "четверг"), ("Воскресенье", "воскресенье"), ("й", "й"), ("Ü", "u")],
)  # fmt: skip
def test_words_are_compared_casefolded_without_accents_and_with_e_for_yo(typed, plain):
    assert normalise(typed) == plain
