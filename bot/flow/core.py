"""The vocabulary of every flow: states, events in, effects out. Plain data, no I/O.

A flow is a function `(state, event, facts) -> Outcome`. Effects are instructions: "say this
text with these buttons", "store this time zone". The handler layer stores the storage effects
and the new state in one transaction, then sends the messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Step(StrEnum):
    """Where a client is in a conversation. Stored by value: never rename a member's value."""

    IDLE = "idle"
    ASK_TIME_ZONE = "ask_time_zone"


@dataclass(frozen=True, slots=True)
class State:
    """A client's place in the conversation and what it has gathered so far (JSON-able)."""

    step: Step = Step.IDLE
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Client:
    """What the flows may know of the client beyond their state."""

    time_zone: str | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Facts:
    """The world at the moment of the event."""

    client: Client
    now: datetime


# Events: what the client did.


@dataclass(frozen=True, slots=True)
class Text:
    """The client sent a text message."""

    text: str


@dataclass(frozen=True, slots=True)
class Command:
    """The client sent /name (args is what followed it)."""

    name: str
    args: str = ""


@dataclass(frozen=True, slots=True)
class Press:
    """The client pressed an inline button carrying `data`."""

    data: str


@dataclass(frozen=True, slots=True)
class NonText:
    """The client sent something that is not text: a sticker, photo, voice note, location..."""

    kind: str


@dataclass(frozen=True, slots=True)
class Edited:
    """The client edited an earlier message."""


Event = Text | Command | Press | NonText | Edited


# Effects: what should happen.


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: a label from the catalogue and the data it sends back."""

    label: str
    data: str
    args: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reply:
    """Send the client a message from the catalogue, with optional rows of buttons."""

    text: str
    args: Mapping[str, str] = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Toast:
    """A brief notice shown over the chat in answer to a button press."""

    text: str


@dataclass(frozen=True, slots=True)
class SaveTimeZone:
    """Store the client's time zone."""

    time_zone: str


Effect = Reply | Toast | SaveTimeZone


@dataclass(frozen=True, slots=True)
class Outcome:
    """The state after an event and what to do about it."""

    state: State
    effects: tuple[Effect, ...] = ()
