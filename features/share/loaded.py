"""What /share reads, as loaded in the turn (features/share/loaders.py): what could go on
the page (for the menu) and, when the client presses Make the page, what does."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class NoteOnOffer:
    """The client's latest note, as the menu names it: which, for when, how many kept."""

    serial: int
    session_date: date | None
    kept: int


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """One item the client kept in their note, ready for paper: their words, or a rating
    (a topic they agreed to raise, a goal's latest rating, an older note's drop)."""

    kind: str
    section: str
    question: str
    words: str | None = None
    rating: int | None = None
    previous: int | None = None
    # The goal a rating is about, if any: the item follows the goal's toggle.
    goal_id: int | None = None
    goal: str | None = None


@dataclass(frozen=True, slots=True)
class RatedSession:
    """One session the client rated: its date and ratings by question."""

    serial: int
    session_date: date
    ratings: Mapping[str, int] = field(default_factory=dict)


# How I've been: its four ratings, in the order they are asked.
PARTS = ("myself", "close", "daily", "overall")


@dataclass(frozen=True, slots=True)
class WellbeingRow:
    """How I've been, the week before one session (None: not answered)."""

    session_date: date
    myself: int | None = None
    close: int | None = None
    daily: int | None = None
    overall: int | None = None


@dataclass(frozen=True, slots=True)
class PageMaterial:
    """What the page holds, as chosen: the note's kept items (words of danger only when
    the client agreed to share them), the last N rated sessions and "how I've been" rows,
    oldest first."""

    note_items: tuple[NoteEntry, ...] = ()
    sessions: tuple[RatedSession, ...] = ()
    wellbeing: tuple[WellbeingRow, ...] = ()


@dataclass(frozen=True, slots=True)
class ShareFacts:
    """For /share and its buttons: what there is to choose from, and (for Make the page)
    the material."""

    note: NoteOnOffer | None = None
    # How many sessions the client rated, and weeks of how I've been (up to the most a
    # page shows).
    rated: int = 0
    wellbeing: int = 0
    goals: Mapping[int, str] = field(default_factory=dict)
    page: PageMaterial | None = None
