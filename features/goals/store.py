"""Storing what goals and own questions decided."""

from __future__ import annotations

from features.goals.effects import (
    AddGoal,
    AddOwnQuestion,
    EditGoal,
    RemoveOwnQuestion,
    RetireGoal,
    SetQuestionEnabled,
)
from features.kernel.store import Store, StoreContext
from storage import goals


async def add_goal(effect: AddGoal, ctx: StoreContext) -> None:
    """A new therapy goal, in the client's words."""
    await goals.add_goal(session=ctx.session, user_id=ctx.user.id, text=effect.text)


async def edit_goal(effect: EditGoal, ctx: StoreContext) -> None:
    """One of the client's goals, reworded."""
    await goals.edit_goal(
        session=ctx.session, user_id=ctx.user.id, goal_id=effect.goal_id, text=effect.text
    )


async def retire_goal(effect: RetireGoal, ctx: StoreContext) -> None:
    """A goal set aside; its history stays."""
    await goals.retire_goal(session=ctx.session, user_id=ctx.user.id, goal_id=effect.goal_id)


async def set_question_enabled(effect: SetQuestionEnabled, ctx: StoreContext) -> None:
    """A built-in question on or off for future reflections."""
    await goals.set_question_enabled(
        session=ctx.session, user=ctx.user, question=effect.question, enabled=effect.enabled
    )


async def add_own_question(effect: AddOwnQuestion, ctx: StoreContext) -> None:
    """A question of the client's own, asked in future reflections."""
    await goals.add_own_question(session=ctx.session, user_id=ctx.user.id, text=effect.text)


async def remove_own_question(effect: RemoveOwnQuestion, ctx: StoreContext) -> None:
    """One of the client's own questions, no longer asked."""
    await goals.remove_own_question(
        session=ctx.session, user_id=ctx.user.id, question_id=effect.question_id
    )


STORE: Store = {
    AddGoal: add_goal,
    EditGoal: edit_goal,
    RetireGoal: retire_goal,
    SetQuestionEnabled: set_question_enabled,
    AddOwnQuestion: add_own_question,
    RemoveOwnQuestion: remove_own_question,
}
