"""Storing what the review decided: the notes a client keeps for their next session."""

from __future__ import annotations

from features.kernel.store import Store, StoreContext
from features.review.effects import CreateNote, FinishNote, ToggleNoteItem
from storage import notes


async def create_note(effect: CreateNote, ctx: StoreContext) -> None:
    """A new note, every item in it."""
    await notes.create(
        session=ctx.session,
        user_id=ctx.user.id,
        serial=effect.serial,
        items=list(effect.items),
        session_date=effect.session_date,
    )


async def toggle_note_item(effect: ToggleNoteItem, ctx: StoreContext) -> None:
    """An item of a note left out, or put back."""
    await notes.toggle(
        session=ctx.session, user_id=ctx.user.id, serial=effect.serial, index=effect.index
    )


async def finish_note(effect: FinishNote, ctx: StoreContext) -> None:
    """A note the client is happy with: final."""
    await notes.finish(session=ctx.session, user_id=ctx.user.id, serial=effect.serial, at=ctx.now)


STORE: Store = {CreateNote: create_note, ToggleNoteItem: toggle_note_item, FinishNote: finish_note}
