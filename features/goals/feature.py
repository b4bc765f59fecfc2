"""The registration of /goals and /questions: their menus' buttons, and the steps where the
client writes a goal or a question of their own."""

from __future__ import annotations

from typing import Any

from features.common.loaders import GOALS, OWN_QUESTIONS
from features.goals import goals, own_questions, store, texts
from features.kernel.feature import (
    CommandInfo,
    Enters,
    Feature,
    Need,
    again_always,
    again_from_state,
    on_facts,
)
from features.kernel.vocabulary import Event, Facts, State, Step


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """The client's goals and own questions (the menus list them, and a new one is checked
    against them)."""
    return (GOALS, OWN_QUESTIONS)


FEATURE = Feature(
    needs=needs,
    name="goals",
    commands={"goals": on_facts(goals.show), "questions": on_facts(own_questions.show)},
    buttons={goals.PRESS: goals.press, own_questions.PRESS: own_questions.press},
    steps={
        Step.GOAL_NEW: goals.write,
        Step.GOAL_EDIT: goals.write,
        Step.OWN_QUESTION_NEW: own_questions.write,
    },
    offers={Step.GOALS_MENU: goals.menu_open},
    ask_again={
        Step.GOALS_MENU: goals.menu_again,
        Step.GOAL_NEW: again_from_state(goals.ask_again),
        Step.GOAL_EDIT: again_from_state(goals.ask_again),
        Step.OWN_QUESTION_NEW: again_always(own_questions.ask_again),
    },
    interrupts=frozenset({"goals", "questions"}),
    store=store.STORE,
    texts=texts.EN,
    menu=(
        CommandInfo("goals", "command.goals"),
        CommandInfo("questions", "command.questions"),
    ),
)
