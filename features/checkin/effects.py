"""What the check-in stores: how the client's day is going, their line, and that the line
went into their next note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class PutCheckInFace(Change):
    """How the day is going, 1 (hard) to 5 (great), for the client's local `day`."""

    day: date
    face: int


@dataclass(frozen=True, slots=True)
class PutCheckInLine(Change):
    """The client's line about their day (encrypted, as everything they write)."""

    day: date
    text: str


@dataclass(frozen=True, slots=True)
class MarkCheckInNoted(Change):
    """The day's line was added to the next note (a memo holds the copy)."""

    day: date
