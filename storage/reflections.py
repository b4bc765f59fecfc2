"""Reflections and their answers. Like every repository module: functions take the session
as a keyword argument and never commit; the turn that calls them commits once."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Answer, Reflection, Topic
from storage.types import utc_now

# How many finished reflections a client's "recent average" rating looks back over.
RECENT_REFLECTIONS = 4


async def open_reflection(*, session: AsyncSession, user_id: int) -> Reflection | None:
    """The client's latest reflection that is neither finished nor left for a new one."""
    statement = (
        select(Reflection)
        .where(col(Reflection.user_id) == user_id, col(Reflection.finished_at).is_(None))
        .order_by(col(Reflection.serial).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def last_serial(*, session: AsyncSession, user_id: int) -> int:
    """The serial of the client's newest reflection (0 before the first)."""
    statement = select(func.max(Reflection.serial)).where(col(Reflection.user_id) == user_id)
    return (await session.exec(statement)).one() or 0


async def by_serial(*, session: AsyncSession, user_id: int, serial: int) -> Reflection | None:
    """One of the client's reflections by its serial."""
    statement = select(Reflection).where(
        col(Reflection.user_id) == user_id, col(Reflection.serial) == serial
    )
    return (await session.exec(statement)).first()


async def answers_to(*, session: AsyncSession, reflection_id: int) -> list[Answer]:
    """Every answer given in a reflection."""
    statement = select(Answer).where(col(Answer.reflection_id) == reflection_id)
    return list((await session.exec(statement)).all())


async def recent_ratings(*, session: AsyncSession, user_id: int) -> dict[str, float]:
    """The client's average rating per question over their last few finished reflections."""
    recent = (
        select(Reflection.id)
        .where(col(Reflection.user_id) == user_id, col(Reflection.complete).is_(True))
        .order_by(col(Reflection.serial).desc())
        .limit(RECENT_REFLECTIONS)
    )
    statement = select(Answer.question, Answer.rating).where(
        col(Answer.reflection_id).in_(recent.scalar_subquery()), col(Answer.rating).is_not(None)
    )
    ratings: dict[str, list[int]] = defaultdict(list)
    for question, rating in (await session.exec(statement)).all():
        if rating is not None:
            ratings[question].append(rating)
    return {question: sum(values) / len(values) for question, values in ratings.items()}


async def start_reflection(
    *,
    session: AsyncSession,
    user_id: int,
    serial: int,
    questions: list[str],
    session_date: date,
    source: str,
) -> Reflection:
    """A new reflection on its first question."""
    reflection = Reflection(
        user_id=user_id,
        serial=serial,
        questions=questions,
        session_date=session_date,
        source=source,
    )
    session.add(reflection)
    await session.flush()
    return reflection


async def move_to(*, session: AsyncSession, reflection: Reflection, position: int) -> None:
    """Remember which question the client is on."""
    reflection.position = position
    reflection.updated_at = utc_now()
    session.add(reflection)


async def finish(*, session: AsyncSession, reflection: Reflection, complete: bool) -> None:
    """Close a reflection: complete when the client reached its end."""
    reflection.finished_at = utc_now()
    reflection.complete = complete
    session.add(reflection)


async def save_rating(
    *, session: AsyncSession, reflection: Reflection, question: str, rating: int
) -> None:
    """A rating from 0 to 10 as the answer to a question (replacing an earlier one)."""
    answer = await _answer(session, reflection, question)
    answer.rating = rating
    answer.skipped = False
    _touch(session, answer)


async def add_text(
    *,
    session: AsyncSession,
    reflection: Reflection,
    question: str,
    text: str,
    danger: bool = False,
) -> None:
    """One more message of the answer to a question; messages join into one answer. A
    message that suggested danger flags the whole answer, so a note leaves it out."""
    answer = await _answer(session, reflection, question)
    answer.text = f"{answer.text}\n\n{text}" if answer.text else text
    answer.skipped = False
    answer.danger = answer.danger or danger
    _touch(session, answer)


async def clear_answer(*, session: AsyncSession, reflection: Reflection, question: str) -> None:
    """Forget the text of an answer, so the client can write it afresh."""
    answer = await _answer(session, reflection, question)
    answer.text = None
    answer.danger = answer.danger_shared = False
    _touch(session, answer)


async def share_danger(*, session: AsyncSession, reflection: Reflection) -> None:
    """The client agreed to bring what they wrote about being in danger, in this
    reflection, to their therapist: their notes may hold it now."""
    assert reflection.id is not None
    await session.exec(
        update(Answer)
        .where(col(Answer.reflection_id) == reflection.id, col(Answer.danger).is_(True))
        .values(danger_shared=True)
    )


async def skip(*, session: AsyncSession, reflection: Reflection, question: str) -> None:
    """Mark a question skipped; anything written for it stays."""
    answer = await _answer(session, reflection, question)
    answer.skipped = answer.rating is None and not answer.text
    _touch(session, answer)


async def add_topics(
    *, session: AsyncSession, user_id: int, reflection: Reflection, ratings: list[tuple[str, int]]
) -> None:
    """Put ratings on the client's list to raise at the next session."""
    for question, rating in ratings:
        session.add(
            Topic(user_id=user_id, reflection_id=reflection.id, question=question, rating=rating)
        )


async def _answer(session: AsyncSession, reflection: Reflection, question: str) -> Answer:
    """The answer row for a question, created on first use (one per question and reflection)."""
    assert reflection.id is not None
    statement = select(Answer).where(
        col(Answer.reflection_id) == reflection.id, col(Answer.question) == question
    )
    answer = (await session.exec(statement)).first()
    if answer is None:
        answer = Answer(reflection_id=reflection.id, user_id=reflection.user_id, question=question)
    return answer


def _touch(session: AsyncSession, answer: Answer) -> None:
    answer.updated_at = utc_now()
    session.add(answer)


async def mark_raised(*, session: AsyncSession, topic_ids: list[int], at: datetime) -> None:
    """These topics went into a preparation note the client received."""
    if topic_ids:
        await session.exec(update(Topic).where(col(Topic.id).in_(topic_ids)).values(raised_at=at))
