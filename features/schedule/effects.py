"""What the schedule stores: the client's sessions, changes to them, and what became of a prompt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class SaveSchedule(Change):
    """Store the client's usual sessions and plan the prompts around them."""

    weekdays: tuple[int, ...]
    start: str  # "17:00", local
    duration_minutes: int
    every_weeks: int


@dataclass(frozen=True, slots=True)
class ChangeSchedule(Change):
    """Change one thing about the schedule and plan again: skip the next session, pause,
    resume, or switch neutral wording."""

    change: str  # skip_next, pause, resume, neutral_on, neutral_off, delay, quiet, extra
    value: str = ""  # delay: minutes; quiet: "22:00-08:00" or "none"; extra: ISO moment


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
