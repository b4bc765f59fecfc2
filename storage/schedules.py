"""The client's session schedule and the prompts planned around it. Functions take the
session as a keyword argument and never commit; the caller's transaction does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.clients import insert_all_if_absent, insert_if_absent
from storage.models import Prompt, Schedule, User
from storage.types import utc_now

PENDING = "pending"
SENDING = "sending"
INTERRUPTED = "interrupted"


@dataclass(frozen=True, slots=True)
class Planned:
    """A prompt to exist: its kind, the session it belongs to, and when it is due."""

    kind: str
    session_date: date
    due_at: datetime


async def get_schedule(*, session: AsyncSession, user_id: int) -> Schedule | None:
    """The client's schedule, if they set one."""
    return await session.get(Schedule, user_id)


async def save_schedule(*, session: AsyncSession, schedule: Schedule) -> None:
    """Store the client's schedule (new or changed)."""
    schedule.updated_at = utc_now()
    await session.merge(schedule)


async def replan(*, session: AsyncSession, user_id: int, planned: Iterable[Planned]) -> None:
    """After the schedule changed: drop the client's prompts not yet sent, plan these."""
    await session.exec(
        delete(Prompt).where(col(Prompt.user_id) == user_id, col(Prompt.status) == PENDING)
    )
    await ensure(session=session, user_id=user_id, planned=planned)


async def ensure(*, session: AsyncSession, user_id: int, planned: Iterable[Planned]) -> None:
    """Make sure these prompts exist; one already planned (or sent) for the same session
    and kind is left as it is."""
    for item in planned:
        await insert_if_absent(
            session,
            Prompt,
            user_id=user_id,
            kind=item.kind,
            session_date=item.session_date,
            due_at=item.due_at,
        )


async def ensure_many(*, session: AsyncSession, planned: Iterable[tuple[int, Planned]]) -> None:
    """`ensure` for many clients at once, in one statement: (client id, prompt) pairs."""
    rows = [
        {"user_id": user_id, "kind": item.kind, "session_date": item.session_date,
         "due_at": item.due_at}
        for user_id, item in planned
    ]  # fmt: skip
    await insert_all_if_absent(session, Prompt, rows)


async def due(*, session: AsyncSession, now: datetime, limit: int) -> list[Prompt]:
    """Pending prompts whose time has come, oldest first. Uses the (status, due_at) index,
    so the cost follows the prompts due, not the number of clients."""
    statement = (
        select(Prompt)
        .where(col(Prompt.status) == PENDING, col(Prompt.due_at) <= now)
        .order_by(col(Prompt.due_at))
        .limit(limit)
    )
    return list((await session.exec(statement)).all())


async def next_due(*, session: AsyncSession, user_id: int) -> datetime | None:
    """When the client's next pending prompt is due, if any (the demo's /next)."""
    statement = (
        select(Prompt.due_at)
        .where(col(Prompt.user_id) == user_id, col(Prompt.status) == PENDING)
        .order_by(col(Prompt.due_at))
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def claim(*, session: AsyncSession, prompt_id: int) -> bool:
    """Take a pending prompt for sending. Only one claimant ever succeeds: the update is
    conditional on the status, so another dispatcher (or process) finds nothing to take."""
    result = await session.exec(
        update(Prompt)
        .where(col(Prompt.id) == prompt_id, col(Prompt.status) == PENDING)
        .values(status=SENDING, attempts=col(Prompt.attempts) + 1)
    )
    return bool(result.rowcount)


async def claim_many(*, session: AsyncSession, prompt_ids: Sequence[int]) -> list[Prompt]:
    """Take those of these prompts that are still pending, in one statement; each row's
    update is conditional on its status, so of several claimants only one gets a prompt.
    Returns the prompts taken.

    On PostgreSQL, rows another replica is claiming right now are skipped (SKIP LOCKED), not
    waited for: they are that replica's. SQLite has one writer at a time and ignores it."""
    if not prompt_ids:
        return []
    free = (
        select(Prompt.id)
        .where(col(Prompt.id).in_(prompt_ids), col(Prompt.status) == PENDING)
        .with_for_update(skip_locked=True)
    )
    result = await session.exec(
        update(Prompt)
        .where(col(Prompt.id).in_(free.scalar_subquery()), col(Prompt.status) == PENDING)
        .values(status=SENDING, attempts=col(Prompt.attempts) + 1)
        .returning(Prompt)
    )
    return sorted(result.scalars().all(), key=lambda prompt: prompt.id or 0)


async def owners(*, session: AsyncSession, prompt_ids: Sequence[int]) -> set[int]:
    """The clients these prompts belong to (to lock before claiming them)."""
    if not prompt_ids:
        return set()
    statement = select(Prompt.user_id).where(col(Prompt.id).in_(prompt_ids)).distinct()
    return set((await session.exec(statement)).all())


async def clients_of(
    *, session: AsyncSession, user_ids: Iterable[int]
) -> dict[int, tuple[User, Schedule | None]]:
    """These clients, each with their schedule if they set one."""
    statement = (
        select(User, Schedule)
        .join(Schedule, col(Schedule.user_id) == col(User.id), isouter=True)
        .where(col(User.id).in_(set(user_ids)))
    )
    return {user.id: (user, row) for user, row in (await session.exec(statement)).all()}


async def settle(
    *, session: AsyncSession, prompt_id: int, status: str, sent_at: datetime | None = None
) -> None:
    """Record how a claimed prompt ended: sent, missed, undeliverable..."""
    values: dict[str, object] = {"status": status}
    if sent_at is not None:
        values["sent_at"] = sent_at
    await session.exec(update(Prompt).where(col(Prompt.id) == prompt_id).values(**values))


# A prompt this process claimed and is sending: `interrupted` too, which another replica,
# starting, took it for (a dead process's) while this one was sending it.
CLAIMED = (SENDING, INTERRUPTED)


async def settle_many(
    *,
    session: AsyncSession,
    prompt_ids: Sequence[int],
    status: str,
    sent_at: datetime | None = None,
) -> set[int]:
    """`settle` for many claimed prompts ending alike, in one statement. Only those still
    claimed: one the client has meanwhile answered (its button pressed before the send was
    recorded) stays answered, and one put off ("Later") stays put off. Returns the ids
    recorded."""
    if not prompt_ids:
        return set()
    values: dict[str, object] = {"status": status}
    if sent_at is not None:
        values["sent_at"] = sent_at
    result = await session.exec(
        update(Prompt)
        .where(col(Prompt.id).in_(prompt_ids), col(Prompt.status).in_(CLAIMED))
        .values(**values)
        .returning(col(Prompt.id))
        # Nothing loaded here is read after: skip matching the update against the session.
        .execution_options(synchronize_session=False)
    )
    return {prompt_id for (prompt_id,) in result.all()}


async def retry_later(*, session: AsyncSession, prompt_id: int, due_at: datetime) -> bool:
    """Put a claimed prompt back, to try again at `due_at` (a send that failed). Not one the
    client has meanwhile pressed: a send can fail after reaching them (the answer lost on
    the way back), and sending it again would undo their choice. Whether it was put back."""
    result = await session.exec(
        update(Prompt)
        .where(col(Prompt.id) == prompt_id, col(Prompt.status).in_(CLAIMED))
        .values(status=PENDING, due_at=due_at)
    )
    return bool(result.rowcount)


async def of_client(*, session: AsyncSession, user_id: int, prompt_id: int) -> Prompt | None:
    """One of the client's own prompts (a pressed button names it; another's is None)."""
    prompt = await session.get(Prompt, prompt_id)
    return prompt if prompt is not None and prompt.user_id == user_id else None


async def close_session_prompts(
    *, session: AsyncSession, user_id: int, session_date: date, status: str
) -> None:
    """The client answered or skipped a session's prompt: its reminder is not needed."""
    await session.exec(
        update(Prompt)
        .where(
            col(Prompt.user_id) == user_id,
            col(Prompt.session_date) == session_date,
            # Sending, too: its button may be pressed before the send is recorded.
            col(Prompt.status).in_([PENDING, "sent", SENDING, INTERRUPTED]),
            col(Prompt.kind).in_(["reflection", "reminder"]),
        )
        .values(status=status)
    )


async def snooze(*, session: AsyncSession, user_id: int, prompt_id: int, due_at: datetime) -> bool:
    """Ask again later: the sent prompt becomes pending again, due at `due_at` (also one
    whose send isn't recorded yet: the record then leaves it pending)."""
    result = await session.exec(
        update(Prompt)
        .where(
            col(Prompt.id) == prompt_id,
            col(Prompt.user_id) == user_id,
            col(Prompt.status).in_(["sent", SENDING, INTERRUPTED]),
        )
        .values(status=PENDING, due_at=due_at)
    )
    return bool(result.rowcount)


async def interrupted(*, session: AsyncSession) -> int:
    """On start: prompts left 'sending' by a process that died mid-send. Whether they
    reached the client is unknown; sending again risks a duplicate (at 3 a.m., perhaps),
    so they are marked and not resent. Returns how many. With several replicas this also
    marks sends another one has under way; that one still records them (`settle_many`)."""
    # Rows a live replica is recording right now are locked: skipped, not waited for (that
    # could deadlock with its record and stop this replica starting); the record settles them.
    sending = (
        select(Prompt.id).where(col(Prompt.status) == SENDING).with_for_update(skip_locked=True)
    )
    result = await session.exec(
        update(Prompt)
        .where(col(Prompt.id).in_(sending.scalar_subquery()), col(Prompt.status) == SENDING)
        .values(status=INTERRUPTED)
    )
    return int(result.rowcount or 0)


async def unplanned(
    *,
    session: AsyncSession,
    after_user_id: int,
    limit: int,
    among: Iterable[int] | None = None,
) -> list[Schedule]:
    """Schedules (not paused) with no pending prompt, in client order from `after_user_id`:
    after a long outage these need planning. Read in batches, so no one transaction holds
    the write lock for long. `among`: only these clients' schedules, read afresh (once
    they are locked: a turn may have changed or planned them since the first read)."""
    pending = select(Prompt.id).where(
        col(Prompt.user_id) == col(Schedule.user_id), col(Prompt.status) == PENDING
    )
    statement = (
        select(Schedule)
        .where(
            col(Schedule.user_id) > after_user_id,
            col(Schedule.paused).is_(False),
            ~pending.exists(),
        )
        .order_by(col(Schedule.user_id))
        .limit(limit)
    )
    if among is not None:
        statement = statement.where(col(Schedule.user_id).in_(set(among))).execution_options(
            populate_existing=True
        )
    return list((await session.exec(statement)).all())
