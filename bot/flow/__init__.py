"""The per-user state machines: pure Python, no telegram, no sqlmodel."""

from typing import TYPE_CHECKING, Any

from bot.flow.core import (
    Button,
    Client,
    Command,
    Edited,
    Effect,
    Event,
    Facts,
    NonText,
    Outcome,
    Press,
    Reply,
    SaveCountry,
    SaveTimeZone,
    State,
    Step,
    Text,
    Toast,
)

if TYPE_CHECKING:
    from bot.flow.machine import ask_again, needs_context, step


def __getattr__(name: str) -> Any:
    # The machine imports every flow, and review's content imports the questions: loaded
    # on first use, so `bot.review` can be imported first without an import cycle.
    if name in ("ask_again", "needs_context", "step"):
        from bot.flow import machine

        return getattr(machine, name)
    raise AttributeError(name)


__all__ = [
    "Button",
    "Client",
    "Command",
    "Edited",
    "Effect",
    "Event",
    "Facts",
    "NonText",
    "Outcome",
    "Press",
    "Reply",
    "SaveCountry",
    "SaveTimeZone",
    "State",
    "Step",
    "Text",
    "Toast",
    "ask_again",
    "needs_context",
    "step",
]
