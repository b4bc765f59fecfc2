"""Storing a memo for the client's next note."""

from __future__ import annotations

from features.kernel.store import Store, StoreContext
from features.memos.effects import ForgetHeld, KeepMemo
from storage import memos


async def keep_memo(effect: KeepMemo, ctx: StoreContext) -> None:
    """The words kept for the next note, encrypted."""
    await memos.add(session=ctx.session, user_id=ctx.user.id, text=effect.text, at=ctx.now)


async def forget_held(effect: ForgetHeld, ctx: StoreContext) -> None:
    """Nothing to write: the state saved after this turn holds no words (the engine saves
    it); the scrub after the reply is the turn handler's (handlers/turn.py)."""


STORE: Store = {KeepMemo: keep_memo, ForgetHeld: forget_held}
