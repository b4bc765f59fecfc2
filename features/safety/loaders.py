"""Reading the client's safety plan (features/safety/loaded.py), in the turn's transaction."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State
from features.safety.loaded import SafetyPlan
from storage import safety
from storage.models import User


async def load_plan(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> SafetyPlan:
    return SafetyPlan(await safety.get_plan(session=session, user_id=user.id))


PLAN = Need(SafetyPlan, load_plan)
