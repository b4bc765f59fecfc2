"""The per-user state machines: pure Python, no telegram, no sqlmodel."""

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
    SaveTimeZone,
    State,
    Step,
    Text,
    Toast,
)
from bot.flow.machine import ask_again, needs_context, step

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
    "SaveTimeZone",
    "State",
    "Step",
    "Text",
    "Toast",
    "ask_again",
    "needs_context",
    "step",
]
