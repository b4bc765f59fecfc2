"""Reading what the check-in's buttons read (features/checkin/loaded.py), in the turn's
transaction."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from features.checkin.flow import pressed_day
from features.checkin.loaded import CheckInLine
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State
from storage import checkins
from storage.models import User


async def load_line(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> CheckInLine:
    day = pressed_day(event)
    if day is None:
        return CheckInLine()
    found = await checkins.on_day(session=session, user_id=user.id, day=day)
    if found is None or not found.text:
        return CheckInLine()
    return CheckInLine(found.text, found.noted_at is not None)


LINE = Need(CheckInLine, load_line)
