"""Keeping a client's planned prompts in step with their schedule (inside a transaction)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from features.schedule.planning import plan, preferences_of, schedule_of
from storage import schedules
from storage.models import Schedule


async def plan_prompts(
    session: AsyncSession, row: Schedule, time_zone: str | None, now: datetime, *, afresh: bool
) -> None:
    """Plan the client's prompts from `now`: `afresh` after the schedule changed (pending
    ones are dropped first), else only adding what is missing."""
    if time_zone is None:
        return
    planned = plan(schedule_of(row, time_zone), preferences_of(row), now)
    if afresh:
        await schedules.replan(session=session, user_id=row.user_id, planned=planned)
    else:
        await schedules.ensure(session=session, user_id=row.user_id, planned=planned)
