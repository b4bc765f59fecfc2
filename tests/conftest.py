"""Fixtures shared by every test: databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.crypto import attach_cipher, cipher_from, new_key
from storage.db import create_engine, upgrade_schema

# Where the PostgreSQL tests find a server; they are skipped, saying so, when none answers.
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def _server_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _postgres_available() -> str | None:
    try:
        connection = await asyncpg.connect(_server_dsn(POSTGRES_URL), timeout=3)
    except (OSError, asyncpg.PostgresError) as problem:
        return f"no PostgreSQL at TEST_POSTGRES_URL={POSTGRES_URL} ({type(problem).__name__})"
    await connection.close()
    return None


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:
    """An empty database of each kind: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
        return
    async with fresh_postgres_database() as url:
        yield url


@contextlib.asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards; the test is skipped,
    naming TEST_POSTGRES_URL, when no server answers there."""
    reason = await _postgres_available()
    if reason is not None:
        pytest.skip(reason)
    name = f"rc_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_server_dsn(POSTGRES_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base, _, _ = POSTGRES_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        admin = await asyncpg.connect(_server_dsn(POSTGRES_URL))
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a database already migrated to the newest schema."""
    engine = create_engine(database_url)
    attach_cipher(engine, cipher_from(new_key(), Path("unused")))
    await upgrade_schema(engine)
    yield engine
    await engine.dispose()
