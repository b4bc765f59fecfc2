"""What the client set up for their reflections: goals, questions of their own, questions
turned off. Functions take the session as a keyword argument and never commit."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Goal, OwnQuestion, User
from storage.types import utc_now


async def active_goals(*, session: AsyncSession, user_id: int) -> list[Goal]:
    """The client's goals that are not set aside, oldest first."""
    statement = (
        select(Goal)
        .where(col(Goal.user_id) == user_id, col(Goal.retired_at).is_(None))
        .order_by(col(Goal.id))
    )
    return list((await session.exec(statement)).all())


async def add_goal(*, session: AsyncSession, user_id: int, text: str) -> Goal:
    """A new goal in the client's words."""
    goal = Goal(user_id=user_id, text=text)
    session.add(goal)
    return goal


async def edit_goal(*, session: AsyncSession, user_id: int, goal_id: int, text: str) -> bool:
    """Reword one of the client's own goals; False if it isn't theirs or is set aside."""
    goal = await _own_goal(session, user_id, goal_id)
    if goal is None:
        return False
    goal.text = text
    goal.updated_at = utc_now()
    session.add(goal)
    return True


async def retire_goal(*, session: AsyncSession, user_id: int, goal_id: int) -> bool:
    """Set one of the client's goals aside; False if it isn't theirs or already aside."""
    goal = await _own_goal(session, user_id, goal_id)
    if goal is None:
        return False
    goal.retired_at = utc_now()
    session.add(goal)
    return True


async def active_own_questions(*, session: AsyncSession, user_id: int) -> list[OwnQuestion]:
    """The questions the client added and hasn't removed, oldest first."""
    statement = (
        select(OwnQuestion)
        .where(col(OwnQuestion.user_id) == user_id, col(OwnQuestion.retired_at).is_(None))
        .order_by(col(OwnQuestion.id))
    )
    return list((await session.exec(statement)).all())


async def add_own_question(*, session: AsyncSession, user_id: int, text: str) -> OwnQuestion:
    """A question of the client's own, asked at the end of each reflection."""
    question = OwnQuestion(user_id=user_id, text=text)
    session.add(question)
    return question


async def remove_own_question(*, session: AsyncSession, user_id: int, question_id: int) -> bool:
    """Stop asking one of the client's own questions (kept for its answers' sake)."""
    question = await session.get(OwnQuestion, question_id)
    if question is None or question.user_id != user_id or question.retired_at is not None:
        return False
    question.retired_at = utc_now()
    session.add(question)
    return True


async def set_question_enabled(
    *, session: AsyncSession, user: User, question: str, enabled: bool
) -> None:
    """Turn a built-in question on or off for the client's future reflections."""
    disabled = set(user.disabled_questions)
    if enabled:
        disabled.discard(question)
    else:
        disabled.add(question)
    # A new list, so SQLAlchemy sees the JSON column change.
    user.disabled_questions = sorted(disabled)
    user.updated_at = utc_now()
    session.add(user)


async def _own_goal(session: AsyncSession, user_id: int, goal_id: int) -> Goal | None:
    goal = await session.get(Goal, goal_id)
    if goal is None or goal.user_id != user_id or goal.retired_at is not None:
        return None
    return goal
