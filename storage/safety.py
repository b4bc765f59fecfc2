"""The client's safety plan: one row each, the parts they wrote as encrypted JSON. Like
every repository module, functions take the session as a keyword argument and never
commit."""

from __future__ import annotations

import json

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import SafetyPlan
from storage.types import utc_now


async def get_plan(*, session: AsyncSession, user_id: int) -> dict[str, str] | None:
    """What the client wrote for each part of their plan (None: they never started one)."""
    plan = await session.get(SafetyPlan, user_id)
    return _decoded(plan.sections) if plan is not None else None


async def save_section(*, session: AsyncSession, user_id: int, section: str, text: str) -> None:
    """Write one part of the plan ("" clears it); the plan is made on first use."""
    plan = await session.get(SafetyPlan, user_id)
    if plan is None:
        plan = SafetyPlan(user_id=user_id)
    sections = _decoded(plan.sections)
    if text:
        sections[section] = text
    else:
        sections.pop(section, None)
    plan.sections = json.dumps(sections, sort_keys=True, ensure_ascii=False)
    plan.updated_at = utc_now()
    session.add(plan)


def _decoded(raw: str) -> dict[str, str]:
    found = json.loads(raw or "{}")
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
