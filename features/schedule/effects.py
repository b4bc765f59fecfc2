"""What the schedule stores: the client's sessions, each change to them (the prompts then
planned again), and what became of a prompt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class SaveSchedule(Change):
    """Store the client's usual sessions and plan the prompts around them."""

    weekdays: tuple[int, ...]
    start: str  # "17:00", local
    duration_minutes: int
    every_weeks: int


@dataclass(frozen=True, slots=True)
class SkipNextSession(Change):
    """No session next time: the client's next regular session is left out (/skip)."""


@dataclass(frozen=True, slots=True)
class SetPaused(Change):
    """Pause the prompts (/pause), or resume them (/resume)."""

    paused: bool


@dataclass(frozen=True, slots=True)
class SetNeutralWording(Change):
    """Prompts that never mention therapy, or the usual wording."""

    on: bool


@dataclass(frozen=True, slots=True)
class SetReflectionDelay(Change):
    """How long after a session ends its reflection prompt comes."""

    minutes: int


@dataclass(frozen=True, slots=True)
class SetQuietHours(Change):
    """Hours, local, in which no prompt comes (`start` to `end`, across midnight if need
    be); None for both: none."""

    start: time | None
    end: time | None


@dataclass(frozen=True, slots=True)
class AddExtraSession(Change):
    """A one-off session besides the usual ones."""

    at: datetime


@dataclass(frozen=True, slots=True)
class ClosePrompts(Change):
    """The client answered (or skipped) a session's reflection prompt: no reminder."""

    session_date: date
    status: str  # answered, skipped


@dataclass(frozen=True, slots=True)
class SnoozePrompt(Change):
    """Ask again in a few hours (moved out of quiet hours)."""

    prompt_id: int
    hours: int


@dataclass(frozen=True, slots=True)
class SetCheckIn(Change):
    """The one-minute check-in between sessions: on these local weekdays at `at` ("19:00"),
    or off (no days); the prompts then planned again (a pending check-in cancelled)."""

    weekdays: tuple[int, ...]
    at: str | None
