"""Which session a reflection looks back on: /reflect asks when more than one recent session
(or one other than today's) has no reflection yet, a day typed in the client's own words
is read, and a prompt's "Start now" keeps its own session even through the resume offer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from features import router
from features.common.loaded import ClientSchedule, LastSerial
from features.common.session_times import SessionSchedule
from features.kernel.vocabulary import Client, Command, Press, State, Step, Text, Toast
from features.reflection.effects import FinishReflection, StartReflection
from features.reflection.flow import begin
from features.reflection.loaded import OpenReflection, ReflectedDates, ReflectionView
from features.reflection.which import parse_day, unreflected
from tests.support.facts import facts_of

# Thursday 26 November 2026, 10:00 in Berlin.
NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)
TODAY = date(2026, 11, 26)
TUESDAYS = SessionSchedule(
    weekdays=(1,), start=time(17), time_zone="Europe/Berlin", anchor=date(2026, 11, 17)
)
CLIENT = Client(time_zone="Europe/Berlin")


def facts(reflected: frozenset[date] = frozenset(), schedule=TUESDAYS, serial: int = 2):
    return facts_of(
        CLIENT, NOW, ClientSchedule(schedule), ReflectedDates(reflected), LastSerial(serial)
    )


def started(outcome) -> StartReflection:
    [start] = [e for e in outcome.effects if isinstance(e, StartReflection)]
    return start


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("today", TODAY),
        ("yesterday", date(2026, 11, 25)),
        ("Tuesday", date(2026, 11, 24)),
        ("last Tuesday", date(2026, 11, 24)),
        ("last tue", date(2026, 11, 24)),
        ("Thursday", TODAY),
        ("last Thursday", date(2026, 11, 19)),
        ("24 November", date(2026, 11, 24)),
        ("November 24", date(2026, 11, 24)),
        ("Tuesday 24 November", date(2026, 11, 24)),
        ("24th Nov", date(2026, 11, 24)),
        ("on 17 November 2026", date(2026, 11, 17)),
        ("24.11.", date(2026, 11, 24)),
        ("24.11", date(2026, 11, 24)),
        ("24/11/26", date(2026, 11, 24)),
        ("2026-11-24", date(2026, 11, 24)),
        # Without a year: the last such day, so a December date is last year's.
        ("30 December", date(2025, 12, 30)),
        ("30.12.", date(2025, 12, 30)),
        ("27.11.2026", date(2026, 11, 27)),  # read, and then refused as still to come
    ],
)
def test_a_day_is_read_as_a_person_writes_it(typed: str, meant: date):
    assert parse_day(typed, TODAY) == meant


@pytest.mark.parametrize("typed", ["", "soon", "31.02.", "24", "the day my sister came", "13.13."])
def test_what_is_no_day_is_not_read_as_one(typed: str):
    assert parse_day(typed, TODAY) is None


# Thursday 26 November 2026.
DAYS_BY_LANGUAGE = {
    "de": [
        ("heute", TODAY),
        ("gestern", date(2026, 11, 25)),
        ("vorgestern", date(2026, 11, 24)),
        ("Dienstag", date(2026, 11, 24)),
        ("am Dienstag", date(2026, 11, 24)),
        ("letzten Dienstag", date(2026, 11, 24)),
        ("letzten Donnerstag", date(2026, 11, 19)),
        ("am vergangenen Montag", date(2026, 11, 23)),
        ("24. November", date(2026, 11, 24)),
        ("am 24. November", date(2026, 11, 24)),
        ("Dienstag, 24. November", date(2026, 11, 24)),
        ("24. Nov. 2026", date(2026, 11, 24)),
        ("30. Dezember", date(2025, 12, 30)),
        ("Di", date(2026, 11, 24)),  # the client's language, German, decides "Di"
    ],
    "es": [
        ("hoy", TODAY),
        ("ayer", date(2026, 11, 25)),
        ("anteayer", date(2026, 11, 24)),
        ("el martes", date(2026, 11, 24)),
        ("el martes pasado", date(2026, 11, 24)),
        ("el pasado jueves", date(2026, 11, 19)),
        ("24 de noviembre", date(2026, 11, 24)),
        ("el 24 de noviembre", date(2026, 11, 24)),
        ("martes 24 de noviembre", date(2026, 11, 24)),
        ("24 de noviembre de 2026", date(2026, 11, 24)),
        ("mar", date(2026, 11, 24)),
    ],
    "fr": [
        ("aujourd'hui", TODAY),
        ("hier", date(2026, 11, 25)),
        ("avant-hier", date(2026, 11, 24)),
        ("mardi", date(2026, 11, 24)),
        ("mardi dernier", date(2026, 11, 24)),
        ("le mardi dernier", date(2026, 11, 24)),
        ("jeudi dernier", date(2026, 11, 19)),
        ("24 novembre", date(2026, 11, 24)),
        ("le 24 novembre", date(2026, 11, 24)),
        ("mardi 24 novembre", date(2026, 11, 24)),
        ("le 1er novembre", date(2026, 11, 1)),
    ],
    "ru": [
        ("сегодня", TODAY),
        ("вчера", date(2026, 11, 25)),
        ("позавчера", date(2026, 11, 24)),
        ("во вторник", date(2026, 11, 24)),
        ("в прошлый вторник", date(2026, 11, 24)),
        ("в прошлый четверг", date(2026, 11, 19)),
        ("в прошлую среду", date(2026, 11, 25)),
        ("24 ноября", date(2026, 11, 24)),
        ("вторник, 24 ноября", date(2026, 11, 24)),
        ("24 ноября 2026", date(2026, 11, 24)),
        ("30 декабря", date(2025, 12, 30)),
    ],
}


@pytest.mark.parametrize(
    ("language", "typed", "meant"),
    [(lang, typed, meant) for lang, rows in DAYS_BY_LANGUAGE.items() for typed, meant in rows],
)
def test_a_day_is_read_in_the_clients_language(language: str, typed: str, meant: date):
    assert parse_day(typed, TODAY, language) == meant


@pytest.mark.parametrize(
    "typed",
    ["morgens", "nächsten Dienstag", "el próximo martes", "jeudi prochain",
     "в следующий вторник", "de la mañana", "вечером", "32. November", "la semaine dernière",
     "Di"],
)  # fmt: skip
def test_what_is_no_past_day_in_any_language_is_not_read_as_one(typed: str):
    assert parse_day(typed, TODAY) is None


def test_a_day_typed_in_german_is_the_session_reflected_on():
    asked = begin(facts())
    chosen = router.step(asked.state, Text("letzten Dienstag"), facts())
    assert started(chosen).session_date == date(2026, 11, 24)
    # "Di" is Tuesday to a German client (and Sunday to a French one).
    german = facts_of(
        Client(time_zone="Europe/Berlin", language="de"),
        NOW,
        ClientSchedule(TUESDAYS),
        ReflectedDates(frozenset()),
        LastSerial(2),
    )
    assert started(router.step(asked.state, Text("Di"), german)).session_date == date(2026, 11, 24)
    unread = router.step(asked.state, Text("Di"), facts())
    assert [e.text for e in unread.effects] == ["reflection.day_unreadable"]


def test_the_sessions_without_a_reflection_are_the_recent_ones_oldest_first():
    assert unreflected(TUESDAYS, frozenset(), NOW) == (date(2026, 11, 17), date(2026, 11, 24))
    assert unreflected(TUESDAYS, frozenset({date(2026, 11, 24)}), NOW) == (date(2026, 11, 17),)
    assert unreflected(None, frozenset(), NOW) == ()


def test_reflect_after_two_missed_sessions_asks_which_with_those_days():
    outcome = begin(facts())
    assert outcome.state.step is Step.CHOOSE_SESSION
    [offer] = outcome.effects
    assert offer.text == "reflection.which_session"
    labels = [(b.args.get("day"), b.data) for row in offer.buttons for b in row]
    assert labels == [
        ("Tuesday 17 November", "rw:3:2026-11-17"),
        ("Tuesday 24 November", "rw:3:2026-11-24"),
        (None, "rw:3:other"),
    ]
    chosen = router.step(outcome.state, Press("rw:3:2026-11-17"), facts())
    assert started(chosen).session_date == date(2026, 11, 17)
    assert chosen.state.step is Step.REFLECTING
    assert any(isinstance(e, Toast) for e in chosen.effects)


def test_a_day_typed_instead_dates_the_reflection():
    asked = begin(facts())
    another = router.step(asked.state, Press("rw:3:other"), facts())
    assert another.state == asked.state
    assert [e.text for e in another.effects] == ["reflection.which_day"]
    assert started(router.step(asked.state, Text("24.11."), facts())).session_date == date(
        2026, 11, 24
    )
    unread = router.step(asked.state, Text("soonish"), facts())
    assert unread.state == asked.state
    assert [e.text for e in unread.effects] == ["reflection.day_unreadable"]
    for coming in ("Friday 27 November 2026", "27.11.2026"):
        future = router.step(asked.state, Text(coming), facts())
        assert [e.text for e in future.effects] == ["reflection.day_future"]


def test_a_long_message_is_no_day_and_the_offer_lapses():
    asked = begin(facts())
    lapsed = router.step(asked.state, Text("I had a really hard session today honestly"), facts())
    assert lapsed.state.step is not Step.CHOOSE_SESSION


def test_a_stale_choice_changes_nothing():
    asked = begin(facts())
    older = router.step(asked.state, Press("rw:2:2026-11-17"), facts())
    assert not any(isinstance(e, StartReflection) for e in older.effects)
    # A reflection began since the offer (its serial is taken): nothing starts twice.
    moved_on = router.step(asked.state, Press("rw:3:2026-11-24"), facts(serial=3))
    assert not any(isinstance(e, StartReflection) for e in moved_on.effects)


def test_without_a_schedule_or_with_only_todays_session_open_reflect_starts_today():
    assert started(begin(facts(schedule=None))).session_date == TODAY
    # Every session reflected on: today's date, as before.
    everything = frozenset({date(2026, 11, 17), date(2026, 11, 24)})
    assert started(begin(facts(everything))).session_date == TODAY


def test_a_single_missed_session_other_than_today_is_asked_about_too():
    outcome = begin(facts(frozenset({date(2026, 11, 24)})))
    assert outcome.state.step is Step.CHOOSE_SESSION
    assert outcome.state.data["days"] == ["2026-11-17"]


def test_reflect_with_a_day_dates_it_without_a_schedule():
    outcome = router.step(State(), Command("reflect", "last Tuesday"), facts(schedule=None))
    assert started(outcome).session_date == date(2026, 11, 24)
    unread = router.step(State(), Command("reflect", "whenever"), facts(schedule=None))
    assert unread.state.step is Step.CHOOSE_SESSION
    assert [r.text for r in router.ask_again(unread.state, facts())] == ["reflection.which_day"]
    assert started(router.step(unread.state, Text("24.11."), facts(schedule=None)))


def test_start_now_keeps_its_session_through_the_resume_offer():
    unfinished = ReflectionView(2, ("heard",), 0, date(2026, 11, 16))
    with_open = facts().having(OpenReflection(unfinished))
    offered = begin(with_open, source="prompt", session_date=date(2026, 11, 24), choose=False)
    assert offered.state.step is Step.OFFER_RESUME
    anew = router.step(offered.state, Press("rs:2:new"), with_open)
    assert FinishReflection(2, complete=False) in anew.effects
    assert started(anew).session_date == date(2026, 11, 24)
    assert started(anew).source == "prompt"


@given(st.text(max_size=60))
def test_no_text_breaks_the_day_reader(typed):
    parse_day(typed, TODAY, "fr")
