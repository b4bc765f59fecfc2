"""Reading what /fit reads (features/fit/loaded.py), in the turn's transaction."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from features.fit.loaded import FitChecks, FitView
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State
from storage import fits
from storage.models import User


def _view(found: fits.FitRecord | None) -> FitView | None:
    if found is None:
        return None
    return FitView(
        found.serial, found.seeing_therapist, found.answers, found.started_at, found.finished_at
    )


async def load_checks(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> FitChecks:
    """The client's unfinished check and their last finished one."""
    return FitChecks(
        _view(await fits.open_check(session=session, user_id=user.id)),
        _view(await fits.latest_finished(session=session, user_id=user.id)),
    )


CHECKS = Need(FitChecks, load_checks)
