"""Setting up sessions, /schedule and prompt buttons, as a pure state machine."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from features import router
from features.common.loaded import ClientSchedule
from features.common.session_times import SessionSchedule
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Change,
    Client,
    Command,
    Edited,
    NonText,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.reflection.effects import StartReflection
from features.schedule.effects import (
    AddExtraSession,
    ClosePrompts,
    SaveSchedule,
    SetNeutralWording,
    SetPaused,
    SetQuietHours,
    SetReflectionDelay,
    SkipNextSession,
    SnoozePrompt,
)
from features.schedule.loaded import PressedPrompt, PromptView
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

MONDAY_10_BERLIN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FACTS = facts_of(Client(time_zone="Europe/Berlin"), MONDAY_10_BERLIN)
DAYS = State(Step.SET_DAYS, {"purpose": "onboarding", "days": []})
TUESDAY = State(Step.SET_DAYS, {"purpose": "onboarding", "days": [1]})
AT_TIME = State(Step.SET_TIME, {"purpose": "onboarding", "days": [1]})
AT_LENGTH = State(Step.SET_LENGTH, {"purpose": "onboarding", "days": [1], "time": "17:00"})
AT_FREQUENCY = State(
    Step.SET_FREQUENCY, {"purpose": "onboarding", "days": [1], "time": "17:00", "length": 50}
)
SCHEDULED = FACTS.having(
    ClientSchedule(
        SessionSchedule(
            weekdays=(1,), start=time(17), time_zone="Europe/Berlin", anchor=date(2026, 11, 24)
        )
    )
)
SENT = PromptView(
    9, "reflection", date(2026, 11, 24), "sent", datetime(2026, 11, 24, 17, 50, tzinfo=UTC)
)


def of(outcome: Outcome, kind: type) -> list:
    return [e for e in outcome.effects if isinstance(e, kind)]


def texts(outcome: Outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply | Toast)]


STATES = [DAYS, TUESDAY, AT_TIME, AT_LENGTH, AT_FREQUENCY, State(Step.ADD_EXTRA), State()]
EVENTS = [
    Press("sd:1"), Press("sd:9"), Press("sd:done"), Press("sd:irregular"), Press("sd:later"),
    Press("st:17:00"), Press("st:25:61"), Press("sl:50"), Press("sl:7"), Press("sf:1"),
    Press("sf:3"), Press("sc:edit"), Press("sc:skip_next"), Press("sc:pause"), Press("sc:x"),
    Press("sc:delay"), Press("sc:delay:60"), Press("sc:quiet"), Press("sc:quiet:none"),
    Press("sc:extra"), Text("Thursday 10:00"),
    Press("p:9:start"), Press("p:9:later"), Press("p:9:snooze:2"), Press("p:9:snooze:9"),
    Press("p:9:skip"), Press("p:8:start"), Press("p:x"), Press("p:9:quick"),
    Text("17:00"), Text("5pm"), Text("25:61"), Text("tomorrow-ish"), Text(""),
    Command("schedule"), Command("skip"), Command("pause"), Command("resume"), Command("cancel"),
    NonText("sticker"), Edited(),
]  # fmt: skip


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.step.value)
@pytest.mark.parametrize("event", EVENTS, ids=repr)
@pytest.mark.parametrize(
    "facts", [FACTS, SCHEDULED.having(PressedPrompt(SENT))], ids=["new", "set"]
)
def test_every_setup_step_answers_every_event(state, event, facts):
    outcome = router.step(state, event, facts)
    assert outcome.effects
    check_outcome(outcome)


def test_days_toggle_in_place_and_done_needs_at_least_one():
    toggled = router.step(DAYS, Press("sd:1"), FACTS)
    assert toggled.state.data["days"] == [1]
    (redraw,) = of(toggled, Redraw)
    labels = [plain(b.label, **b.args) for row in redraw.reply.buttons for b in row]
    assert "\u2705 Tue" in labels
    empty = router.step(DAYS, Press("sd:done"), FACTS)
    assert texts(empty) == ["toast.choose_a_day"] and empty.state == DAYS
    assert not of(empty, SaveSchedule)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("25:61", "schedule.time_unclear"), ("tomorrow-ish", "schedule.time_unclear"),
        ("", "schedule.time_unclear"), ("x" * 5000, "schedule.time_unclear"),
        ("5", "schedule.time_morning_or_evening"),
        ("half eight", "schedule.time_morning_or_evening"),
    ],
)  # fmt: skip
def test_a_time_that_is_not_one_is_asked_again_saying_why_and_nothing_stored(typed, why):
    outcome = router.step(AT_TIME, Text(typed), FACTS)
    assert outcome.state == AT_TIME
    assert texts(outcome) == [why, "schedule.ask_time"]
    assert not of(outcome, SaveSchedule)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("50 minutes", 50), ("50", 50), ("55 min", 55), ("1 hour", 60), ("an hour", 60),
     ("1.5 hours", 90), ("2h", 120)],
)  # fmt: skip
def test_a_typed_length_is_understood(typed, minutes):
    outcome = router.step(AT_LENGTH, Text(typed), FACTS)
    assert outcome.state.step is Step.SET_FREQUENCY and outcome.state.data["length"] == minutes


@pytest.mark.parametrize(
    ("typed", "why"),
    [("long", "schedule.length_unclear"), ("an", "schedule.length_unclear"),
     ("5", "schedule.length_out_of_range"), ("9 hours", "schedule.length_out_of_range")],
)  # fmt: skip
def test_a_length_that_cant_be_taken_is_asked_again_saying_why(typed, why):
    outcome = router.step(AT_LENGTH, Text(typed), FACTS)
    assert outcome.state == AT_LENGTH and texts(outcome) == [why, "schedule.ask_length"]


@pytest.mark.parametrize(("typed", "every_weeks"), [("weekly", 1), ("every other week", 2)])
def test_how_often_typed_is_saved_like_its_button(typed, every_weeks):
    outcome = router.step(AT_FREQUENCY, Text(typed), FACTS)
    assert of(outcome, SaveSchedule) == [SaveSchedule((1,), "17:00", 50, every_weeks)]


def test_how_often_that_cant_be_read_is_asked_again_saying_how():
    outcome = router.step(AT_FREQUENCY, Text("often"), FACTS)
    assert outcome.state == AT_FREQUENCY
    assert texts(outcome) == ["schedule.frequency_unclear", "schedule.ask_frequency"]


def test_changing_sessions_starts_from_the_current_answers():
    days = router.step(State(), Press("sc:edit"), SCHEDULED)
    assert days.state.data["days"] == [1]
    labels = [plain(b.label, **b.args) for row in days.effects[0].buttons for b in row]
    assert "\u2705 Tue" in labels
    at_time = router.step(days.state, Press("sd:done"), SCHEDULED)
    asked = at_time.effects[0]
    assert "Now: 17:00" in plain(asked.text, **asked.args)
    assert "\u2705 17:00" in [plain(b.label, **b.args) for row in asked.buttons for b in row]
    at_length = router.step(at_time.state, Press("st:17:00"), SCHEDULED)
    lengths = [plain(b.label, **b.args) for row in at_length.effects[0].buttons for b in row]
    assert "\u2705 50 min" in lengths
    at_frequency = router.step(at_length.state, Press("sl:50"), SCHEDULED)
    how_often = [plain(b.label, **b.args) for row in at_frequency.effects[0].buttons for b in row]
    assert "\u2705 Every week" in how_often
    saved = router.step(at_frequency.state, Press("sf:1"), SCHEDULED)
    assert of(saved, SaveSchedule) == [SaveSchedule((1,), "17:00", 50, 1)]


@pytest.mark.parametrize(
    ("typed", "stored"), [("17:00", "17:00"), ("5pm", "17:00"), ("17.30", "17:30")]
)
def test_a_typed_time_is_understood(typed, stored):
    outcome = router.step(AT_TIME, Text(typed), FACTS)
    assert outcome.state.step is Step.SET_LENGTH and outcome.state.data["time"] == stored


def test_the_last_answer_saves_and_summarises_in_local_time():
    outcome = router.step(AT_FREQUENCY, Press("sf:1"), FACTS)
    assert of(outcome, SaveSchedule) == [SaveSchedule((1,), "17:00", 50, 1)]
    summary = next(e for e in outcome.effects if isinstance(e, Reply))
    text = render(summary.text, **summary.args)
    assert "Tuesday 24 November, 17:00" in text
    assert "Tuesday 24 November, 18:50" in text  # 17:00 + 50 min + 1 h
    assert outcome.state == State()


def test_sessions_can_be_set_later():
    outcome = router.step(DAYS, Press("sd:later"), FACTS)
    assert texts(outcome) == ["schedule.later"] and not of(outcome, SaveSchedule)


def test_skip_pause_and_resume():
    skip = router.step(State(), Command("skip"), SCHEDULED)
    assert of(skip, Change) == [SkipNextSession()]
    assert "Tuesday 24 November, 17:00" in render(skip.effects[1].text, **skip.effects[1].args)
    assert of(router.step(State(), Command("pause"), SCHEDULED), Change) == [SetPaused(True)]
    assert of(router.step(State(), Command("resume"), SCHEDULED), Change) == [SetPaused(False)]
    nothing = router.step(State(), Command("skip"), FACTS)
    assert not of(nothing, Change)


def test_the_card_switches_neutral_wording_on_and_off():
    on = router.step(State(), Press("sc:neutral_on"), SCHEDULED)
    assert of(on, Change) == [SetNeutralWording(True)] and texts(on) == ["schedule.neutral_on"]
    off = router.step(State(), Press("sc:neutral_off"), SCHEDULED)
    assert of(off, Change) == [SetNeutralWording(False)]
    forged = router.step(State(), Press("sc:neutral_maybe"), SCHEDULED)
    assert not of(forged, Change) and texts(forged) == ["toast.stale_button"]


def test_prompt_buttons_start_snooze_and_skip():
    facts = replace(
        SCHEDULED.having(PressedPrompt(SENT)), now=datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    )
    start = router.step(State(), Press("p:9:start"), facts)
    assert of(start, ClosePrompts) == [ClosePrompts(date(2026, 11, 24), "answered")]
    (started,) = of(start, StartReflection)
    assert started.session_date == date(2026, 11, 24) and started.source == "prompt"
    later = router.step(State(), Press("p:9:snooze:3"), facts)
    assert of(later, SnoozePrompt) == [SnoozePrompt(9, 3)]
    skip = router.step(State(), Press("p:9:skip"), facts)
    assert of(skip, ClosePrompts) == [ClosePrompts(date(2026, 11, 24), "skipped")]


def test_a_prompts_quick_version_begins_only_the_ratings_and_what_to_bring_up():
    facts = replace(
        SCHEDULED.having(PressedPrompt(SENT)), now=datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    )
    quick = router.step(State(), Press("p:9:quick"), facts)
    assert of(quick, ClosePrompts) == [ClosePrompts(date(2026, 11, 24), "answered")]
    (started,) = of(quick, StartReflection)
    assert started.questions == ("heard", "focus", "approach", "overall", "bring_up")
    assert started.session_date == date(2026, 11, 24) and started.source == "prompt"


def test_a_prompt_pressed_before_its_send_is_recorded_still_starts_the_reflection():
    # The client can be quicker than the dispatcher's record of the send (another replica).
    for status in ("sending", "interrupted"):
        unrecorded = replace(SENT, status=status, sent_at=None)
        facts = replace(
            SCHEDULED.having(PressedPrompt(unrecorded)),
            now=datetime(2026, 11, 24, 18, 0, tzinfo=UTC),
        )
        start = router.step(State(), Press("p:9:start"), facts)
        assert of(start, ClosePrompts) == [ClosePrompts(date(2026, 11, 24), "answered")]
        assert of(start, StartReflection)
    for status in ("pending", "answered", "skipped", "missed"):
        closed = SCHEDULED.having(PressedPrompt(replace(SENT, status=status)))
        assert texts(router.step(State(), Press("p:9:start"), closed)) == ["toast.prompt_closed"]


def test_a_prompt_older_than_four_days_or_not_the_clients_does_nothing():
    expired = replace(
        SCHEDULED.having(PressedPrompt(SENT)), now=datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    )
    assert texts(router.step(State(), Press("p:9:start"), expired)) == ["toast.prompt_closed"]
    forged = SCHEDULED.having(PressedPrompt(None))
    outcome = router.step(State(), Press("p:9:start"), forged)
    assert texts(outcome) == ["toast.stale_button"] and not of(outcome, StartReflection)


def test_when_prompts_come_and_quiet_hours_can_be_changed():
    ask = router.step(State(), Press("sc:delay"), SCHEDULED)
    (redraw,) = of(ask, Redraw)
    assert [b.data for row in redraw.reply.buttons for b in row] == [
        "sc:delay:15", "sc:delay:60", "sc:delay:120", "sc:delay:180",
    ]  # fmt: skip
    chosen = router.step(State(), Press("sc:delay:120"), SCHEDULED)
    assert of(chosen, Change) == [SetReflectionDelay(120)]
    quiet = router.step(State(), Press("sc:quiet:23:00-07:00"), SCHEDULED)
    assert of(quiet, Change) == [SetQuietHours(time(23), time(7))]
    none = router.step(State(), Press("sc:quiet:none"), SCHEDULED)
    assert of(none, Change) == [SetQuietHours(None, None)]
    forged = router.step(State(), Press("sc:delay:7"), SCHEDULED)
    assert not of(forged, Change)
    odd = router.step(State(), Press("sc:quiet:20:00-06:00"), SCHEDULED)
    assert not of(odd, Change)


def test_a_one_off_session_is_added_by_typing_it():
    asked = router.step(State(), Press("sc:extra"), SCHEDULED)
    assert asked.state == State(Step.ADD_EXTRA)
    added = router.step(asked.state, Text("Thursday 10:00"), SCHEDULED)
    assert of(added, Change) == [AddExtraSession(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))]
    assert "Thursday 26 November, 10:00" in render(added.effects[1].text, **added.effects[1].args)
    unclear = router.step(asked.state, Text("someday soon"), SCHEDULED)
    assert unclear.state == asked.state and not of(unclear, Change)
    assert texts(unclear) == ["schedule.extra_no_day"]


@pytest.mark.parametrize(
    ("typed", "why"),
    [("someday soon", "schedule.extra_no_day"), ("Thursday", "schedule.extra_no_time"),
     ("Thursday 5", "schedule.extra_morning_or_evening"), ("today 9:00", "schedule.extra_past"),
     ("2029-01-01 10:00", "schedule.extra_too_far"), ("x" * 500, "schedule.extra_unclear")],
)  # fmt: skip
def test_a_one_off_that_cant_be_taken_is_asked_again_saying_why(typed, why):
    outcome = router.step(State(Step.ADD_EXTRA), Text(typed), SCHEDULED)  # Monday 10:00
    assert outcome.state == State(Step.ADD_EXTRA) and texts(outcome) == [why]


def test_an_irregular_schedule_with_a_one_off_says_it_is_prompted_and_when():
    irregular = SessionSchedule(
        weekdays=(),
        start=time(0),
        time_zone="Europe/Berlin",
        anchor=date(2026, 11, 23),
        every_weeks=0,
        extra=(datetime(2026, 11, 26, 9, tzinfo=UTC),),
    )
    card = router.step(State(), Command("schedule"), FACTS.having(ClientSchedule(irregular)))
    text = plain(card.effects[0].text, **card.effects[0].args)
    assert "I don't prompt you" not in text
    assert "I'll ask how it went: Thursday 26 November, 11:50." in text
    assert "One-off sessions: Thursday 26 November, 10:00." in text
