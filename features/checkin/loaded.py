"""What the check-in's buttons read, as loaded in the turn (features/checkin/loaders.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CheckInLine:
    """The line of the day an "Add to my next note" button names, if there is one, and
    whether it already went into a note."""

    text: str | None = None
    noted: bool = False
