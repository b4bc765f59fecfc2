"""What the reflection's steps read, as loaded in the turn (features/reflection/loaders.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from features.common.loaded import Goals, OwnQuestions


@dataclass(frozen=True, slots=True)
class AnswerView:
    """What the client has answered to one question so far."""

    rating: int | None = None
    text: str | None = None
    skipped: bool = False
    # Words in it suggested the client may be in danger.
    danger: bool = False


@dataclass(frozen=True, slots=True)
class ReflectionView:
    """The client's unfinished reflection: its questions, where they are, what they said."""

    serial: int
    questions: tuple[str, ...]
    position: int
    session_date: date
    answers: Mapping[str, AnswerView] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OpenReflection:
    """The client's unfinished reflection, if any (at the question their state holds,
    while they walk it)."""

    view: ReflectionView | None = None


@dataclass(frozen=True, slots=True)
class RecentRatings:
    """The client's ratings per question over their last few finished reflections, the
    most recent first: their own history, which today's ratings are compared with."""

    earlier: Mapping[str, Sequence[int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReflectedDates:
    """The session dates of the client's recent reflections (finished or not): the
    sessions /reflect needn't offer again. Read only for /reflect."""

    dates: frozenset[date] = frozenset()


@dataclass(frozen=True, slots=True)
class Walking:
    """What walking a reflection reads, read at once (features/reflection/loaders.py
    `READ`): the open reflection, and the client's goals and own questions its questions
    name (`goal:<id>`, `own:<id>`) and its progress question lists. The steps read the
    three parts, each by its own type."""

    open: OpenReflection
    goals: Goals
    own_questions: OwnQuestions
