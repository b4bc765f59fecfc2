"""/safetyplan: written part by part (each skippable), shown whole, rewritten part by part."""

from __future__ import annotations

from datetime import UTC, date, datetime

from features import router
from features.common.loaded import LastSerial
from features.kernel.texts import render
from features.kernel.vocabulary import Client, Command, NonText, Press, Reply, State, Step, Text
from features.reflection.loaded import OpenReflection, ReflectionView
from features.safety.crisis import CrisisData, load
from features.safety.effects import SaveSafetyPlan
from features.safety.loaded import SafetyPlan
from features.safety.safety_plan import PARTS, shows_plan
from tests.support.facts import facts_of

FACTS = facts_of(Client("Europe/Berlin"), datetime(2026, 12, 1, 18, tzinfo=UTC), load())


def _said(outcome) -> str:
    return "\n".join(render(e.text, **e.args) for e in outcome.effects if isinstance(e, Reply))


def _saves(outcome) -> list[SaveSafetyPlan]:
    return [e for e in outcome.effects if isinstance(e, SaveSafetyPlan)]


def test_a_first_plan_is_written_part_by_part_and_any_part_can_be_skipped():
    outcome = router.step(State(), Command("safetyplan"), FACTS)
    assert outcome.state == State(Step.SAFETY_PLAN, {"part": 0, "walk": True})
    assert "Part 1 of 6" in _said(outcome) and "Warning signs" in _said(outcome)
    plan: dict[str, str] = {}
    state = outcome.state
    for index, key in enumerate(PARTS):
        facts = FACTS.having(SafetyPlan(dict(plan)))
        if key == "surroundings":
            outcome = router.step(state, Press(f"sp:{key}:skip"), facts)
            assert _saves(outcome) == []
        else:
            outcome = router.step(state, Text(f"my {key}"), facts)
            assert _saves(outcome) == [SaveSafetyPlan(key, f"my {key}")]
            plan[key] = f"my {key}"
        state = outcome.state
        if index + 1 < len(PARTS):
            assert f"Part {index + 2} of 6" in _said(outcome)
    assert state.step is Step.IDLE
    shown = _said(outcome)
    assert "My safety plan" in shown and "my reasons" in shown and "not written yet" in shown


def test_stopping_keeps_what_was_written_and_says_how_to_go_on():
    state = State(Step.SAFETY_PLAN, {"part": 2, "walk": True})
    outcome = router.step(state, Press("sp:people_places:stop"), FACTS)
    assert outcome.state.step is Step.IDLE and "/safetyplan" in _said(outcome)
    assert _saves(outcome) == []


def test_skipping_every_part_writes_nothing_and_says_it_is_fine():
    state = State(Step.SAFETY_PLAN, {"part": 5, "walk": True})
    outcome = router.step(state, Press("sp:reasons:skip"), FACTS)
    assert outcome.state.step is Step.IDLE and "whenever you'd like" in _said(outcome)


def test_a_written_plan_is_shown_and_each_part_rewritten_or_cleared():
    plan = {"reasons": "My sister", "contacts": "Anna 0170 1234"}
    facts = FACTS.having(SafetyPlan(plan))
    shown = router.step(State(), Command("safetyplan"), facts)
    assert shown.state.step is Step.IDLE and "My sister" in _said(shown)
    labels = [render(b.label) for row in shown.effects[-1].buttons for b in row]
    assert "Reasons for living" in labels and len(labels) == len(PARTS)
    editing = router.step(shown.state, Press("sp:edit:reasons"), facts)
    assert editing.state == State(Step.SAFETY_PLAN, {"part": 5, "walk": False})
    assert "Now: <i>My sister</i>" in _said(editing)
    written = router.step(editing.state, Text("My sister and my dog"), facts)
    assert _saves(written) == [SaveSafetyPlan("reasons", "My sister and my dog")]
    assert written.state.step is Step.IDLE and "My sister and my dog" in _said(written)
    cleared = router.step(editing.state, Press("sp:reasons:clear"), facts)
    assert _saves(cleared) == [SaveSafetyPlan("reasons", "")]
    kept = router.step(editing.state, Press("sp:reasons:keep"), facts)
    assert _saves(kept) == [] and "My sister" in _said(kept)


def test_a_stale_plan_button_changes_nothing():
    outcome = router.step(State(), Press("sp:reasons:clear"), FACTS)
    assert _saves(outcome) == [] and outcome.state == State()


def test_bad_input_while_writing_a_part_changes_nothing():
    state = State(Step.SAFETY_PLAN, {"part": 0, "walk": True})
    sticker = router.step(state, NonText("sticker"), FACTS)
    assert sticker.state == state and _saves(sticker) == []
    long = router.step(state, Text("x" * 2001), FACTS)
    assert long.state == state and _saves(long) == []


def test_rewriting_a_part_from_a_reflection_pauses_it_and_resumes_later():
    reflection = ReflectionView(1, ("helpful",), 0, date(2026, 12, 1))
    facts = FACTS.having(OpenReflection(reflection), LastSerial(1), SafetyPlan({"reasons": "x"}))
    outcome = router.step(State(Step.REFLECTING, {"serial": 1}), Command("safetyplan"), facts)
    assert "paused and kept" in _said(outcome)


def test_the_plan_is_read_only_for_turns_that_may_show_it():
    crisis = FACTS.get(CrisisData)
    assert shows_plan(State(), Command("urgent"), crisis)
    assert shows_plan(State(), Command("safetyplan"), crisis)
    assert shows_plan(State(), Text("I want to die"), crisis)
    assert shows_plan(State(Step.SAFETY_PLAN, {"part": 0}), Text("walks"), crisis)
    assert not shows_plan(State(), Text("it went well"), crisis)
    assert not shows_plan(State(), Command("help"), crisis)


def test_a_warning_sign_that_names_the_danger_is_saved_without_the_crisis_block():
    # Writing the plan is the safety work itself: each part naming the danger would
    # otherwise bring the helplines (or "crisis.again") before every "Saved.".
    state = State(Step.SAFETY_PLAN, {"part": 0, "walk": True})
    outcome = router.step(state, Text("when I start thinking I want to die"), FACTS)
    assert all(
        e.text not in ("crisis", "crisis.again") for e in outcome.effects if isinstance(e, Reply)
    )
    assert _saves(outcome) == [
        SaveSafetyPlan("warning_signs", "when I start thinking I want to die")
    ]
    assert outcome.state.step is Step.SAFETY_PLAN and outcome.state.data["part"] == 1
