"""What /summary and /note read, as loaded in the turn (features/review/loaders.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.review.history import History
from features.review.note import NoteView


@dataclass(frozen=True, slots=True)
class SummaryWindow:
    """For /summary and its pages: the reflections in the asked-for window."""

    history: History | None = None
    # The check-ins between sessions in the window's days: (local day, face 1-5), newest
    # first (read for /summary itself, not for its page buttons).
    checkins: tuple[tuple[date, int], ...] = ()


@dataclass(frozen=True, slots=True)
class NoteFacts:
    """For /note: the note a button names, or (for a new one) what a new note would hold,
    and the serial of the client's last note."""

    note: NoteView | None = None
    last_serial: int = 0
