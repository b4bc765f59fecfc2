"""Repository functions. Each takes the session as a keyword argument and never commits:
the caller owns the transaction, so an answer and the state that follows it commit together."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import FlowState, User
from storage.types import utc_now


async def get_user(*, session: AsyncSession, user_id: int) -> User | None:
    """The client with this Telegram id, if they have ever written."""
    return await session.get(User, user_id)


async def get_or_create_user(
    *,
    session: AsyncSession,
    user_id: int,
    chat_id: int,
    language: str | None,
    admission: str | None = None,
) -> User:
    """The client, created on first contact (their /start; `admission` says how they were
    let in, features.privacy.access), locked until the transaction ends.

    The lock (a row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE locks the whole database)
    serializes one client's turns even across bot processes. Writing again marks a client who
    had blocked the bot active again.
    """
    statement = select(User).where(col(User.id) == user_id).with_for_update()
    user = (await session.exec(statement)).first()
    if user is None:
        # First contact. Another process may be creating the same client right now: insert
        # if absent, then read (and lock) whichever row won.
        await insert_if_absent(
            session,
            User,
            id=user_id,
            chat_id=chat_id,
            language=_language(language),
            admission=admission,
        )
        user = (await session.exec(statement)).one()
    return _reactivated(session, user, chat_id)


async def lock_user(*, session: AsyncSession, user_id: int) -> User | None:
    """The client, locked until the transaction ends as `get_or_create_user` does, or None
    for someone the bot keeps nothing about: only /start creates a client. Unchanged: see
    `reactivate` once they are let in."""
    statement = select(User).where(col(User.id) == user_id).with_for_update()
    return (await session.exec(statement)).first()


async def lock_client_with_flow(
    *, session: AsyncSession, user_id: int
) -> tuple[User, FlowState] | None:
    """The client and their conversation state, read and locked together in one statement
    (FOR UPDATE over the join locks both rows on PostgreSQL; SQLite's BEGIN IMMEDIATE holds
    the database already). None for someone the bot keeps nothing about, or a client
    without a flow row yet: then `lock_user` and `load_flow`, as on first contact."""
    statement = (
        select(User, FlowState)
        .join(FlowState, col(FlowState.user_id) == col(User.id))
        .where(col(User.id) == user_id)
        .with_for_update()
    )
    found = (await session.exec(statement)).first()
    return (found[0], found[1]) if found is not None else None


def reactivate(*, session: AsyncSession, user: User, chat_id: int) -> User:
    """A client who writes is reachable again (they had blocked the bot), in this chat."""
    return _reactivated(session, user, chat_id)


async def set_admission(*, session: AsyncSession, user_ids: Iterable[int], admission: str) -> int:
    """Record how these clients are admitted now (features.privacy.access); returns how
    many changed."""
    ids = list(user_ids)
    if not ids:
        return 0
    result = await session.exec(
        update(User).where(col(User.id).in_(ids)).values(admission=admission, updated_at=utc_now())
    )
    return int(result.rowcount or 0)


def _reactivated(session: AsyncSession, user: User, chat_id: int) -> User:
    if not user.active or user.chat_id != chat_id:
        user.active = True
        user.chat_id = chat_id
        user.updated_at = utc_now()
        session.add(user)
    return user


def _language(code: str | None) -> str:
    """Telegram's IETF tag ("en-GB") reduced to the language we can speak ("en")."""
    if not code:
        return "en"
    return code.split("-", 1)[0].lower()[:16] or "en"


async def set_time_zone(*, session: AsyncSession, user_id: int, time_zone: str) -> None:
    """Remember the client's time zone (an IANA name or a fixed "UTC+05:30")."""
    await session.exec(
        update(User)
        .where(col(User.id) == user_id)
        .values(time_zone=time_zone, updated_at=utc_now())
    )


async def set_language(*, session: AsyncSession, user_id: int, language: str) -> None:
    """Remember the language the client chose to be spoken to in (a code: "de")."""
    await session.exec(
        update(User)
        .where(col(User.id) == user_id)
        .values(language=_language(language), updated_at=utc_now())
    )


async def set_country(*, session: AsyncSession, user_id: int, country: str | None) -> None:
    """Remember the country the client chose for crisis help (None: their time zone's)."""
    await session.exec(
        update(User).where(col(User.id) == user_id).values(country=country, updated_at=utc_now())
    )


async def set_active(*, session: AsyncSession, user_id: int, active: bool) -> bool:
    """Mark a client as reachable or not (they blocked the bot). False if unknown."""
    result = await session.exec(
        update(User).where(col(User.id) == user_id).values(active=active, updated_at=utc_now())
    )
    return bool(result.rowcount)


async def load_flow(*, session: AsyncSession, user_id: int) -> FlowState:
    """The client's conversation state (a fresh idle one the first time), locked for this
    transaction. The client must exist: call `get_or_create_user` first."""
    statement = select(FlowState).where(col(FlowState.user_id) == user_id).with_for_update()
    flow = (await session.exec(statement)).first()
    if flow is None:
        await insert_if_absent(session, FlowState, user_id=user_id, data={})
        flow = (await session.exec(statement)).one()
    return flow


async def lock_clients(*, session: AsyncSession, user_ids: Iterable[int]) -> set[int]:
    """Those of these clients who still exist, held until the transaction ends against a
    turn of theirs (which locks its client FOR UPDATE) and against /delete.

    For work outside a turn that writes a client's rows (the dispatcher, planning after
    start): it takes its locks in a turn's order, the client before their prompts and
    notes, so the two wait for each other instead of deadlocking on PostgreSQL; in id order,
    so two such jobs can't deadlock each other either. FOR KEY SHARE: such jobs don't block
    one another. SQLite ignores it: BEGIN IMMEDIATE already serializes every writer."""
    ids = sorted(set(user_ids))
    if not ids:
        return set()
    statement = (
        select(User.id)
        .where(col(User.id).in_(ids))
        .order_by(col(User.id))
        .with_for_update(key_share=True)
    )
    return set((await session.exec(statement)).all())


# How many of a client's update ids are remembered to recognise a redelivered update.
RECENT_UPDATES = 32


def already_handled(flow: FlowState, update_id: int) -> bool:
    """Whether this update of the client's was handled (and committed) before."""
    return update_id in flow.recent_updates


async def save_flow(
    *,
    session: AsyncSession,
    flow: FlowState,
    step: str,
    data: dict[str, Any],
    update_id: int | None = None,
    sealed: str | None = None,
) -> FlowState:
    """Store where the client is now, and which update brought them there, with any words
    the step holds for a moment (`sealed`, encrypted); the caller commits it with whatever
    was answered."""
    flow.step = step
    flow.data = dict(data)
    flow.sealed = sealed
    flow.version += 1
    flow.updated_at = utc_now()
    if update_id is not None:
        # A new list, so SQLAlchemy sees the JSON column change.
        flow.recent_updates = [*flow.recent_updates, update_id][-RECENT_UPDATES:]
    session.add(flow)
    return flow


async def insert_if_absent(session: AsyncSession, model: type[SQLModel], **values: Any) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: safe when two processes create the same row."""
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    # Column defaults (timestamps, flags) come from the model, as an ORM insert would.
    row = model.model_validate(values).model_dump()
    # A surrogate key left unset is the database's to assign (PostgreSQL rejects NULL).
    if row.get("id") is None:
        row.pop("id", None)
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.exec(insert(table).values(**row).on_conflict_do_nothing())


async def insert_all_if_absent(
    session: AsyncSession, model: type[SQLModel], rows: list[dict[str, Any]]
) -> None:
    """insert_if_absent for many rows in one round trip (a burst of prompts goes out in
    groups: one call per group instead of one per row). The rows must have the same keys;
    defaults are the model's, the same for all (one `created_at` for the lot)."""
    if not rows:
        return
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    # Validating once, not per row: pydantic was a tenth of the bot's time in a burst.
    defaults = model.model_validate(rows[0]).model_dump()
    if defaults.get("id") is None:
        defaults.pop("id", None)
    values = [{**defaults, **given} for given in rows]
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # Parameters apart from the statement: executemany, and a statement compiled once.
    await session.exec(insert(table).on_conflict_do_nothing(), params=values)


async def count_active(*, connection: AsyncConnection, since: datetime) -> int:
    """How many clients' conversations moved since `since` (every turn saves the flow
    state): one COUNT over a row per client, for the operator's metrics."""
    query = select(func.count()).select_from(FlowState).where(col(FlowState.updated_at) >= since)
    return int(await connection.scalar(query) or 0)
