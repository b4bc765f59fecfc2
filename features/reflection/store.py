"""Storing what the reflection decided: a reflection begun, its answers, its end."""

from __future__ import annotations

from typing import cast

from features.kernel.store import Store, StoreContext
from features.reflection.effects import (
    AddText,
    AddTopics,
    ClearAnswer,
    FinishReflection,
    MoveTo,
    SaveRating,
    ShareDanger,
    SkipQuestion,
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


async def save_rating(effect: SaveRating, ctx: StoreContext) -> None:
    """A rating as the answer to a question."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.save_rating(
        session=ctx.session, reflection=reflection, question=effect.question, rating=effect.rating
    )


async def add_text(effect: AddText, ctx: StoreContext) -> None:
    """One more message of an answer."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.add_text(
        session=ctx.session,
        reflection=reflection,
        question=effect.question,
        text=effect.text,
        danger=effect.danger,
    )


async def clear_answer(effect: ClearAnswer, ctx: StoreContext) -> None:
    """An answer's text forgotten, to be written afresh."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.clear_answer(
        session=ctx.session, reflection=reflection, question=effect.question
    )


async def skip_question(effect: SkipQuestion, ctx: StoreContext) -> None:
    """A question skipped (anything written for it stays)."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.skip(session=ctx.session, reflection=reflection, question=effect.question)


async def move_to(effect: MoveTo, ctx: StoreContext) -> None:
    """The question the client is on."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.move_to(session=ctx.session, reflection=reflection, position=effect.position)


async def finish_reflection(effect: FinishReflection, ctx: StoreContext) -> None:
    """A reflection closed: complete when the client reached its end."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.finish(session=ctx.session, reflection=reflection, complete=effect.complete)


async def add_topics(effect: AddTopics, ctx: StoreContext) -> None:
    """Ratings put on the list to raise at the next session."""
    reflection = await _reflection(ctx, effect.serial)
    await reflections.add_topics(
        session=ctx.session,
        user_id=ctx.user.id,
        reflection=reflection,
        ratings=list(effect.ratings),
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
    SaveRating: save_rating,
    AddText: add_text,
    ClearAnswer: clear_answer,
    SkipQuestion: skip_question,
    MoveTo: move_to,
    FinishReflection: finish_reflection,
    AddTopics: add_topics,
    ShareDanger: share_danger,
}
