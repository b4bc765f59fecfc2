"""Storing what privacy decided: erasing a client."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col

from features.kernel.store import Store, StoreContext
from features.privacy.effects import EraseClient
from storage.models import User


async def erase_client(effect: EraseClient, ctx: StoreContext) -> None:
    """Everything about the client gone, in every table: each references users.id ON
    DELETE CASCADE, so it is one statement. Nothing more is written for them this turn
    (their flow row is gone; saving it would bring one back)."""
    await ctx.session.exec(delete(User).where(col(User.id) == ctx.user.id))
    ctx.erased = True


STORE: Store = {EraseClient: erase_client}
