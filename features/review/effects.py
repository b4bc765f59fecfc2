"""What the review stores: the notes a client keeps for their next session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class CreateNote(Change):
    """Keep a new note for the next session: references to what it holds, and whether
    each is in (what the client left out of their last note stays out)."""

    serial: int
    items: tuple[tuple[str, int, int | None, bool], ...]  # (kind, id, rating before, in)
    session_date: date | None = None


@dataclass(frozen=True, slots=True)
class ToggleNoteItem(Change):
    """Leave an item out of a note, or put it back."""

    serial: int
    index: int


@dataclass(frozen=True, slots=True)
class FinishNote(Change):
    """The client is happy with their note: it is final."""

    serial: int
