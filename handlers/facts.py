"""What the pure flows may know, read from the database inside the turn's transaction."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.flow.core import AnswerView, Client, Facts, ReflectionView
from storage import preferences, reflections
from storage.models import Reflection, User


def client_of(user: User) -> Client:
    """The flows' view of a client's profile."""
    return Client(
        time_zone=user.time_zone,
        language=user.language,
        disabled_questions=frozenset(user.disabled_questions),
    )


async def load_facts(session: AsyncSession, user: User, now: datetime, *, full: bool) -> Facts:
    """The profile alone, or (`full`) the open reflection, goals, own questions and recent
    ratings as well."""
    client = client_of(user)
    if not full:
        return Facts(client, now)
    goals = await preferences.active_goals(session=session, user_id=user.id)
    own = await preferences.active_own_questions(session=session, user_id=user.id)
    reflection = await reflections.open_reflection(session=session, user_id=user.id)
    return Facts(
        client,
        now,
        reflection=await _view(session, reflection) if reflection is not None else None,
        last_serial=await reflections.last_serial(session=session, user_id=user.id),
        goals={goal.id: goal.text for goal in goals if goal.id is not None},
        own_questions={q.id: q.text for q in own if q.id is not None},
        recent_ratings=await reflections.recent_ratings(session=session, user_id=user.id),
    )


async def _view(session: AsyncSession, reflection: Reflection) -> ReflectionView:
    assert reflection.id is not None
    answers = await reflections.answers_to(session=session, reflection_id=reflection.id)
    return ReflectionView(
        serial=reflection.serial,
        questions=tuple(reflection.questions),
        position=min(reflection.position, max(len(reflection.questions) - 1, 0)),
        session_date=reflection.session_date,
        answers={
            a.question: AnswerView(rating=a.rating, text=a.text, skipped=a.skipped) for a in answers
        },
    )
