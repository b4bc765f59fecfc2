"""Storing what safety decided: the country for crisis help, the client's safety plan."""

from __future__ import annotations

from features.kernel.store import Store, StoreContext
from features.safety.effects import SaveCountry, SaveSafetyPlan
from storage import clients, safety


async def save_country(effect: SaveCountry, ctx: StoreContext) -> None:
    """The country the client chose for crisis help (None: their time zone's)."""
    await clients.set_country(session=ctx.session, user_id=ctx.user.id, country=effect.country)
    ctx.user.country = effect.country


async def save_safety_plan(effect: SaveSafetyPlan, ctx: StoreContext) -> None:
    """One part of the client's safety plan, written ("" clears it)."""
    await safety.save_section(
        session=ctx.session, user_id=ctx.user.id, section=effect.section, text=effect.text
    )


STORE: Store = {SaveCountry: save_country, SaveSafetyPlan: save_safety_plan}
