"""How long a session is and how often it comes, as a client types it in any language of
features/common/lexicon.py: "50 minutes", "50 Minuten", "una hora", "une heure et demie",
"полтора часа"; "every week", "alle zwei Wochen", "cada semana", "toutes les deux
semaines", "раз в две недели". Pure."""

from __future__ import annotations

import re

from features.common.lexicon import normalise

# Longer than any way of typing a length ("une heure et trente minutes").
_MAX_LENGTH_INPUT = 32
# Units, as typed after a number ("50 min", "1h", "2 Stunden", "90 минут").
_MINUTE_UNITS = "m|min|mins|minute|minutes|minuten|minuto|minutos|mn|мин|минута|минуты|минут|минуту"
_HOUR_UNITS = "h|hr|hrs|hour|hours|std|stunde|stunden|hora|horas|heure|heures|ч|час|часа|часов"
# "One" before a unit: "an hour", "eine Stunde", "una hora", "une heure", "один час".
_ONE = "a|an|one|ein|eine|einer|un|una|uno|une|один|одна"
# Half an hour more after the hours: "una hora y media", "une heure et demie".
_AND_A_HALF = "y media|et demie|et demi|and a half|und eine halbe|с половиной"
# Minutes after the hours in words: "une heure trente", "una hora quince", "час тридцать".
_MORE_MINUTES = {
    "quinze": 15, "trente": 30, "quince": 15, "treinta": 30, "funfzehn": 15, "dreissig": 30,
    "пятнадцать": 15, "тридцать": 30,
}  # fmt: skip
_MORE_WORDS = "|".join(_MORE_MINUTES)
_TYPED_LENGTH = re.compile(
    rf"(?P<amount>[0-9]{{1,3}}(?:[.,][0-9])?|{_ONE})?\s*"
    rf"(?:(?P<minutes_unit>{_MINUTE_UNITS})|(?P<hours_unit>{_HOUR_UNITS})"
    rf"(?:\s*(?:(?P<half>{_AND_A_HALF})|(?:and|und|y|et|и)?\s*(?P<more>[0-9]{{1,2}}|{_MORE_WORDS})\s*"
    rf"(?:{_MINUTE_UNITS})?))?)?"
)
# Lengths said in words that the pattern doesn't hold.
_SAID_LENGTHS = {
    "half an hour": 30, "half hour": 30, "an hour and a half": 90, "halbe stunde": 30,
    "eine halbe stunde": 30, "anderthalb stunden": 90, "eineinhalb stunden": 90,
    "media hora": 30, "hora y media": 90, "demi-heure": 30, "une demi-heure": 30,
    "une demi heure": 30, "полчаса": 30, "полтора часа": 90,
}  # fmt: skip

# How often, said in words: every week (1) or every other week (2).
_EVERY_WEEKS = {
    1: (
        "weekly", "every week", "each week", "once a week", "once per week", "1 week",
        "wochentlich", "jede woche", "jede woche einmal", "einmal pro woche",
        "einmal die woche", "einmal in der woche",
        "semanal", "semanalmente", "cada semana", "todas las semanas", "una vez por semana",
        "una vez a la semana", "una vez cada semana",
        "chaque semaine", "toutes les semaines", "une fois par semaine", "hebdomadaire",
        "каждую неделю", "раз в неделю", "еженедельно", "один раз в неделю",
    ),
    2: (
        "fortnightly", "every two weeks", "every 2 weeks", "every other week",
        "every second week", "every fortnight", "once a fortnight",
        "alle zwei wochen", "alle 2 wochen", "jede zweite woche",
        "zweiwochentlich", "alle vierzehn tage", "alle 14 tage", "14-tagig", "vierzehntagig",
        "cada dos semanas", "cada 2 semanas", "cada quince dias", "cada 15 dias",
        "quincenal", "quincenalmente", "una semana si y otra no",
        "toutes les deux semaines", "toutes les 2 semaines", "tous les quinze jours",
        "tous les 15 jours", "une semaine sur deux",
        "раз в две недели", "раз в 2 недели", "каждые две недели", "каждые 2 недели",
        "через неделю", "раз в полмесяца",
    ),
}  # fmt: skip
_WEEKS_SAID = {phrase: weeks for weeks, phrases in _EVERY_WEEKS.items() for phrase in phrases}


def typed_length(text: str) -> int | None:
    """A session length typed in minutes or hours ("50 minutes", "1 hour", "50 Minuten",
    "una hora y media", "полтора часа"), in minutes; or None."""
    typed = _plain(text)
    if len(typed) > _MAX_LENGTH_INPUT:
        return None
    if typed in _SAID_LENGTHS:
        return _SAID_LENGTHS[typed]
    found = _TYPED_LENGTH.fullmatch(typed)
    if found is None or not typed:
        return None
    amount, hours_unit = found["amount"], found["hours_unit"]
    if amount is None:  # a unit alone: "час", "hour"
        return 60 if hours_unit is not None else None
    one = not amount[:1].isdecimal()
    if one and found["minutes_unit"] is None and hours_unit is None:
        return None  # "an", "une": no length
    number = 1.0 if one else float(amount.replace(",", "."))
    if hours_unit is None:
        return round(number)
    more = found["more"] or "0"
    extra = 30 if found["half"] else _MORE_MINUTES.get(more) or int(more)
    return round(number * 60) + extra


def read_every_weeks(text: str) -> int | None:
    """How often sessions come, typed: 1 (every week) or 2 (every other week); or None."""
    return _WEEKS_SAID.get(_plain(text).removesuffix("."))


def _plain(text: str) -> str:
    """The text as the tables above hold it: normalised, without end punctuation."""
    return normalise(text).strip(" !?.,")
