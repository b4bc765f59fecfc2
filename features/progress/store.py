"""Storing how I've been, inside the turn's transaction."""

from __future__ import annotations

from features.kernel.store import Store, StoreContext
from features.progress.effects import RateWeek, SkipWeek
from storage import wellbeing


async def rate_week(effect: RateWeek, ctx: StoreContext) -> None:
    """One of the four (a second press changes it; rating one takes back a skip)."""
    await wellbeing.put_rating(
        session=ctx.session,
        user_id=ctx.user.id,
        session_date=effect.session_date,
        part=effect.part,
        rating=effect.rating,
        source=effect.source,
        at=ctx.now,
    )


async def skip_week(effect: SkipWeek, ctx: StoreContext) -> None:
    """The four skipped as a whole: ratings already given stay."""
    await wellbeing.skip(
        session=ctx.session,
        user_id=ctx.user.id,
        session_date=effect.session_date,
        source=effect.source,
        at=ctx.now,
    )


STORE: Store = {RateWeek: rate_week, SkipWeek: skip_week}
