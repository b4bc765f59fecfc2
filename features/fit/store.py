"""Storing what /fit decided: a check begun, each choice, the check finished."""

from __future__ import annotations

from features.fit.effects import FinishFit, SaveFitChoice, StartFit
from features.kernel.store import Store, StoreContext
from storage import fits


async def start_fit(effect: StartFit, ctx: StoreContext) -> None:
    """The client's new /fit check."""
    await fits.start(
        session=ctx.session,
        user_id=ctx.user.id,
        serial=effect.serial,
        seeing_therapist=effect.seeing_therapist,
        at=ctx.now,
    )


async def save_fit_choice(effect: SaveFitChoice, ctx: StoreContext) -> None:
    """The client's choice for one item ("skip" for a skip)."""
    await fits.save_choice(
        session=ctx.session,
        user_id=ctx.user.id,
        serial=effect.serial,
        item=effect.item,
        choice=effect.choice,
    )


async def finish_fit(effect: FinishFit, ctx: StoreContext) -> None:
    """A check closed: the one the next is compared with."""
    await fits.finish(session=ctx.session, user_id=ctx.user.id, serial=effect.serial, at=ctx.now)


STORE: Store = {StartFit: start_fit, SaveFitChoice: save_fit_choice, FinishFit: finish_fit}
