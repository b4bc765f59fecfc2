"""The session questions answered by typing, in German, Spanish, French or Russian: the days
(with the time, if it comes along), how long, how often, and a one-off session."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from features import router
from features.kernel.vocabulary import Client, Reply, State, Step, Text
from features.schedule.effects import SaveSchedule
from features.schedule.how_long import read_every_weeks, typed_length
from features.schedule.parsing import TypedDays, read_days, read_one_off
from tests.support.facts import facts_of

BERLIN = "Europe/Berlin"
# Tuesday 1 December 2026, 10:00 in Berlin.
TUESDAY_MORNING = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def cases(table: Mapping[str, Sequence[tuple[str, object]]]) -> list[object]:
    return [
        pytest.param(typed, meant, id=f"{language}:{typed}")
        for language, rows in table.items()
        for typed, meant in rows
    ]


LENGTHS: dict[str, list[tuple[str, int]]] = {
    "de": [("50 Minuten", 50), ("50 Min.", 50), ("eine Stunde", 60), ("1 Stunde", 60),
           ("1,5 Stunden", 90), ("anderthalb Stunden", 90), ("eineinhalb Stunden", 90),
           ("eine halbe Stunde", 30), ("2 Std", 120), ("1 Stunde 30", 90)],
    "es": [("50 minutos", 50), ("una hora", 60), ("1 hora", 60), ("una hora y media", 90),
           ("hora y media", 90), ("media hora", 30), ("1,5 horas", 90), ("45 min", 45),
           ("2 horas", 120), ("1 hora 30 minutos", 90)],
    "fr": [("50 minutes", 50), ("une heure", 60), ("1 heure", 60), ("une heure et demie", 90),
           ("1h30", 90), ("une demi-heure", 30), ("45 mn", 45), ("2 heures", 120),
           ("1 h 15", 75), ("une heure trente", 90)],
    "ru": [("50 минут", 50), ("час", 60), ("1 час", 60), ("полтора часа", 90),
           ("полчаса", 30), ("2 часа", 120), ("45 мин", 45), ("90 минут", 90),
           ("один час", 60), ("1 час 30 минут", 90)],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "minutes"), cases(LENGTHS))
def test_a_length_typed_in_the_clients_language_is_understood(typed, minutes):
    assert typed_length(typed) == minutes


@pytest.mark.parametrize(
    "typed",
    ["Stunde und so", "eine", "una", "une", "один", "minutos", "dos", "long", "lange",
     "largo", "longtemps", "долго", "50 Wochen", "heure et", "x" * 40],
)  # fmt: skip
def test_what_is_no_length_is_not_read_as_one(typed):
    assert typed_length(typed) is None


HOW_OFTEN: dict[str, list[tuple[str, int]]] = {
    "de": [("jede Woche", 1), ("wöchentlich", 1), ("einmal pro Woche", 1),
           ("alle zwei Wochen", 2), ("alle 2 Wochen", 2), ("jede zweite Woche", 2),
           ("alle 14 Tage", 2), ("vierzehntägig", 2)],
    "es": [("cada semana", 1), ("todas las semanas", 1), ("una vez por semana", 1),
           ("semanal", 1), ("cada dos semanas", 2), ("cada 2 semanas", 2),
           ("cada quince días", 2), ("quincenal", 2)],
    "fr": [("chaque semaine", 1), ("toutes les semaines", 1), ("une fois par semaine", 1),
           ("toutes les deux semaines", 2), ("toutes les 2 semaines", 2),
           ("tous les quinze jours", 2), ("une semaine sur deux", 2)],
    "ru": [("каждую неделю", 1), ("раз в неделю", 1), ("еженедельно", 1),
           ("раз в две недели", 2), ("раз в 2 недели", 2), ("каждые две недели", 2),
           ("через неделю", 2)],
    "en": [("every week", 1), ("Weekly.", 1), ("every other week", 2), ("fortnightly", 2)],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "every_weeks"), cases(HOW_OFTEN))
def test_how_often_typed_in_the_clients_language_is_understood(typed, every_weeks):
    assert read_every_weeks(typed) == every_weeks


@pytest.mark.parametrize(
    "typed",
    ["jede", "Woche", "alle drei Wochen", "cada mes", "semana", "chaque mois", "deux",
     "каждый месяц", "неделю", "often", "every day", ""],
)  # fmt: skip
def test_how_often_that_is_neither_is_not_read(typed):
    assert read_every_weeks(typed) is None


DAY_ANSWERS: dict[str, list[tuple[str, object]]] = {
    "de": [("dienstags", TypedDays((TUE,))), ("dienstags um 17 Uhr", TypedDays((TUE,), time(17))),
           ("Di und Do um halb sechs", TypedDays((TUE, THU), time(17, 30))),
           ("montags um 8", TypedDays((MON,), "morning_or_evening"))],
    "es": [("los martes", TypedDays((TUE,))),
           ("los martes a las 5 de la tarde", TypedDays((TUE,), time(17))),
           ("martes y jueves a las cinco y media", TypedDays((TUE, THU), time(17, 30)))],
    "fr": [("le mardi", TypedDays((TUE,))), ("le mardi à 17h", TypedDays((TUE,), time(17))),
           ("mardis et jeudis à 17h30", TypedDays((TUE, THU), time(17, 30)))],
    "ru": [("по вторникам", TypedDays((TUE,))),
           ("по вторникам в 17:00", TypedDays((TUE,), time(17))),
           ("во вторник и четверг в пять вечера", TypedDays((TUE, THU), time(17))),
           ("по средам в пять", TypedDays((WED,), "morning_or_evening"))],
    "en": [("Tuesdays and Thursdays", TypedDays((TUE, THU))),
           ("Tuesdays at 5pm", TypedDays((TUE,), time(17)))],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "meant"), cases(DAY_ANSWERS))
def test_the_days_typed_with_or_without_the_time_are_understood(typed, meant):
    assert read_days(typed) == meant


@pytest.mark.parametrize(
    "typed",
    ["dienstags meistens", "jede Woche", "los martes, creo", "mardi ou peut-être pas",
     "по вторникам обычно", "Di", "dienstags um 25 Uhr", "x" * 100],
)  # fmt: skip
def test_days_with_words_that_are_neither_a_day_nor_a_time_are_not_taken(typed):
    assert read_days(typed) is None


ONE_OFFS: dict[str, list[tuple[str, datetime]]] = {
    "de": [("morgen um 17 Uhr", datetime(2026, 12, 2, 17)),
           ("morgen 10 Uhr", datetime(2026, 12, 2, 10)),
           ("heute Abend um 7", datetime(2026, 12, 1, 19)),
           ("übermorgen um halb sechs", datetime(2026, 12, 3, 17, 30)),
           ("nächsten Donnerstag um 10 Uhr", datetime(2026, 12, 3, 10)),
           ("am Donnerstag um 17:30 Uhr", datetime(2026, 12, 3, 17, 30)),
           ("Dienstag um 9 Uhr morgens", datetime(2026, 12, 8, 9)),
           ("am 3. Dezember um 17:30", datetime(2026, 12, 3, 17, 30)),
           ("3.12. 17:30", datetime(2026, 12, 3, 17, 30)),
           ("morgen früh um 8", datetime(2026, 12, 2, 8))],
    "es": [("mañana a las 10 de la mañana", datetime(2026, 12, 2, 10)),
           ("hoy a las 7 de la tarde", datetime(2026, 12, 1, 19)),
           ("pasado mañana a las 17:00", datetime(2026, 12, 3, 17)),
           ("el próximo jueves a las cinco y media", datetime(2026, 12, 3, 17, 30)),
           ("el jueves que viene a las 10:00", datetime(2026, 12, 3, 10)),
           ("el 3 de diciembre a las 17:30", datetime(2026, 12, 3, 17, 30)),
           ("esta tarde a las 5", datetime(2026, 12, 1, 17))],
    "fr": [("demain à 10h", datetime(2026, 12, 2, 10)),
           ("ce soir à 19h", datetime(2026, 12, 1, 19)),
           ("après-demain à 17h30", datetime(2026, 12, 3, 17, 30)),
           ("jeudi prochain à 10h", datetime(2026, 12, 3, 10)),
           ("le 3 décembre à 17h30", datetime(2026, 12, 3, 17, 30)),
           ("demain matin à 9 heures", datetime(2026, 12, 2, 9)),
           ("vendredi à six heures et demie", datetime(2026, 12, 4, 18, 30))],
    "ru": [("завтра в 10 утра", datetime(2026, 12, 2, 10)),
           ("сегодня в 7 вечера", datetime(2026, 12, 1, 19)),
           ("сегодня вечером в 7", datetime(2026, 12, 1, 19)),
           ("послезавтра в 17:30", datetime(2026, 12, 3, 17, 30)),
           ("в следующий четверг в 10:00", datetime(2026, 12, 3, 10)),
           ("в четверг в полшестого", datetime(2026, 12, 3, 17, 30)),
           ("3 декабря в 17:30", datetime(2026, 12, 3, 17, 30))],
}  # fmt: skip


@pytest.mark.parametrize(("typed", "local"), cases(ONE_OFFS))
def test_a_one_off_typed_in_the_clients_language_is_understood(typed, local):
    expected = local.replace(tzinfo=ZoneInfo(BERLIN))
    assert read_one_off(typed, BERLIN, TUESDAY_MORNING) == expected


@pytest.mark.parametrize(
    ("typed", "why"),
    [("morgen um 5", "morning_or_evening"), ("mañana a las cinco", "morning_or_evening"),
     ("demain", "no_time"), ("завтра", "no_time"), ("gestern um 17 Uhr", "past"),
     ("ayer a las 5 de la tarde", "past"), ("mardi dernier à 17h", "past"),
     ("heute um 9:00 Uhr", "past"), ("Dienstag um 9 Uhr", "morning_or_evening"),
     ("irgendwann bald", "no_day"), ("bientôt", "no_day"),
     ("в пять вечера", "no_day"), ("morgens um 8", "no_day"),
     # "am" is also German ("am Dienstag"): the reading that took "9 AM" whole says why.
     ("9 AM today", "past"), ("today at 9 am", "past")],
)  # fmt: skip
def test_a_one_off_that_cant_be_taken_says_why_in_any_language(typed, why):
    assert read_one_off(typed, BERLIN, TUESDAY_MORNING) == why


@pytest.mark.parametrize(
    ("typed", "local"),
    [("tomorrow morning 10am", datetime(2026, 12, 2, 10)),
     ("tonight 7pm", datetime(2026, 12, 1, 19)), ("tonight 7", datetime(2026, 12, 1, 19)),
     ("tomorrow morning 9", datetime(2026, 12, 2, 9)),
     # A 24-hour time stands as typed, whatever the day's part.
     ("17:00 tomorrow morning", datetime(2026, 12, 2, 17)),
     ("heute Abend 19:30", datetime(2026, 12, 1, 19, 30))],
)  # fmt: skip
def test_a_part_of_the_day_said_with_the_day_decides_the_hour(typed, local):
    expected = local.replace(tzinfo=ZoneInfo(BERLIN))
    assert read_one_off(typed, BERLIN, TUESDAY_MORNING) == expected


def test_a_weekday_two_languages_name_differently_is_read_in_the_clients_language():
    # "Do": German Thursday (3 December), Spanish Sunday (6 December).
    assert read_one_off("Do 10:00", BERLIN, TUESDAY_MORNING) == "no_day"
    thursday = datetime(2026, 12, 3, 10, tzinfo=ZoneInfo(BERLIN))
    sunday = datetime(2026, 12, 6, 10, tzinfo=ZoneInfo(BERLIN))
    assert read_one_off("Do 10:00", BERLIN, TUESDAY_MORNING, "de") == thursday
    assert read_one_off("Do 10:00", BERLIN, TUESDAY_MORNING, "es") == sunday
    assert read_one_off("Do um 10 Uhr", BERLIN, TUESDAY_MORNING, "es") == thursday


# The setup questions, as steps.
FACTS = facts_of(Client(time_zone=BERLIN, language="de"), TUESDAY_MORNING)
DAYS = State(Step.SET_DAYS, {"purpose": "onboarding", "days": []})


def said(outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply)]


def test_typed_days_go_on_to_the_time_and_with_a_time_straight_to_the_length():
    days = router.step(DAYS, Text("Dienstag und Donnerstag"), FACTS)
    assert days.state == State(Step.SET_TIME, {"purpose": "onboarding", "days": [TUE, THU]})
    assert said(days) == ["schedule.ask_time"]
    both = router.step(DAYS, Text("dienstags um 17 Uhr"), FACTS)
    assert both.state.step is Step.SET_LENGTH
    assert both.state.data == {"purpose": "onboarding", "days": [TUE], "time": "17:00"}
    assert said(both) == ["schedule.ask_length"]


def test_typed_days_with_an_hour_that_may_be_either_ask_morning_or_evening():
    outcome = router.step(DAYS, Text("los martes a las cinco"), FACTS)
    assert outcome.state == State(Step.SET_TIME, {"purpose": "onboarding", "days": [TUE]})
    assert said(outcome) == ["schedule.time_morning_or_evening", "schedule.ask_time"]


def test_days_that_cant_be_read_change_nothing_and_say_how_to_answer():
    outcome = router.step(DAYS, Text("meistens dienstags"), FACTS)
    assert outcome.state == DAYS and said(outcome) == ["schedule.days_unclear"]


def test_the_clients_language_decides_a_short_weekday_at_the_days_question():
    german = router.step(DAYS, Text("Di"), FACTS)
    assert german.state.data["days"] == [TUE]
    french = router.step(DAYS, Text("di"), facts_of(Client(BERLIN, "fr"), TUESDAY_MORNING))
    assert french.state.data["days"] == [SUN]


def test_a_whole_setup_typed_in_russian_saves_the_schedule():
    state = DAYS
    for typed in ("по вторникам", "в 17:00", "50 минут"):
        state = router.step(state, Text(typed), FACTS).state
    saved = router.step(state, Text("каждую неделю"), FACTS)
    assert [e for e in saved.effects if isinstance(e, SaveSchedule)] == [
        SaveSchedule((TUE,), "17:00", 50, 1)
    ]


@given(st.text(max_size=90))
def test_no_text_breaks_the_readers_of_days_lengths_and_how_often(typed):
    read_days(typed)
    typed_length(typed)
    read_every_weeks(typed)
    read_one_off(typed, BERLIN, TUESDAY_MORNING, "de")
