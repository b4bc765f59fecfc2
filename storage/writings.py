"""Everything a client wrote, read back whole for /learned and /find: their answers with
words, goals, own questions, memos and safety plan. Only the columns needed, one statement
per table, each text decrypted once as its row is read and never kept anywhere else.
Functions take the session as a keyword argument and never write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as sa_select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Answer, Goal, Memo, OwnQuestion, Reflection, SafetyPlan


@dataclass(frozen=True, slots=True)
class WrittenAnswer:
    """An answer with words, and the session it looks back on."""

    answer_id: int
    question: str
    text: str
    session_date: date
    serial: int
    danger: bool
    danger_shared: bool


@dataclass(frozen=True, slots=True)
class Written:
    """Words the client wrote outside a reflection (a goal, an own question, a memo), and
    when."""

    ref: int
    text: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Plan:
    """The client's safety plan: part key -> their words, and when it last changed."""

    parts: dict[str, str]
    updated_at: datetime


async def answers_with_words(
    *,
    session: AsyncSession,
    user_id: int,
    questions: tuple[str, ...] | None = None,
    upto: int | None = None,
) -> list[WrittenAnswer]:
    """The client's answers with words (to `questions`, or to any), newest session first;
    none with an id above `upto`."""
    statement = (
        sa_select(
            col(Answer.id),
            col(Answer.question),
            col(Answer.text),
            col(Reflection.session_date),
            col(Reflection.serial),
            col(Answer.danger),
            col(Answer.danger_shared),
        )
        .join(Reflection, col(Reflection.id) == col(Answer.reflection_id))
        .where(col(Answer.user_id) == user_id, col(Answer.text).is_not(None))
    )
    if questions is not None:
        statement = statement.where(col(Answer.question).in_(questions))
    if upto is not None:
        statement = statement.where(col(Answer.id) <= upto)
    ordered = statement.order_by(
        col(Reflection.session_date).desc(), col(Reflection.serial).desc(), col(Answer.id)
    )
    # sqlmodel's `exec` is typed for its own selects, of up to four columns; this has seven.
    rows = (await session.exec(ordered)).all()  # type: ignore[call-overload]
    return [
        WrittenAnswer(ref, question, text, day, serial, bool(danger), bool(shared))
        for ref, question, text, day, serial, danger, shared in rows
        if text
    ]


async def memos(*, session: AsyncSession, user_id: int, upto: int | None = None) -> list[Written]:
    """The client's memos, newest first; none with an id above `upto`."""
    statement = select(Memo.id, Memo.text, Memo.created_at).where(col(Memo.user_id) == user_id)
    if upto is not None:
        statement = statement.where(col(Memo.id) <= upto)
    ordered = statement.order_by(col(Memo.created_at).desc(), col(Memo.id).desc())
    return [Written(ref, text, at) for ref, text, at in (await session.exec(ordered)).all() if ref]


async def goals(*, session: AsyncSession, user_id: int) -> list[Written]:
    """Every goal the client has had, set aside ones too, oldest first."""
    statement = (
        select(Goal.id, Goal.text, Goal.created_at)
        .where(col(Goal.user_id) == user_id)
        .order_by(col(Goal.id))
    )
    return [
        Written(ref, text, at) for ref, text, at in (await session.exec(statement)).all() if ref
    ]


async def own_questions(*, session: AsyncSession, user_id: int) -> list[Written]:
    """Every question of the client's own, removed ones too, oldest first."""
    statement = (
        select(OwnQuestion.id, OwnQuestion.text, OwnQuestion.created_at)
        .where(col(OwnQuestion.user_id) == user_id)
        .order_by(col(OwnQuestion.id))
    )
    return [
        Written(ref, text, at) for ref, text, at in (await session.exec(statement)).all() if ref
    ]


async def safety_plan(*, session: AsyncSession, user_id: int) -> Plan | None:
    """The client's safety plan, if they began one."""
    statement = select(SafetyPlan.sections, SafetyPlan.updated_at).where(
        col(SafetyPlan.user_id) == user_id
    )
    found = (await session.exec(statement)).first()
    if found is None:
        return None
    sections, updated_at = found
    raw = json.loads(sections or "{}")
    parts = {str(k): str(v) for k, v in raw.items() if v} if isinstance(raw, dict) else {}
    return Plan(parts, updated_at)
