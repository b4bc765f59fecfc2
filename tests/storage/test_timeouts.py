"""The bot's engine bounds every wait on PostgreSQL: the server ends a long statement or a
transaction left idle, both ends send TCP keepalives, and a statement that runs too long
is refused without taking the database for down. (A database that goes silent altogether:
tests/drills/test_frozen_database.py.)"""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import SERVING, Database, conflicting_write, create_engine, unreachable
from tests.support.databases import fresh_postgres_database


@pytest.fixture
async def serving() -> AsyncIterator[AsyncEngine]:
    """The running bot's engine, on a fresh PostgreSQL database."""
    async with fresh_postgres_database() as url:
        engine = create_engine(url, SERVING)
        yield engine
        await engine.dispose()


async def test_the_bots_engine_has_the_server_bound_long_statements_and_idle_transactions(
    serving: AsyncEngine,
):
    async with serving.connect() as connection:
        shown = {
            name: (await connection.execute(text(f"SHOW {name}"))).scalar_one()
            for name in (
                "lock_timeout",
                "statement_timeout",
                "idle_in_transaction_session_timeout",
                "tcp_keepalives_idle",
                "tcp_keepalives_interval",
                "tcp_keepalives_count",
            )
        }
        raw = await connection.get_raw_connection()
        sock = raw.driver_connection._transport.get_extra_info("socket")
        keepalive = sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
    assert shown == {
        "lock_timeout": "3s",
        "statement_timeout": "4s",
        "idle_in_transaction_session_timeout": "15s",
        "tcp_keepalives_idle": "30",
        "tcp_keepalives_interval": "10",
        "tcp_keepalives_count": "3",
    }
    assert keepalive == 1


async def test_a_statement_past_the_limit_is_cancelled_and_the_database_stays_up(
    serving: AsyncEngine,
):
    database = Database(serving)
    started = time.monotonic()
    with pytest.raises(DBAPIError) as caught:
        async with database.transaction() as session:
            await (await session.connection()).execute(text("SELECT pg_sleep(30)"))
    waited = time.monotonic() - started
    # The server's own cancellation: the connection was fine, the database is not down.
    assert getattr(caught.value.orig, "sqlstate", None) == "57014"
    assert unreachable(caught.value) is None
    assert waited < 15, waited  # liveness only: without the limit it would be 30 s
    async with database.transaction() as session:
        assert (await (await session.connection()).execute(text("SELECT 1"))).scalar_one() == 1


async def test_a_lock_held_past_the_limit_is_a_lost_race_to_try_again(serving: AsyncEngine):
    database = Database(serving)
    async with database.transaction() as session:
        await (await session.connection()).execute(text("CREATE TABLE held (id int)"))
    async with serving.connect() as holder:
        await holder.execute(text("LOCK TABLE held IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(DBAPIError) as caught:
            async with database.transaction() as session:
                await (await session.connection()).execute(text("SELECT * FROM held"))
        await holder.rollback()
    assert conflicting_write(caught.value) is not None  # so a turn is tried again
    assert unreachable(caught.value) is None
