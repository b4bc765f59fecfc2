"""A fresh database for each run of the full bot, and reading it back afterwards."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

KINDS = ("sqlite", "postgresql")
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_server_url() -> str:
    """The PostgreSQL server to create benchmark databases on (BENCH_POSTGRES_URL)."""
    return os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)


@dataclass(frozen=True)
class BenchDatabase:
    """A database the bot uses (`url`, as DATABASE_URL) and the benchmark reads back."""

    kind: str
    url: str

    async def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a read-only query, as an operator would, outside the bot."""
        if self.kind == "sqlite":
            return await asyncio.to_thread(_sqlite_rows, self.url, sql)
        connection = await asyncpg.connect(self.url)
        try:
            return [tuple(record) for record in await connection.fetch(sql)]
        finally:
            await connection.close()


def _sqlite_rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    path = url.split(":///", 1)[1]
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute(sql).fetchall()


@contextlib.asynccontextmanager
async def fresh_database(kind: str, workdir: Path) -> AsyncIterator[BenchDatabase]:
    """An empty database: a file in `workdir`, or a new PostgreSQL database dropped after."""
    if kind == "sqlite":
        yield BenchDatabase(kind, f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}")
        return
    server = postgres_server_url()
    name = f"bench_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(server, timeout=5)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield BenchDatabase(kind, urlunsplit(urlsplit(server)._replace(path=f"/{name}")))
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def postgres_unavailable() -> str | None:
    """Why the PostgreSQL server can't be used, or None when it answers."""
    try:
        connection = await asyncpg.connect(postgres_server_url(), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError) as problem:
        where = urlsplit(postgres_server_url())
        return f"no PostgreSQL at {where.hostname}:{where.port or 5432}: {type(problem).__name__}"
    await connection.close()
    return None
