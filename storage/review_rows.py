"""Reading a client's reflections back for review (/summary, /note, /export). Functions
take the session as a keyword argument and never write."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Answer, Goal, OwnQuestion, Reflection


@dataclass(slots=True)
class Rows:
    """The reflections of a window, oldest session first, with their answers (decrypted)."""

    reflections: list[Reflection]
    # Per reflection id: (question, rating, text) of each answer, in the order given.
    answers: dict[int, list[tuple[str, int | None, str | None]]]
    # Per rating question, the last rating given before the window.
    earlier: dict[str, int] = field(default_factory=dict)
    # How many reflections with any answer the client has in all.
    total: int = 0
    upto: int = 0
    # The first day of the window asked for (None: all of them).
    since: date | None = None


@dataclass(frozen=True, slots=True)
class RatingChange:
    """A rating, and the one the same question had the time before."""

    reflection_id: int
    answer_id: int
    question: str
    rating: int
    previous: int | None


async def reflections_in(
    *,
    session: AsyncSession,
    user_id: int,
    days: int | None,
    at_least: int,
    today: date,
    upto: int | None = None,
    fewest_answers: int = 0,
) -> Rows:
    """The client's reflections (those with an answer) whose session was in the last `days`
    days (all if None), and at least the last `at_least` of them; none newer than `upto`.
    The ratings before the window come from reflections finished or with at least
    `fewest_answers` answers (not one only started)."""
    statement = select(Reflection).where(col(Reflection.user_id) == user_id)
    if upto is not None:
        statement = statement.where(col(Reflection.serial) <= upto)
    # In the order of the sessions they look back on: a catch-up on an older session
    # takes its place among them, whenever it was written.
    ordered = statement.order_by(col(Reflection.session_date), col(Reflection.serial))
    every = list((await session.exec(ordered)).all())
    answered = await _answered(session, user_id)
    kept = [r for r in every if r.id in answered]
    newest = upto if upto is not None else max((r.serial for r in every), default=0)
    since: date | None = None
    if days is None:
        first = 0
    else:
        since = today - timedelta(days=days - 1)
        recent = [i for i, r in enumerate(kept) if r.session_date >= since]
        first = min(recent[0] if recent else len(kept), max(len(kept) - at_least, 0))
    window, before = kept[first:], kept[:first]
    before = [
        r
        for r in before
        if r.finished_at is not None or answered.get(r.id or 0, 0) >= fewest_answers
    ]
    return Rows(
        reflections=window,
        answers=await _answers(session, [r.id for r in window if r.id is not None]),
        earlier=await _last_ratings(session, [r.id for r in before if r.id is not None]),
        total=len(kept),
        upto=newest,
        since=since,
    )


async def all_goals(*, session: AsyncSession, user_id: int) -> list[Goal]:
    """Every goal the client has had, set aside ones too, oldest first."""
    statement = select(Goal).where(col(Goal.user_id) == user_id).order_by(col(Goal.id))
    return list((await session.exec(statement)).all())


async def all_own_questions(*, session: AsyncSession, user_id: int) -> list[OwnQuestion]:
    """Every question of the client's own, removed ones too, oldest first."""
    statement = (
        select(OwnQuestion).where(col(OwnQuestion.user_id) == user_id).order_by(col(OwnQuestion.id))
    )
    return list((await session.exec(statement)).all())


async def answers_since(
    *, session: AsyncSession, user_id: int, since: datetime, questions: tuple[str, ...]
) -> list[tuple[Reflection, Answer]]:
    """Answers with words to these questions, in reflections started after `since`."""
    statement = (
        select(Reflection, Answer)
        .join(Answer, col(Answer.reflection_id) == col(Reflection.id))
        .where(
            col(Reflection.user_id) == user_id,
            col(Reflection.started_at) > since,
            col(Answer.question).in_(questions),
            col(Answer.text).is_not(None),
        )
        .order_by(col(Reflection.serial), col(Answer.id))
    )
    return [(r, a) for r, a in (await session.exec(statement)).all()]


async def shared_danger_since(
    *, session: AsyncSession, user_id: int, since: datetime
) -> list[Answer]:
    """Answers whose words suggested danger and which the client agreed to bring to their
    therapist, to any question, in reflections started after `since`."""
    statement = (
        select(Answer)
        .join(Reflection, col(Answer.reflection_id) == col(Reflection.id))
        .where(
            col(Reflection.user_id) == user_id,
            col(Reflection.started_at) > since,
            col(Answer.danger_shared).is_(True),
            col(Answer.text).is_not(None),
        )
        .order_by(col(Reflection.serial), col(Answer.id))
    )
    return list((await session.exec(statement)).all())


async def ratings_since(
    *, session: AsyncSession, user_id: int, since: datetime
) -> list[RatingChange]:
    """Each rating given in reflections started after `since`, with the rating the same
    question had the time before (None the first time)."""
    started = select(Reflection.id, Reflection.serial, Reflection.started_at).where(
        col(Reflection.user_id) == user_id
    )
    when = {r: (serial, at) for r, serial, at in (await session.exec(started)).all()}
    statement = select(Answer.reflection_id, Answer.id, Answer.question, Answer.rating).where(
        col(Answer.user_id) == user_id, col(Answer.rating).is_not(None)
    )
    rows = sorted((await session.exec(statement)).all(), key=lambda row: when[row[0]][0])
    last: dict[str, int] = {}
    found = []
    for reflection, answer, question, rating in rows:
        if rating is None or answer is None:
            continue
        if when[reflection][1] > since:
            found.append(RatingChange(reflection, answer, question, rating, last.get(question)))
        last[question] = rating
    return found


async def _answered(session: AsyncSession, user_id: int) -> dict[int, int]:
    """How many questions each of the client's reflections has an answer to (not a skip)."""
    statement = (
        select(Answer.reflection_id, func.count())
        .where(
            col(Answer.user_id) == user_id,
            or_(col(Answer.rating).is_not(None), col(Answer.text).is_not(None)),
        )
        .group_by(col(Answer.reflection_id))
    )
    return {reflection: count for reflection, count in (await session.exec(statement)).all()}


async def _answers(
    session: AsyncSession, reflection_ids: list[int]
) -> dict[int, list[tuple[str, int | None, str | None]]]:
    # Columns, not ORM objects: five years of answers read in a third of the time.
    found: dict[int, list[tuple[str, int | None, str | None]]] = defaultdict(list)
    if not reflection_ids:
        return found
    statement = (
        select(Answer.reflection_id, Answer.question, Answer.rating, Answer.text)
        .where(col(Answer.reflection_id).in_(reflection_ids))
        .order_by(col(Answer.id))
    )
    for reflection_id, question, rating, text in (await session.exec(statement)).all():
        found[reflection_id].append((question, rating, text))
    return found


async def _last_ratings(session: AsyncSession, reflection_ids: list[int]) -> dict[str, int]:
    if not reflection_ids:
        return {}
    statement = (
        select(Answer.question, Answer.rating)
        .join(Reflection, col(Reflection.id) == col(Answer.reflection_id))
        .where(col(Answer.reflection_id).in_(reflection_ids), col(Answer.rating).is_not(None))
        .order_by(col(Reflection.session_date), col(Reflection.serial))
    )
    last: dict[str, int] = {}
    for question, rating in (await session.exec(statement)).all():
        if rating is not None:
            last[question] = rating
    return last


async def rated_sessions(
    *, session: AsyncSession, user_id: int, count: int
) -> list[tuple[Reflection, dict[str, int]]]:
    """The client's last `count` reflections that hold a rating, oldest session first,
    each with its ratings by question (no words are read)."""
    rated = (
        select(Answer.reflection_id)
        .where(col(Answer.user_id) == user_id, col(Answer.rating).is_not(None))
        .distinct()
    )
    statement = (
        select(Reflection)
        .where(col(Reflection.user_id) == user_id, col(Reflection.id).in_(rated))
        .order_by(col(Reflection.session_date).desc(), col(Reflection.serial).desc())
        .limit(count)
    )
    reflections = list(reversed((await session.exec(statement)).all()))
    ids = [r.id for r in reflections if r.id is not None]
    ratings: dict[int, dict[str, int]] = defaultdict(dict)
    if ids:
        found = select(Answer.reflection_id, Answer.question, Answer.rating).where(
            col(Answer.reflection_id).in_(ids), col(Answer.rating).is_not(None)
        )
        for reflection_id, question, rating in (await session.exec(found)).all():
            if rating is not None:
                ratings[reflection_id][question] = rating
    return [(r, ratings[r.id or 0]) for r in reflections]


async def goal_ratings(*, session: AsyncSession, user_id: int) -> list[tuple[date, str, int]]:
    """Every progress rating the client gave a goal, as (session date, `goal:<id>`,
    rating), in the order of their reflections: one statement, no words read."""
    statement = (
        select(col(Reflection.session_date), col(Answer.question), col(Answer.rating))
        .join(Reflection, col(Reflection.id) == col(Answer.reflection_id))
        .where(
            col(Answer.user_id) == user_id,
            col(Answer.question).startswith("goal:"),
            col(Answer.rating).is_not(None),
        )
        .order_by(col(Reflection.serial))
    )
    rows = (await session.exec(statement)).all()
    return [(day, question, rating) for day, question, rating in rows if rating is not None]
