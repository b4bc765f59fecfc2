"""What goals and own questions store: the client's goals and which questions they are asked."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class AddGoal(Change):
    """Store a new therapy goal in the client's words."""

    text: str


@dataclass(frozen=True, slots=True)
class EditGoal(Change):
    """Reword one of the client's goals."""

    goal_id: int
    text: str


@dataclass(frozen=True, slots=True)
class RetireGoal(Change):
    """Set a goal aside; its history stays."""

    goal_id: int


@dataclass(frozen=True, slots=True)
class SetQuestionEnabled(Change):
    """Turn a built-in question on or off for future reflections."""

    question: str
    enabled: bool


@dataclass(frozen=True, slots=True)
class AddOwnQuestion(Change):
    """Add a question of the client's own to future reflections."""

    text: str


@dataclass(frozen=True, slots=True)
class RemoveOwnQuestion(Change):
    """Stop asking one of the client's own questions."""

    question_id: int
