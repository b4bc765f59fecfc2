"""Storing the check-in: one row per client and local day (storage/checkins.py)."""

from __future__ import annotations

from features.checkin.effects import MarkCheckInNoted, PutCheckInFace, PutCheckInLine
from features.kernel.store import Store, StoreContext
from storage import checkins


async def put_face(effect: PutCheckInFace, ctx: StoreContext) -> None:
    """The face tapped; a second tap (or a double tap) changes the same day's row."""
    await checkins.put_face(
        session=ctx.session, user_id=ctx.user.id, day=effect.day, face=effect.face, at=ctx.now
    )


async def put_line(effect: PutCheckInLine, ctx: StoreContext) -> None:
    """The client's line for the day, encrypted."""
    await checkins.put_text(
        session=ctx.session, user_id=ctx.user.id, day=effect.day, text=effect.text, at=ctx.now
    )


async def mark_noted(effect: MarkCheckInNoted, ctx: StoreContext) -> None:
    """The line went into the next note (its memo is stored by memos.keep)."""
    await checkins.mark_noted(session=ctx.session, user_id=ctx.user.id, day=effect.day, at=ctx.now)


STORE: Store = {
    PutCheckInFace: put_face,
    PutCheckInLine: put_line,
    MarkCheckInNoted: mark_noted,
}
