"""The bot's database read (and held) directly, as an operator would, on SQLite or PostgreSQL.

Tests write SQLite's SQL: `?` placeholders, and expect values as SQLite hands them back (dates
as text, flags as 0/1), so one assertion holds on both databases. PostgreSQL is reached with
asyncpg on a thread of its own: `query` is called from synchronous checks (`until(lambda:
...)`) inside the tests' running event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import threading
from collections.abc import AsyncIterator, Coroutine
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import asyncpg

Row = tuple[object, ...]
T = TypeVar("T")

_SQLITE = "sqlite+aiosqlite:///"
# A quoted literal (left as it is) or a `?` placeholder (numbered for asyncpg).
_PLACEHOLDER = re.compile(r"'[^']*'|\?")


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
