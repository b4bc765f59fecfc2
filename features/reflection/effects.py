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
class SaveRating(Change):
    """Store a rating (0 to 10) as the answer to a question."""

    serial: int
    question: str
    rating: int


@dataclass(frozen=True, slots=True)
class AddText(Change):
    """Add a message to the answer to a question (an answer may take several messages)."""

    serial: int
    question: str
    text: str
    # The message suggested the client may be in danger: notes leave the answer out.
    danger: bool = False


@dataclass(frozen=True, slots=True)
class ClearAnswer(Change):
    """Forget the answer to a question, to write it afresh."""

    serial: int
    question: str


@dataclass(frozen=True, slots=True)
class SkipQuestion(Change):
    """Mark a question as skipped (anything already written for it is kept)."""

    serial: int
    question: str


@dataclass(frozen=True, slots=True)
class MoveTo(Change):
    """Remember which question of the reflection the client is on."""

    serial: int
    position: int


@dataclass(frozen=True, slots=True)
class FinishReflection(Change):
    """Close the reflection: complete when the client reached the end."""

    serial: int
    complete: bool


@dataclass(frozen=True, slots=True)
class AddTopics(Change):
    """Put ratings on the list to raise at the next session."""

    serial: int
    ratings: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class ShareDanger(Change):
    """The client agreed to bring what they wrote about being in danger in this reflection
    to their therapist: their note may hold it."""

    serial: int
