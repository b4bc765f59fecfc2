"""The goals menu stays open through an aside; the client's words end our sentences well."""

from __future__ import annotations

from datetime import UTC, datetime

from features import router
from features.common.loaded import Goals
from features.goals.wording import stop_after
from features.kernel.vocabulary import Client, Command, Outcome, Reply, State, Step, Text
from tests.support.facts import facts_of

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
FACTS = facts_of(Client(time_zone="Europe/Berlin"), NOW, Goals({1: "Say no without apologising"}))


def texts(outcome: Outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply)]


def test_an_unknown_command_in_the_goals_menu_shows_the_menu_again():
    menu = router.step(State(), Command("goals"), FACTS)
    assert menu.state.step is Step.GOALS_MENU
    unknown = router.step(menu.state, Command("sumary"), FACTS)
    assert texts(unknown) == ["unknown_command.near", "goals.menu"]
    assert unknown.state.step is Step.GOALS_MENU


def test_anything_else_closes_the_goals_menu():
    menu = router.step(State(), Command("goals"), FACTS).state
    assert router.step(menu, Text("hello"), FACTS).state.step is not Step.GOALS_MENU
    assert router.step(menu, Command("summary"), FACTS).state.step is Step.GOALS_MENU  # aside


def test_a_mistyped_command_is_offered_its_nearest_and_nonsense_is_not():
    near = router.step(State(), Command("sumary"), FACTS)
    assert [(e.text, e.args) for e in near.effects if isinstance(e, Reply)] == [
        ("unknown_command.near", {"command": "summary"})
    ]
    assert texts(router.step(State(), Command("xyzzy"), FACTS)) == ["unknown_command"]


def test_the_clients_closing_mark_takes_the_place_of_our_full_stop():
    assert stop_after("Did I say what I really meant?") == ""
    assert stop_after("Say no without apologising!") == ""
    assert stop_after("Feel calmer\u2026") == ""
    assert stop_after("Feel calmer") == "."
