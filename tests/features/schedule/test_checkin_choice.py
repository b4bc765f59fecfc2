"""Choosing the check-in between sessions on the /schedule card, as a pure flow: off, a day
or every day, and a time typed or tapped; a time inside the quiet hours refused kindly."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from features import router
from features.common.loaded import ClientSchedule
from features.common.session_times import PromptPreferences, SessionSchedule
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Command,
    NonText,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Text,
)
from features.schedule.checkin_choice import suggestion
from features.schedule.effects import SetCheckIn
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday, 10:00 in Berlin
TUESDAYS = SessionSchedule(
    weekdays=(1,), start=time(17), time_zone="Europe/Berlin", anchor=date(2026, 11, 24)
)
FACTS = facts_of(Client("Europe/Berlin"), NOW, ClientSchedule(TUESDAYS))
ON_THURSDAYS = FACTS.having(
    ClientSchedule(TUESDAYS, PromptPreferences(checkin_days=(3,), checkin_time=time(19)))
)
AT_TIME = State(Step.SET_CHECKIN_TIME, {"days": [3]})


def step(state: State, event, facts=FACTS) -> Outcome:
    outcome = router.step(state, event, facts)
    check_outcome(outcome)
    return outcome


def shown(outcome: Outcome) -> str:
    said = []
    for effect in outcome.effects:
        reply = effect.reply if isinstance(effect, Redraw) else effect
        if isinstance(reply, Reply):
            said.append(render(reply.text, "en", **reply.args))
    return "\n".join(said)


def sets(outcome: Outcome) -> list[SetCheckIn]:
    return [e for e in outcome.effects if isinstance(e, SetCheckIn)]


def test_the_card_says_off_then_the_chosen_day_and_time_and_has_the_button():
    card = step(State(), Command("schedule"))
    assert "Check-in between sessions: off." in shown(card)
    labels = [plain(b.label, "en", **b.args) for r in card.effects[0].buttons for b in r]
    assert "Check-in between sessions" in labels
    assert "Check-in between sessions: Thursdays at 19:00." in shown(
        step(State(), Command("schedule"), ON_THURSDAYS)
    )
    every_day = ClientSchedule(
        TUESDAYS, PromptPreferences(checkin_days=tuple(range(7)), checkin_time=time(8, 30))
    )
    assert "Check-in between sessions: every day at 08:30." in shown(
        step(State(), Command("schedule"), FACTS.having(every_day))
    )


def test_the_button_offers_the_weekdays_every_day_and_off():
    outcome = step(State(), Press("sc:checkin"))
    (redraw,) = outcome.effects
    assert isinstance(redraw, Redraw)
    datas = [b.data for row in redraw.reply.buttons for b in row]
    assert datas == [f"sc:checkin:{n}" for n in range(7)] + ["sc:checkin:all", "sc:checkin:off"]


def test_a_day_then_a_typed_time_sets_it():
    asked = step(State(), Press("sc:checkin:3"))
    assert asked.state == AT_TIME and "What time, Thursdays?" in shown(asked)
    for typed, stored in [("19:00", "19:00"), ("7pm", "19:00"), ("half six", "18:30")]:
        done = step(AT_TIME, Text(typed))
        assert sets(done) == [SetCheckIn((3,), stored)]
        assert done.state == State()
        assert f"Done: a check-in Thursdays at {stored}." in shown(done)
    tapped = step(AT_TIME, Press("st:20:00"))
    assert sets(tapped) == [SetCheckIn((3,), "20:00")]


def test_every_day_is_every_weekday():
    asked = step(State(), Press("sc:checkin:all"))
    done = step(asked.state, Text("21:00"))
    assert sets(done) == [SetCheckIn(tuple(range(7)), "21:00")]
    assert "every day at 21:00" in shown(done)


def test_off_turns_it_off():
    done = step(State(), Press("sc:checkin:off"), ON_THURSDAYS)
    assert sets(done) == [SetCheckIn((), None)]
    assert "no check-ins" in shown(done)


@pytest.mark.parametrize(("typed", "suggested"), [("23:00", "21:30"), ("7am", "08:00")])
def test_a_time_inside_the_quiet_hours_is_refused_naming_them_with_a_suggestion(typed, suggested):
    refused = step(AT_TIME, Text(typed))
    assert sets(refused) == [] and refused.state == AT_TIME
    said = shown(refused)
    assert "inside your quiet hours (22:00 to 08:00)" in said
    assert f"How about {suggested}?" in said


def test_a_time_that_is_not_one_is_asked_again_saying_why():
    for typed in ("whenever", "5"):
        again = step(AT_TIME, Text(typed))
        assert sets(again) == [] and again.state == AT_TIME
    assert "What time" in shown(step(AT_TIME, NonText("sticker")))


def test_suggestions_stay_outside_the_quiet_hours():
    prefs = PromptPreferences()
    for hour in range(24):
        if prefs.quiet_start <= time(hour) or time(hour) < prefs.quiet_end:
            assert suggestion(time(hour), prefs) in (time(21, 30), time(8))
    daytime = replace(prefs, quiet_start=time(9), quiet_end=time(17))
    assert suggestion(time(10), daytime) == time(8, 30)
    assert suggestion(time(16), daytime) == time(17)
