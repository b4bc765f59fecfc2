"""/fit checks: started, a choice stored per press, finished; read back decoded. The
choices are encrypted at rest as one JSON text, and never logged. Like every repository
module, functions take the session as a keyword argument and never commit."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FitCheck


@dataclass(frozen=True, slots=True)
class FitRecord:
    """A check as plain data: whether the client saw the therapist yet, and their choices
    (item id -> choice code, "skip" for a skip)."""

    serial: int
    seeing_therapist: bool
    answers: dict[str, str]
    started_at: datetime
    finished_at: datetime | None


async def start(
    *, session: AsyncSession, user_id: int, serial: int, seeing_therapist: bool, at: datetime
) -> None:
    """A new check with no choices yet."""
    check = FitCheck(
        user_id=user_id, serial=serial, seeing_therapist=seeing_therapist, started_at=at
    )
    session.add(check)
    await session.flush()


async def save_choice(
    *, session: AsyncSession, user_id: int, serial: int, item: str, choice: str
) -> None:
    """One choice, replacing an earlier one for the same item."""
    check = await _check(session, user_id, serial)
    answers = _decoded(check.answers)
    answers[item] = choice
    check.answers = json.dumps(answers, sort_keys=True)
    session.add(check)


async def finish(*, session: AsyncSession, user_id: int, serial: int, at: datetime) -> None:
    """Close a check: the next one is compared with it."""
    check = await _check(session, user_id, serial)
    check.finished_at = at
    session.add(check)


async def open_check(*, session: AsyncSession, user_id: int) -> FitRecord | None:
    """The client's unfinished check (there is one at most)."""
    statement = (
        select(FitCheck)
        .where(col(FitCheck.user_id) == user_id, col(FitCheck.finished_at).is_(None))
        .order_by(col(FitCheck.serial).desc())
        .limit(1)
    )
    found = (await session.exec(statement)).first()
    return _record(found) if found is not None else None


async def latest_finished(*, session: AsyncSession, user_id: int) -> FitRecord | None:
    """The client's most recently finished check."""
    statement = (
        select(FitCheck)
        .where(col(FitCheck.user_id) == user_id, col(FitCheck.finished_at).is_not(None))
        .order_by(col(FitCheck.serial).desc())
        .limit(1)
    )
    found = (await session.exec(statement)).first()
    return _record(found) if found is not None else None


async def finished_checks(*, session: AsyncSession, user_id: int) -> list[FitRecord]:
    """Every finished check of the client, oldest first (for an export)."""
    statement = (
        select(FitCheck)
        .where(col(FitCheck.user_id) == user_id, col(FitCheck.finished_at).is_not(None))
        .order_by(col(FitCheck.serial))
    )
    return [_record(check) for check in (await session.exec(statement)).all()]


async def _check(session: AsyncSession, user_id: int, serial: int) -> FitCheck:
    statement = select(FitCheck).where(
        col(FitCheck.user_id) == user_id, col(FitCheck.serial) == serial
    )
    check = (await session.exec(statement)).first()
    if check is None:
        # The flow only names checks it was shown; this is a bug, not bad input.
        raise LookupError(f"fit check {serial} of this client does not exist")
    return check


def _record(check: FitCheck) -> FitRecord:
    return FitRecord(
        serial=check.serial,
        seeing_therapist=check.seeing_therapist,
        answers=_decoded(check.answers),
        started_at=check.started_at,
        finished_at=check.finished_at,
    )


def _decoded(stored: str) -> dict[str, str]:
    """The choices from their stored JSON; anything unexpected in it is left out."""
    try:
        value = json.loads(stored)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}
