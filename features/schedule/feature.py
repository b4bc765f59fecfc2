"""The schedule's registration: /schedule and its card, /skip, /pause and /resume, the
session questions of getting started, and the buttons of the prompts the bot sends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from features.common.loaders import SCHEDULE
from features.kernel.feature import (
    CommandInfo,
    Enters,
    Feature,
    Need,
    again_from_state,
    on_facts,
)
from features.kernel.vocabulary import Command, Event, Facts, Outcome, Press, State, Step
from features.schedule import checkin_choice, prompts, setup, store, texts
from features.schedule.loaders import PROMPT

_SESSION_QUESTIONS = (Step.SET_DAYS, Step.SET_TIME, Step.SET_LENGTH, Step.SET_FREQUENCY)


def skip_pause_resume(state: State, command: Command, facts: Facts) -> Outcome:
    """/skip (the next session gets no prompts), /pause and /resume (all prompts)."""
    action = "skip_next" if command.name == "skip" else command.name
    return setup.command(action, facts, state)


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """The client's schedule; for a prompt's button, the prompt it names too, and what a
    reflection begins from (its "Start now" begins one)."""
    if isinstance(event, Press) and event.data.startswith(prompts.PRESS):
        return (SCHEDULE, PROMPT, Enters(prompts.REFLECTION_BEGIN))
    return (SCHEDULE,)


def begin_setup(facts: Facts, args: Mapping[str, Any]) -> Outcome:
    """Entry "schedule.setup": the session questions, for args["purpose"] (onboarding goes on
    here once the client's time zone is set)."""
    return setup.begin(args["purpose"])


FEATURE = Feature(
    needs=needs,
    name="schedule",
    commands={
        "schedule": on_facts(setup.card),
        "skip": skip_pause_resume,
        "pause": skip_pause_resume,
        "resume": skip_pause_resume,
    },
    buttons={setup.CARD: setup.change, prompts.PRESS: prompts.press},
    steps={
        **{step: setup.answer for step in _SESSION_QUESTIONS},
        Step.ADD_EXTRA: setup.add_extra,
        Step.SET_CHECKIN_TIME: checkin_choice.answer_time,
    },
    ask_again={
        **{
            step: again_from_state(setup.ask_again)
            for step in (*_SESSION_QUESTIONS, Step.ADD_EXTRA)
        },
        Step.SET_CHECKIN_TIME: again_from_state(checkin_choice.ask_again),
    },
    entries={"schedule.setup": begin_setup},
    goes_to=frozenset({prompts.REFLECTION_BEGIN}),
    interrupts=frozenset({"schedule"}),
    store=store.STORE,
    texts=texts.EN,
    menu=(
        CommandInfo("schedule", "command.schedule"),
        CommandInfo("skip", "command.skip"),
        CommandInfo("pause", "command.pause"),
        CommandInfo("resume", "command.resume"),
    ),
)
