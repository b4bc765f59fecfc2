"""What the reflection stores: a reflection begun, its answers, its end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class StartReflection(Change):
    """Begin the client's `serial`-th reflection with these questions."""

    serial: int
    questions: tuple[str, ...]
    session_date: date
    source: str = "reflect"


@dataclass(frozen=True, slots=True)
class PutAnswer(Change):
    """Store the answer to a question as it now stands, whole: a rating (0 to 10), the
    text of every message written for it so far, a skip, or nothing (cleared to be written
    afresh). The flow works it out from the answer it was shown, so storing it needs no
    read first."""

    serial: int
    question: str
    rating: int | None = None
    text: str | None = None
    # Skipped with nothing rated or written (a skip keeps what was).
    skipped: bool = False
    # Words in it suggested the client may be in danger: notes leave the answer out.
    danger: bool = False


@dataclass(frozen=True, slots=True)
class MoveTo(Change):
    """Remember which question of the reflection the client is on, as they leave it for
    something else (while they walk it, their state holds the place)."""

    serial: int
    position: int


@dataclass(frozen=True, slots=True)
class FinishReflection(Change):
    """Close the reflection: complete when the client reached the end."""

    serial: int
    complete: bool
    # The question they ended on, when their state held it (None: as last remembered).
    position: int | None = None


@dataclass(frozen=True, slots=True)
class AddTopics(Change):
    """Put ratings on the list to raise at the next session."""

    serial: int
    ratings: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class DeclineTopics(Change):
    """The client said "Not now" to raising these ratings: no note raises them anyway."""

    serial: int
    ratings: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class ShareDanger(Change):
    """The client agreed to bring what they wrote about being in danger in this reflection
    to their therapist: their note may hold it."""

    serial: int
