"""Memos: what a client wants to bring up at their next session, kept for their next note
(words written outside a question, a gap /fit found). Functions take the session as a
keyword argument and never commit."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Memo


async def add(*, session: AsyncSession, user_id: int, text: str, at: datetime) -> Memo:
    """Keep the words for the client's next note."""
    memo = Memo(user_id=user_id, text=text, created_at=at)
    session.add(memo)
    await session.flush()
    return memo


async def since(*, session: AsyncSession, user_id: int, since: datetime) -> list[Memo]:
    """The client's memos kept after `since`, oldest first."""
    statement = (
        select(Memo)
        .where(col(Memo.user_id) == user_id, col(Memo.created_at) > since)
        .order_by(col(Memo.id))
    )
    return list((await session.exec(statement)).all())


async def by_id(*, session: AsyncSession, user_id: int, ids: list[int]) -> dict[int, Memo]:
    """The client's memos among `ids` (another client's are never read)."""
    if not ids:
        return {}
    statement = select(Memo).where(col(Memo.user_id) == user_id, col(Memo.id).in_(ids))
    return {memo.id: memo for memo in (await session.exec(statement)).all() if memo.id}
