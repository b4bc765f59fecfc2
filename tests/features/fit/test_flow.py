"""/fit as a pure state machine: every button at every position, stale, doubled and
forged buttons, starting, resuming and pausing."""

from __future__ import annotations

import pytest

from features import router
from features.fit import flow as fit
from features.fit.effects import FinishFit, SaveFitChoice, StartFit
from features.fit.items import ITEMS, QUALITY_ITEMS, items_for
from features.fit.loaded import FitChecks, FitView
from features.kernel.texts import plain
from features.kernel.vocabulary import Command, Edited, NonText, Press, State, Step, Text
from tests.fitting import (
    NEW,
    NOW,
    SEEING,
    labels,
    of,
    shown,
    texts,
    walking,
)
from tests.support.outcomes import check_outcome

# Every button at every position.


@pytest.mark.parametrize("seeing", [True, False], ids=["seeing", "looking"])
def test_every_button_at_every_position_does_what_it_says(seeing):
    items = items_for(seeing)
    for position, item in enumerate(items):
        state, facts = walking(position, seeing=seeing)
        asked = fit.ask(facts[FitChecks].open, position)
        data = [b.data for row in asked.buttons for b in row]
        assert len(data) == len(item.choices) + (2 if position else 1)  # Back (not first), Skip
        assert shown(asked).startswith(f"{position + 1} of {len(items)}")
        for pressed in data:
            outcome = router.step(state, Press(pressed), facts)
            check_outcome(outcome)
            choice = pressed.rsplit(":", 1)[1]
            if choice == "back":
                assert outcome.state.data["position"] == position - 1
                assert not of(outcome, SaveFitChoice)
                continue
            assert of(outcome, SaveFitChoice) == [SaveFitChoice(3, item.id, choice)]
            if position + 1 < len(items):
                assert outcome.state == State(Step.FIT, {"serial": 3, "position": position + 1})
                assert texts(outcome)[-1] == "fit.item"
            else:
                assert of(outcome, FinishFit) == [FinishFit(3)] and outcome.state == State()


def test_back_shows_the_earlier_choice_and_skip_keeps_it():
    state, facts = walking(2, {"pref.style": "a", "pref.talk": "b"})
    back = router.step(state, Press("f:3:2:back"), facts)
    assert "Your answer so far: Responding throughout" in plain("fit.item", **back.effects[-1].args)
    skipped = router.step(back.state, Press("f:3:1:skip"), facts)
    assert not of(skipped, SaveFitChoice)  # the choice made before stays
    assert skipped.state.data["position"] == 2
    state, facts = walking(3)
    assert of(router.step(state, Press("f:3:3:skip"), facts), SaveFitChoice) == [
        SaveFitChoice(3, "pref.structure", "skip")
    ]


# Stale, doubled and forged buttons change nothing.

STALE = [
    ("f:2:4:a", "fit.toast.old"),  # an earlier check
    ("f:4:4:a", "fit.toast.old"),  # a check that doesn't exist
    ("f:3:3:a", "toast.moved_on"),  # an item already passed: a double tap
    ("f:3:5:a", "toast.moved_on"),  # an item not reached yet
    ("f:3:99:a", "toast.moved_on"),
    ("f:3:4:unsure", "toast.stale_button"),  # not a choice of a preference
    ("f:3:4:yes", "toast.stale_button"),
    ("f:3:4:", "toast.stale_button"),
    ("f:3:4:a:b", "fit.toast.old"),
    ("f:x:4:a", "fit.toast.old"),
    ("f:3:-1:a", "fit.toast.old"),
    ("f:", "fit.toast.old"),
    ("fo:3:go", "toast.stale_button"),  # an offer's button, with no offer open
    ("fo:4:seeing", "toast.stale_button"),
    ("fo:", "toast.stale_button"),
]


@pytest.mark.parametrize(("data", "toast"), STALE)
def test_a_stale_or_forged_button_changes_nothing_and_says_so(data, toast):
    state, facts = walking(4, {"pref.style": "a"})
    outcome = router.step(state, Press(data), facts)
    assert texts(outcome) == [toast]
    assert outcome.state == state
    assert not of(outcome, SaveFitChoice) and not of(outcome, StartFit)


def test_a_quality_choice_only_on_a_quality_and_a_preference_only_on_a_preference():
    quality = ITEMS.index(QUALITY_ITEMS[0])
    state, facts = walking(quality)
    for wrong in ("a", "b", "both", "none"):
        assert texts(router.step(state, Press(f"f:3:{quality}:{wrong}"), facts)) == [
            "toast.stale_button"
        ]
    state, facts = walking(0)
    for wrong in ("yes", "no", "somewhat", "unsure"):
        assert texts(router.step(state, Press(f"f:3:0:{wrong}"), facts)) == ["toast.stale_button"]


def test_a_button_of_a_paused_check_changes_nothing_and_says_how_to_continue():
    _, facts = walking(4)
    for step in (Step.IDLE, Step.REFLECTING, Step.GOAL_NEW):
        state = State(step, {"serial": 3})
        outcome = router.step(state, Press("f:3:4:a"), facts)
        assert texts(outcome) == ["fit.toast.paused"] and outcome.state == state
        assert not of(outcome, SaveFitChoice)


def test_a_check_closed_elsewhere_is_said_to_be_gone():
    state, _ = walking(4)
    for event in (Press("f:3:4:a"), Text("hello"), NonText("photo")):
        outcome = router.step(state, event, SEEING)  # no open check any more
        assert texts(outcome) == ["fit.gone"] and outcome.state == State()


# Starting, resuming, pausing.


def test_fit_with_no_history_asks_whether_they_have_started_seeing_the_therapist():
    asked = router.step(State(), Command("fit"), NEW)
    assert asked.state == State(Step.FIT_SEEING, {"serial": 1})
    assert labels(asked.effects[0]) == ["Yes, I've started", "Not yet: what am I looking for?"]
    looking = router.step(asked.state, Press("fo:1:looking"), NEW)
    assert of(looking, StartFit) == [StartFit(1, False)]
    assert "5 short questions" in shown(looking.effects[1])
    assert "1 of 5" in shown(looking.effects[2])
    seeing = router.step(asked.state, Press("fo:1:seeing"), NEW)
    assert of(seeing, StartFit) == [StartFit(1, True)]
    assert "1 of 16" in shown(seeing.effects[2])


def test_the_seeing_question_is_not_asked_once_a_client_has_reflected_or_said_so():
    assert of(router.step(State(), Command("fit"), SEEING), StartFit) == [StartFit(1, True)]
    said = NEW.having(FitChecks(None, FitView(1, True, {}, NOW, NOW)))
    assert of(router.step(State(), Command("fit"), said), StartFit) == [StartFit(2, True)]
    only_looked = NEW.having(FitChecks(None, FitView(1, False, {}, NOW, NOW)))
    assert router.step(State(), Command("fit"), only_looked).state.step is Step.FIT_SEEING


def test_the_seeing_offers_buttons_are_pressed_once():
    asked = router.step(State(), Command("fit"), NEW)
    started = router.step(asked.state, Press("fo:1:seeing"), NEW)
    facts = NEW.having(FitChecks(FitView(1, True, {}, NOW)))
    again = router.step(started.state, Press("fo:1:looking"), facts)
    assert texts(again) == ["toast.stale_button"] and not of(again, StartFit)
    forged = router.step(asked.state, Press("fo:7:seeing"), NEW)
    assert texts(forged) == ["toast.stale_button"] and not of(forged, StartFit)


def test_fit_with_an_unfinished_check_offers_to_continue_or_go_from_the_top():
    _, facts = walking(0, {"pref.style": "a", "pref.talk": "skip", "pref.work": "b"})
    offer = router.step(State(), Command("fit"), facts)
    assert offer.state == State(Step.FIT_RESUME, {"serial": 3})
    text = shown(offer.effects[0])
    assert "Tuesday 24 November" in text and "3 of 16 answered" in text
    go = router.step(offer.state, Press("fo:3:go"), facts)
    assert go.state == State(Step.FIT, {"serial": 3, "position": 3})
    assert "4 of 16" in shown(go.effects[0])
    top = router.step(offer.state, Press("fo:3:top"), facts)
    assert top.state == State(Step.FIT, {"serial": 3, "position": 0})
    assert "Your answer so far: Direct" in shown(top.effects[0])
    # The button of where they left off, still on screen, continues it too.
    pressed = router.step(offer.state, Press("f:3:3:a"), facts)
    assert of(pressed, SaveFitChoice) == [SaveFitChoice(3, "pref.structure", "a")]
    assert texts(router.step(offer.state, Press("f:3:1:a"), facts)) == ["toast.moved_on"]


def test_fit_while_walking_shows_the_item_again():
    state, facts = walking(5)
    outcome = router.step(state, Command("fit"), facts)
    assert outcome.state == state and "6 of 16" in shown(outcome.effects[0])


def test_cancel_pauses_and_another_command_pauses_and_says_so():
    state, facts = walking(5)
    cancelled = router.step(state, Command("cancel"), facts)
    assert texts(cancelled) == ["fit.paused"] and cancelled.state == State()
    for name in ("goals", "reflect", "questions", "delete", "timezone"):
        left = router.step(state, Command(name), facts)
        assert texts(left)[0] == "fit.paused_for_command", name
        assert left.state.step not in fit.STEPS
    for name in ("help", "privacy", "nonsense"):
        stayed = router.step(state, Command(name), facts)
        assert stayed.state == state and texts(stayed)[-1] == "fit.item", name
    menu = router.step(state, Press("g:add"), facts)
    assert texts(menu)[0] == "fit.paused_for_command"


def test_typing_or_sending_a_photo_on_an_item_asks_for_the_buttons():
    state, facts = walking(5)
    for event in (Text("they are quite direct really"), NonText("photo")):
        outcome = router.step(state, event, facts)
        assert texts(outcome) == ["fit.use_buttons", "fit.item"] and outcome.state == state
        assert not of(outcome, SaveFitChoice)
    edited = router.step(state, Edited(), facts)
    assert texts(edited) == ["edited", "fit.item"]
    other = router.step(state, Press("r:1:0:5"), facts)
    assert texts(other) == ["toast.stale_button"] and other.state == state


def test_an_offer_lapses_when_the_client_does_something_else():
    asked = router.step(State(), Command("fit"), NEW)
    outcome = router.step(asked.state, Text("hello"), NEW)
    assert outcome.state.step is Step.OFFER_MEMO and texts(outcome) == ["memo.offer"]


def test_ask_again_repeats_the_item_or_the_offer():
    state, facts = walking(5)
    assert [r.text for r in router.ask_again(state, facts)] == ["fit.item"]
    assert [r.text for r in router.ask_again(State(Step.FIT_RESUME, {"serial": 3}), facts)] == [
        "fit.resume_offer"
    ]
    assert [r.text for r in router.ask_again(State(Step.FIT_SEEING, {"serial": 1}), NEW)] == [
        "fit.ask_seeing"
    ]


def test_facts_are_loaded_only_when_fit_is_involved():
    assert fit.reads_checks(State(), Command("fit"))
    assert fit.reads_checks(State(), Press("f:1:0:a"))
    assert fit.reads_checks(State(), Press("fo:1:go"))
    assert fit.reads_checks(State(Step.FIT, {"serial": 1}), Text("x"))
    assert not fit.reads_checks(State(), Command("reflect"))
    assert not fit.reads_checks(State(Step.REFLECTING, {"serial": 1}), Text("x"))
    assert not fit.reads_checks(State(), Press("r:1:0:5"))


def test_fit_in_the_middle_of_a_reflection_pauses_it_and_says_so():
    outcome = router.step(State(Step.REFLECTING, {"serial": 2}), Command("fit"), SEEING)
    assert texts(outcome)[:2] == ["reflection.paused_for_command", "fit.intro"]
