"""Words written outside a question, as a pure state machine: offered, then added, taken
into a reflection, left, or dropped by anything else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from features import router
from features.kernel.vocabulary import (
    SEALED,
    Client,
    Command,
    DangerSeen,
    Goto,
    NonText,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Text,
)
from features.memos.effects import ForgetHeld, KeepMemo
from features.memos.flow import drop_held, keep
from tests.support.facts import facts_of

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
FACTS = facts_of(Client(time_zone="Europe/Berlin"), NOW)
WORDS = "I want to remember to tell her about it"
HELD = State(Step.OFFER_MEMO, {SEALED: WORDS})


def texts(outcome: Outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply)]


def test_words_when_no_question_is_open_are_offered_for_the_note_and_held_sealed():
    outcome = router.step(State(), Text(WORDS), FACTS)
    assert outcome.state == HELD
    assert texts(outcome) == ["memo.offer"]
    (offer,) = [e for e in outcome.effects if isinstance(e, Reply)]
    assert [b.data for row in offer.buttons for b in row] == ["mo:add", "mo:reflect", "mo:leave"]


def test_add_keeps_the_words_and_forgets_the_held_copy():
    outcome = router.step(HELD, Press("mo:add"), FACTS)
    assert outcome.state == State()
    assert KeepMemo(WORDS) in outcome.effects and texts(outcome) == ["memo.kept"]


def test_reflect_now_keeps_the_words_and_begins_a_reflection():
    outcome = router.step(HELD, Press("mo:reflect"), FACTS)
    assert KeepMemo(WORDS) in outcome.effects
    assert outcome.state.step is Step.REFLECTING
    assert SEALED not in outcome.state.data


@pytest.mark.parametrize(
    "event",
    [Press("mo:leave"), Command("cancel"), Command("help"), Command("summary"), NonText("photo"),
     Press("g:add"), Press("stale")],
)  # fmt: skip
def test_leave_it_or_anything_else_keeps_nothing(event):
    outcome = router.step(HELD, event, FACTS)
    assert SEALED not in outcome.state.data and outcome.state.step is not Step.OFFER_MEMO
    assert not any(isinstance(e, KeepMemo) for e in outcome.effects)
    assert ForgetHeld() in outcome.effects


def test_new_words_while_held_replace_the_old_ones_with_a_new_offer():
    outcome = router.step(HELD, Text("something else"), FACTS)
    assert outcome.state == State(Step.OFFER_MEMO, {SEALED: "something else"})
    assert ForgetHeld() in outcome.effects and texts(outcome) == ["memo.offer"]


def test_after_help_in_danger_there_is_no_offer_to_file_the_words():
    outcome = router.step(State(), Text(WORDS), FACTS.having(DangerSeen()))
    assert outcome.state == State() and texts(outcome) == ["idle.text"]


def test_a_turn_that_never_held_words_is_left_alone():
    passing = Outcome(State(Step.OFFER_MEMO, {SEALED: WORDS}), (Goto("x", {}),))
    assert drop_held(HELD, Text(WORDS), passing).state == passing.state


def test_a_gap_kept_from_another_features_button_leaves_the_client_where_they_were():
    reflecting = State(Step.REFLECTING, {"serial": 2, "position": 3})
    fit_words = "Sometimes I need more room to think out loud before you respond."
    kept = keep(FACTS, {"words": fit_words, "step": "reflecting", "data": reflecting.data})
    assert kept.state == reflecting
    assert KeepMemo(fit_words) in kept.effects and texts(kept) == ["memo.kept"]
    assert keep(FACTS, {"words": fit_words}).state == State()
