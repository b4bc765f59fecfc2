"""How I've been: the client's four ratings of the week before each session, one row per
session date. Functions take the session as a keyword argument and never commit."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Wellbeing

# The four ratings, in the order they are asked.
PARTS = ("myself", "close", "daily", "overall")


async def for_session(
    *, session: AsyncSession, user_id: int, session_date: date
) -> Wellbeing | None:
    """The client's ratings leading up to the session on `session_date`, if any."""
    statement = select(Wellbeing).where(
        col(Wellbeing.user_id) == user_id, col(Wellbeing.session_date) == session_date
    )
    return (await session.exec(statement)).first()


async def _row(
    session: AsyncSession, user_id: int, session_date: date, source: str, at: datetime
) -> Wellbeing:
    row = await for_session(session=session, user_id=user_id, session_date=session_date)
    if row is None:
        row = Wellbeing(
            user_id=user_id, session_date=session_date, source=source, answered_at=at,
            updated_at=at,
        )  # fmt: skip
        session.add(row)
    return row


async def put_rating(
    *,
    session: AsyncSession,
    user_id: int,
    session_date: date,
    part: str,
    rating: int,
    source: str,
    at: datetime,
) -> Wellbeing:
    """Keep one of the four ratings (a second press changes it). Rating one after skipping
    the whole takes the skip back."""
    if part not in PARTS or not 0 <= rating <= 10:
        raise ValueError("no such rating")
    row = await _row(session, user_id, session_date, source, at)
    setattr(row, part, rating)
    row.skipped = False
    row.updated_at = at
    await session.flush()
    return row


async def skip(
    *, session: AsyncSession, user_id: int, session_date: date, source: str, at: datetime
) -> Wellbeing:
    """The client skipped the four as a whole: kept, so they aren't asked again that week;
    ratings already given stay."""
    row = await _row(session, user_id, session_date, source, at)
    row.skipped = True
    row.updated_at = at
    await session.flush()
    return row


async def history(
    *, session: AsyncSession, user_id: int, since: date | None = None
) -> list[Wellbeing]:
    """The client's rows, oldest session first (from `since` on, when given)."""
    statement = select(Wellbeing).where(col(Wellbeing.user_id) == user_id)
    if since is not None:
        statement = statement.where(col(Wellbeing.session_date) >= since)
    statement = statement.order_by(col(Wellbeing.session_date))
    return list((await session.exec(statement)).all())
