"""Storing what the reflection decided: a reflection begun, its answers, its end."""

from __future__ import annotations

from typing import cast

from features.kernel.store import Store, StoreContext
from features.reflection.effects import (
    AddTopics,
    DeclineTopics,
    FinishReflection,
    MoveTo,
    PutAnswer,
    ShareDanger,
    StartReflection,
)
from storage import reflections
from storage.models import Reflection


async def start_reflection(effect: StartReflection, ctx: StoreContext) -> None:
    """The client's new reflection, on its first question."""
    ctx.cache[(Reflection, effect.serial)] = await reflections.start_reflection(
        session=ctx.session,
        user_id=ctx.user.id,
        serial=effect.serial,
        questions=list(effect.questions),
        session_date=effect.session_date,
        source=effect.source,
    )


async def put_answer(effect: PutAnswer, ctx: StoreContext) -> None:
    """The answer to a question as it now stands, in one statement."""
    await reflections.put_answer(
        session=ctx.session,
        user_id=ctx.user.id,
        serial=effect.serial,
        question=effect.question,
        rating=effect.rating,
        text=effect.text,
        skipped=effect.skipped,
        danger=effect.danger,
    )


async def move_to(effect: MoveTo, ctx: StoreContext) -> None:
    """The question the client was on, kept as they leave the reflection."""
    await reflections.move_to(
        session=ctx.session, user_id=ctx.user.id, serial=effect.serial, position=effect.position
    )


async def finish_reflection(effect: FinishReflection, ctx: StoreContext) -> None:
    """A reflection closed: complete when the client reached its end. One UPDATE, unless
    this turn read (or began) its row already."""
    cached = ctx.cache.get((Reflection, effect.serial))
    if cached is None:
        await reflections.finish_serial(
            session=ctx.session,
            user_id=ctx.user.id,
            serial=effect.serial,
            complete=effect.complete,
            position=effect.position,
        )
        return
    await reflections.finish(
        session=ctx.session,
        reflection=cast(Reflection, cached),
        complete=effect.complete,
        position=effect.position,
    )


async def add_topics(effect: AddTopics, ctx: StoreContext) -> None:
    """Ratings put on the list to raise at the next session."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.add_topics(
        session=ctx.session,
        user_id=ctx.user.id,
        reflection=reflection,
        ratings=list(effect.ratings),
    )


async def decline_topics(effect: DeclineTopics, ctx: StoreContext) -> None:
    """Ratings the client chose not to raise, kept as declined."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.add_topics(
        session=ctx.session,
        user_id=ctx.user.id,
        reflection=reflection,
        ratings=list(effect.ratings),
        declined_at=ctx.now,
    )


async def share_danger(effect: ShareDanger, ctx: StoreContext) -> None:
    """What the client wrote about being in danger may go into their note now."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.share_danger(session=ctx.session, reflection=reflection)


async def _reflection(ctx: StoreContext, serial: int) -> Reflection:
    """The client's reflection by its serial, read once a turn."""
    key = (Reflection, serial)
    if key not in ctx.cache:
        found = await reflections.by_serial(session=ctx.session, user_id=ctx.user.id, serial=serial)
        if found is None:
            # The flow only names reflections it was shown; this is a bug, not bad input.
            raise LookupError(f"reflection {serial} of this client does not exist")
        ctx.cache[key] = found
    return cast(Reflection, ctx.cache[key])


STORE: Store = {
    StartReflection: start_reflection,
    PutAnswer: put_answer,
    MoveTo: move_to,
    FinishReflection: finish_reflection,
    AddTopics: add_topics,
    DeclineTopics: decline_topics,
    ShareDanger: share_danger,
}
