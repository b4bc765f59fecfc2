"""Storing a flow's changes as a turn does, for the features' store tests: a client, and
their changes stored in one transaction with the features' store functions."""

from __future__ import annotations

from datetime import datetime

from features.kernel.store import StoreContext
from features.kernel.vocabulary import Change
from features.router import ROUTER
from storage import clients
from storage.db import Database


async def a_client(database: Database, user_id: int = 1, time_zone: str | None = None) -> None:
    """A client who started (their row and their flow's), in a time zone."""
    async with database.transaction() as session:
        user = await clients.get_or_create_user(
            session=session, user_id=user_id, chat_id=user_id, language="en"
        )
        user.time_zone = time_zone
        session.add(user)
        await clients.load_flow(session=session, user_id=user_id)


async def store(
    database: Database, now: datetime, *changes: Change, user_id: int = 1
) -> StoreContext:
    """Store these changes of the client's in one transaction, in order; the context they
    were stored with."""
    async with database.transaction() as session:
        user = await clients.lock_user(session=session, user_id=user_id)
        assert user is not None
        ctx = StoreContext(session, user, now)
        for change in changes:
            await ROUTER.store[type(change)](change, ctx)
    return ctx
