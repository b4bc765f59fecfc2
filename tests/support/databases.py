"""The tests' databases: a fresh PostgreSQL database, an engine with its cipher as the bot
sets one up, and the bot's database read (and held) directly, as an operator would, on SQLite
or PostgreSQL.

Tests write SQLite's SQL: `?` placeholders, and expect values as SQLite hands them back (dates
as text, flags as 0/1), so one assertion holds on both databases. PostgreSQL is reached with
asyncpg on a thread of its own: `query` is called from synchronous checks (`until(lambda:
...)`) inside the tests' running event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sqlite3
import threading
import uuid
from collections.abc import AsyncIterator, Coroutine
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from cryptography.fernet import MultiFernet
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.crypto import KeyFile, attach_cipher, cipher_from, new_key
from storage.db import create_engine

Row = tuple[object, ...]
T = TypeVar("T")

_SQLITE = "sqlite+aiosqlite:///"
# A quoted literal (left as it is) or a `?` placeholder (numbered for asyncpg).
_PLACEHOLDER = re.compile(r"'[^']*'|\?")


# Where the PostgreSQL tests find a server; they are skipped, saying so, when none answers.
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


async def _postgres_available() -> str | None:
    try:
        connection = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=3)
    except (OSError, asyncpg.PostgresError) as problem:
        return f"no PostgreSQL at TEST_POSTGRES_URL={POSTGRES_URL} ({type(problem).__name__})"
    await connection.close()
    return None


@contextlib.asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards; the test is skipped,
    naming TEST_POSTGRES_URL, when no server answers there."""
    reason = await _postgres_available()
    if reason is not None:
        pytest.skip(reason)
    name = f"rc_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_dsn(POSTGRES_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base, _, _ = POSTGRES_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        admin = await asyncpg.connect(_dsn(POSTGRES_URL))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


def encrypted_engine(
    database_url: str,
    keys: str | None = None,
    *,
    key_file: Path | None = None,
    cipher: MultiFernet | KeyFile | None = None,
) -> AsyncEngine:
    """An engine on the database whose encrypted columns use, as the bot would: `cipher`;
    else `keys` (ENCRYPTION_KEY: comma-separated, newest first); else the key file (made the
    first time); else a fresh key of its own."""
    if cipher is None:
        if keys is None and key_file is None:
            keys = new_key()
        cipher = cipher_from(keys, key_file or Path("unused"))
    engine = create_engine(database_url)
    attach_cipher(engine, cipher)
    return engine


def on_sqlite(database_url: str) -> bool:
    return database_url.startswith("sqlite")


def sqlite_path(database_url: str) -> str:
    assert on_sqlite(database_url), "a SQLite database was expected"
    return database_url.removeprefix(_SQLITE)


def query(database_url: str, sql: str, *params: object) -> list[Row]:
    """Run one statement (committed at once) and return its rows."""
    if on_sqlite(database_url):
        connection = sqlite3.connect(sqlite_path(database_url))
        with contextlib.closing(connection), connection:  # closed, after a commit
            return connection.execute(sql, params).fetchall()
    return _on_own_thread(_postgres_query(database_url, _numbered(sql), params))


def every_row(database_url: str) -> dict[str, list[Row]]:
    """Every row of every table, by table name."""
    if on_sqlite(database_url):
        names = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        names = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    tables = [str(name) for (name,) in query(database_url, names)]
    return {table: query(database_url, f'SELECT * FROM "{table}"') for table in tables}


@contextlib.asynccontextmanager
async def write_lock(database_url: str, user_id: int) -> AsyncIterator[None]:
    """Hold what a turn of this client must wait for: SQLite's write lock (an operator's
    open shell, a backup), or on PostgreSQL the client's row, locked FOR UPDATE."""
    if on_sqlite(database_url):
        lock = sqlite3.connect(sqlite_path(database_url), isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        return
    connection = await asyncpg.connect(_dsn(database_url))
    held = connection.transaction()
    await held.start()
    try:
        await connection.execute("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", user_id)
        yield
    finally:
        await held.rollback()
        await connection.close()


def _dsn(database_url: str) -> str:
    return database_url.replace("postgresql+asyncpg://", "postgresql://", 1)


def _numbered(sql: str) -> str:
    """SQLite's `?` placeholders as PostgreSQL's `$1, $2, ...`."""
    count = 0

    def number(found: re.Match[str]) -> str:
        nonlocal count
        if found.group() != "?":
            return found.group()
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


async def _postgres_query(database_url: str, sql: str, params: tuple[object, ...]) -> list[Row]:
    connection = await asyncpg.connect(_dsn(database_url))
    try:
        rows = await connection.fetch(sql, *params)
    finally:
        await connection.close()
    return [tuple(_as_sqlite_gives_it(value) for value in row) for row in rows]


def _as_sqlite_gives_it(value: object) -> object:
    """A PostgreSQL value as SQLite (through SQLAlchemy's storage formats) would return it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        moment = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        return moment.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _on_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end on a new event loop in another thread (this one's loop
    may be running, and must not be re-entered)."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as problem:
            failure.append(problem)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]
