"""What /learned and /find read, as loaded in the turn (features/learned/loaders.py): the
client's own words, decrypted for this turn only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# Where a piece of writing came from (`Piece.kind`).
ANSWER, GOAL, OWN_QUESTION, MEMO, PLAN = "answer", "goal", "own_question", "memo", "plan"


@dataclass(frozen=True, slots=True)
class Piece:
    """Something the client wrote: an answer (`key`: its question), a goal, a question of
    their own, a memo, or a part of their safety plan (`key`: the part). `day` is the
    session's date for an answer, the local day it was written otherwise; `dated` is False
    when no one day belongs to it (a safety plan's part: only the plan's last change is
    known)."""

    kind: str
    key: str
    text: str
    day: date
    dated: bool = True


@dataclass(frozen=True, slots=True)
class Learned:
    """For /learned: what helped and what to bring up, newest first; how many answers were
    left out for words of danger the client didn't agree to share; the newest answer and
    memo counted, so that a page turned later shows the same items."""

    pieces: tuple[Piece, ...] = ()
    held_back: int = 0
    upto_answer: int = 0
    upto_memo: int = 0


@dataclass(frozen=True, slots=True)
class LearnedItems:
    """/learned or one of its pages (None: nothing was read, the button named nothing)."""

    learned: Learned | None = None


@dataclass(frozen=True, slots=True)
class Writings:
    """For /find: everything the client wrote, newest first, with the words of every goal
    and own question an answer's label may name (id -> words)."""

    pieces: tuple[Piece, ...] = ()
    goals: Mapping[int, str] = field(default_factory=dict)
    own_questions: Mapping[int, str] = field(default_factory=dict)
