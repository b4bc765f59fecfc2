"""What how I've been asks to store (features/progress/store.py stores each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class RateWeek(Change):
    """Keep one of the four ratings of the week before the session on `session_date`."""

    session_date: date
    part: str
    rating: int
    # Where it was asked: "note" (the evening before) or "reflect" (a reflection's start).
    source: str


@dataclass(frozen=True, slots=True)
class SkipWeek(Change):
    """The client skipped the four as a whole for the session on `session_date`."""

    session_date: date
    source: str
