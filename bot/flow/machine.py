"""The top of every conversation: commands that work anywhere, then the current step."""

from __future__ import annotations

from collections.abc import Callable

from bot.flow import onboarding
from bot.flow.core import (
    Command,
    Edited,
    Event,
    Facts,
    NonText,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Text,
    Toast,
)

StepHandler = Callable[[State, Event, Facts], Outcome]

# What each step does with the client's answer. IDLE is handled below.
_STEPS: dict[Step, StepHandler] = {
    Step.ASK_TIME_ZONE: onboarding.ask_time_zone,
}


def step(state: State, event: Event, facts: Facts) -> Outcome:
    """Move a client's conversation on by one event."""
    if isinstance(event, Command):
        return _command(state, event, facts)
    if isinstance(event, Edited):
        return Outcome(state, (Reply("edited"), *ask_again(state)))
    handler = _STEPS.get(state.step)
    if handler is not None:
        return handler(state, event, facts)
    return _idle(state, event)


def ask_again(state: State) -> tuple[Reply, ...]:
    """The question the client is in the middle of, if any: to repeat after an interruption
    (a restart, an error, a message we could not use)."""
    if state.step is Step.ASK_TIME_ZONE:
        return onboarding.ask_again(state)
    return ()


def _command(state: State, command: Command, facts: Facts) -> Outcome:
    if command.name == "start":
        return onboarding.start(state, facts)
    if command.name == "timezone":
        return onboarding.change_time_zone(facts)
    if command.name == "help":
        return Outcome(state, (Reply("help"),))
    if command.name == "cancel":
        if state.step is Step.IDLE:
            return Outcome(state, (Reply("cancel.nothing"),))
        return Outcome(State(Step.IDLE), (Reply("cancel.done"),))
    return Outcome(state, (Reply("unknown_command"), *ask_again(state)))


def _idle(state: State, event: Event) -> Outcome:
    if isinstance(event, Press):
        return Outcome(state, (Toast("toast.stale_button"),))
    if isinstance(event, NonText):
        return Outcome(state, (Reply("idle.non_text"),))
    assert isinstance(event, Text)
    return Outcome(state, (Reply("idle.text"),))
