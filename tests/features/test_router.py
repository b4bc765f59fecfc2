"""The conversation as a pure state machine: every step with every kind of event."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from features import router
from features.kernel import vocabulary
from features.kernel.profile import SaveTimeZone
from features.kernel.vocabulary import (
    Client,
    Command,
    Edited,
    NonText,
    Press,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NEW = facts_of(Client(), NOW)
KNOWN = facts_of(Client(time_zone="Europe/Berlin"), NOW)
ONBOARDING = State(Step.ASK_TIME_ZONE, {"purpose": "onboarding"})
CHANGING = State(Step.ASK_TIME_ZONE, {"purpose": "change"})

EVERY_STATE = [State(), ONBOARDING, CHANGING]
EVERY_EVENT = [
    Text("Berlin"),
    Text("Mars/Olympus"),
    Text(""),
    Text("x" * 10_000),
    Text("Berln"),
    Text("<b>UTC+2</b>"),
    *(Command(command.name) for command in router.MENU),
    Command("nonsense"),
    Press("tz:Europe/Berlin"),
    Press("tz:Mars/Olympus"),
    Press("tz:-"),
    Press("garbage-from-last-week"),
    Press(""),
    NonText("sticker"),
    NonText("photo"),
    NonText("voice"),
    NonText("location"),
    Edited(),
]


def texts(outcome: vocabulary.Outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply | Toast)]


@pytest.mark.parametrize("state", EVERY_STATE, ids=lambda s: f"{s.step}-{s.data}")
@pytest.mark.parametrize("event", EVERY_EVENT, ids=repr)
@pytest.mark.parametrize("facts", [NEW, KNOWN], ids=["new", "known"])
def test_every_state_answers_every_event_with_known_texts(state, event, facts):
    outcome = router.step(state, event, facts)
    assert outcome.effects, "the client always gets an answer"
    check_outcome(outcome)
    saved = [e for e in outcome.effects if isinstance(e, SaveTimeZone)]
    if saved:
        assert outcome.state.step is not Step.ASK_TIME_ZONE


def test_start_welcomes_a_new_client_and_asks_their_time_zone():
    outcome = router.step(State(), Command("start"), NEW)
    assert texts(outcome) == ["welcome", "time_zone.ask"]
    assert outcome.state == ONBOARDING


def test_start_greets_a_returning_client_without_asking_again():
    outcome = router.step(State(), Command("start"), KNOWN)
    assert texts(outcome) == ["welcome_back"]
    assert outcome.state == State()


@pytest.mark.parametrize("typed", ["Europe/Berlin", "berlin", "Berlin ", "europe/berlin"])
def test_a_typed_time_zone_is_saved_and_getting_started_goes_on_to_sessions(typed):
    outcome = router.step(ONBOARDING, Text(typed), NEW)
    assert SaveTimeZone("Europe/Berlin") in outcome.effects
    assert texts(outcome) == ["time_zone.saved", "schedule.intro", "schedule.ask_days"]
    saved = outcome.effects[1]
    assert isinstance(saved, Reply)
    assert saved.args["local_time"] == "13:00"  # 12:00 UTC is 13:00 in Berlin in November
    assert outcome.state.step is Step.SET_DAYS


def test_a_utc_offset_is_saved_with_a_note_about_daylight_saving():
    outcome = router.step(ONBOARDING, Text("UTC+5:30"), NEW)
    assert SaveTimeZone("UTC+05:30") in outcome.effects
    assert "time_zone.fixed_offset_note" in texts(outcome)


def test_an_unknown_time_zone_is_asked_again_and_nothing_is_saved():
    outcome = router.step(ONBOARDING, Text("Mars/Olympus"), NEW)
    assert texts(outcome) == ["time_zone.unknown"]
    assert outcome.state == ONBOARDING
    assert not [e for e in outcome.effects if isinstance(e, SaveTimeZone)]


def test_a_near_miss_offers_buttons_and_pressing_one_saves_it():
    asked = router.step(ONBOARDING, Text("Berln"), NEW)
    (reply,) = asked.effects
    assert isinstance(reply, Reply) and reply.text == "time_zone.did_you_mean"
    datas = [button.data for row in reply.buttons for button in row]
    assert datas == ["tz:Europe/Berlin", "tz:-"]
    chosen = router.step(asked.state, Press("tz:Europe/Berlin"), NEW)
    assert SaveTimeZone("Europe/Berlin") in chosen.effects


def test_a_forged_zone_button_saves_nothing():
    outcome = router.step(ONBOARDING, Press("tz:Mars/Olympus"), NEW)
    assert texts(outcome) == ["toast.stale_button"]
    assert outcome.state == ONBOARDING


def test_a_zone_button_pressed_after_onboarding_is_stale():
    outcome = router.step(State(), Press("tz:Europe/Berlin"), KNOWN)
    assert texts(outcome) == ["toast.stale_button"]
    assert not [e for e in outcome.effects if isinstance(e, SaveTimeZone)]


def test_changing_the_time_zone_does_not_repeat_onboarding():
    asked = router.step(State(), Command("timezone"), KNOWN)
    assert texts(asked) == ["time_zone.current", "time_zone.ask_change"]
    outcome = router.step(asked.state, Text("Tokyo"), KNOWN)
    assert SaveTimeZone("Asia/Tokyo") in outcome.effects
    assert "schedule.ask_days" not in texts(outcome)
    assert outcome.state == State()


def test_cancel_leaves_the_question_and_keeps_what_was_saved():
    outcome = router.step(CHANGING, Command("cancel"), KNOWN)
    assert outcome.state == State()
    assert texts(outcome) == ["cancel.done"]


def test_help_and_unknown_commands_keep_the_client_where_they_were():
    assert router.step(ONBOARDING, Command("help"), NEW).state == ONBOARDING
    unknown = router.step(ONBOARDING, Command("nonsense"), NEW)
    assert unknown.state == ONBOARDING
    assert texts(unknown) == ["unknown_command", "time_zone.ask"]


def test_every_listed_command_has_a_route_of_its_own():
    for command in router.MENU:
        for state in EVERY_STATE:
            assert "unknown_command" not in texts(router.step(state, Command(command.name), NEW))


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice"])
def test_non_text_during_a_question_gets_a_kind_reply_and_the_question_stays(kind):
    outcome = router.step(ONBOARDING, NonText(kind), NEW)
    assert texts(outcome) == ["time_zone.only_text"]
    assert outcome.state == ONBOARDING


def test_an_edit_is_not_taken_as_an_answer():
    outcome = router.step(ONBOARDING, Edited(), NEW)
    assert outcome.state == ONBOARDING
    assert texts(outcome) == ["edited", "time_zone.ask"]


def test_ask_again_repeats_the_open_question_only():
    assert [r.text for r in router.ask_again(ONBOARDING, NEW)] == ["time_zone.ask"]
    assert [r.text for r in router.ask_again(CHANGING, NEW)] == ["time_zone.ask_change"]
    assert router.ask_again(State(), NEW) == ()


@pytest.mark.parametrize(
    "event", [Command("reflect"), Command("goals"), Text("hello"), NonText("photo")]
)
def test_a_first_message_of_any_kind_from_someone_not_started_is_a_start(event):
    outcome = router.step(State(), event, NEW)
    assert texts(outcome) == ["welcome", "time_zone.ask"]
    assert outcome.state.step is Step.ASK_TIME_ZONE


@pytest.mark.parametrize("name", ["help", "urgent", "privacy", "delete", "export", "cancel"])
def test_what_needs_no_start_is_answered_as_it_is_before_one(name):
    assert "welcome" not in texts(router.step(State(), Command(name), NEW))


def test_a_started_client_is_not_welcomed_again():
    assert "welcome" not in texts(router.step(State(), Command("reflect"), KNOWN))


def test_what_makes_someone_unknown_a_client():
    assert router.welcomes(Command("start")) and router.welcomes(Command("reflect"))
    assert router.welcomes(Text("hello")) and router.welcomes(NonText("photo"))
    for kept_nothing in (
        Command("help"),
        Command("urgent"),
        Command("privacy"),
        Press("x"),
        Edited(),
    ):
        assert not router.welcomes(kept_nothing)
