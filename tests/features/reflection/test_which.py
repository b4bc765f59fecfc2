"""Which session a reflection looks back on: /reflect asks when more than one recent session
(or one other than today's) has no reflection yet, a day typed in the client's own words
is read, and a prompt's "Start now" keeps its own session even through the resume offer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from features import router
from features.common.loaded import ClientSchedule, LastSerial
from features.common.session_times import SessionSchedule
from features.kernel.texts import plain
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


def test_the_sessions_without_a_reflection_are_the_recent_ones_oldest_first():
    assert unreflected(TUESDAYS, frozenset(), NOW) == (date(2026, 11, 17), date(2026, 11, 24))
    assert unreflected(TUESDAYS, frozenset({date(2026, 11, 24)}), NOW) == (date(2026, 11, 17),)
    assert unreflected(None, frozenset(), NOW) == ()


def test_reflect_after_two_missed_sessions_asks_which_with_those_days():
    outcome = begin(facts())
    assert outcome.state.step is Step.CHOOSE_SESSION
    [offer] = outcome.effects
    assert offer.text == "reflection.which_session"
    labels = [(plain(b.label, **b.args), b.data) for row in offer.buttons for b in row]
    assert labels == [
        ("Tuesday 17 November", "rw:3:2026-11-17"),
        ("Tuesday 24 November", "rw:3:2026-11-24"),
        ("Another day", "rw:3:other"),
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
