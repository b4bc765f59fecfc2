"""Fixtures shared by every test: databases (SQLite and PostgreSQL); their helpers are in
tests/support/databases.py."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

import features.router  # noqa: F401  (installs the catalogue and the menu, as the bot does)
from storage.db import upgrade_schema
from tests.support.databases import encrypted_engine, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:
    """An empty database of each kind: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
        return
    async with fresh_postgres_database() as url:
        yield url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a database already migrated to the newest schema."""
    engine = encrypted_engine(database_url)
    await upgrade_schema(engine)
    yield engine
    await engine.dispose()
