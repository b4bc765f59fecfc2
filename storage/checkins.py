"""The one-minute check-ins between sessions: a face (1 to 5) and an optional line,
encrypted, one per client and local day. Functions take the session as a keyword argument
and never commit."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import CheckIn

FACES = range(1, 6)


async def on_day(*, session: AsyncSession, user_id: int, day: date) -> CheckIn | None:
    """The client's check-in on their local `day`, if any."""
    statement = select(CheckIn).where(col(CheckIn.user_id) == user_id, col(CheckIn.day) == day)
    return (await session.exec(statement)).first()


async def _row(session: AsyncSession, user_id: int, day: date, at: datetime) -> CheckIn:
    row = await on_day(session=session, user_id=user_id, day=day)
    if row is None:
        row = CheckIn(user_id=user_id, day=day, created_at=at, updated_at=at)
        session.add(row)
    return row


async def put_face(
    *, session: AsyncSession, user_id: int, day: date, face: int, at: datetime
) -> CheckIn:
    """Keep how the day is going (a second press changes it)."""
    if face not in FACES:
        raise ValueError("no such face")
    row = await _row(session, user_id, day, at)
    row.face = face
    row.updated_at = at
    await session.flush()
    return row


async def put_text(
    *, session: AsyncSession, user_id: int, day: date, text: str, at: datetime
) -> CheckIn:
    """Keep the client's line for the day; a second line is added to the first."""
    row = await _row(session, user_id, day, at)
    row.text = text if not row.text else f"{row.text}\n{text}"
    row.updated_at = at
    await session.flush()
    return row


async def between(
    *, session: AsyncSession, user_id: int, start: date | None = None, end: date | None = None
) -> list[CheckIn]:
    """The client's check-ins from `start` up to and including `end`, oldest first."""
    statement = select(CheckIn).where(col(CheckIn.user_id) == user_id)
    if start is not None:
        statement = statement.where(col(CheckIn.day) >= start)
    if end is not None:
        statement = statement.where(col(CheckIn.day) <= end)
    return list((await session.exec(statement.order_by(col(CheckIn.day)))).all())


async def mark_noted(*, session: AsyncSession, user_id: int, day: date, at: datetime) -> bool:
    """The day's line was added to the next note: True the first time only (a second tap
    adds nothing), False when there is no line to add."""
    row = await on_day(session=session, user_id=user_id, day=day)
    if row is None or not row.text or row.noted_at is not None:
        return False
    row.noted_at = at
    await session.flush()
    return True
