"""The migrations take an empty database to the newest schema, and match the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables)
from storage.db import create_engine, upgrade_schema
from tests.support.databases import encrypted_engine


async def test_an_empty_database_is_migrated_to_head_twice_without_harm(database_url: str):
    engine = create_engine(database_url)
    try:
        await upgrade_schema(engine)
        await upgrade_schema(engine)  # a restart upgrades again: nothing to do, no error
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            version = await connection.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision()
            )
    finally:
        await engine.dispose()
    assert set(SQLModel.metadata.tables) <= tables
    assert version is not None


async def test_the_models_match_the_migrations(engine: AsyncEngine):
    def differences(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)

    async with engine.connect() as connection:
        diff = await connection.run_sync(differences)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"


async def test_replicas_starting_together_migrate_once_without_error(database_url: str):
    import asyncio

    import pytest

    if not database_url.startswith("postgresql"):
        # Replicas are a PostgreSQL deployment; two processes creating one new SQLite file
        # at the same instant can still meet "database is locked" switching it to WAL.
        pytest.skip("replicas run on PostgreSQL")
    engines = [create_engine(database_url) for _ in range(3)]
    try:
        await asyncio.gather(*(upgrade_schema(engine) for engine in engines))
        async with engines[0].connect() as connection:
            version = await connection.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision()
            )
    finally:
        for engine in engines:
            await engine.dispose()
    assert version is not None


async def test_topics_kept_before_are_encrypted_by_the_migration(database_url: str):
    from alembic import command
    from sqlalchemy import text

    from storage.crypto import cipher_from, new_key
    from storage.db import alembic_config

    def upgrade_to(revision: str):  # type: ignore[no-untyped-def]
        def run(connection):  # type: ignore[no-untyped-def]
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        return run

    cipher = cipher_from(new_key(), Path("unused"))
    engine = encrypted_engine(database_url, cipher=cipher)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to("0004"))
            await connection.execute(
                text("INSERT INTO users (id, chat_id, language, active, disabled_questions, "
                     "created_at, updated_at) VALUES (1, 1, 'en', true, '[]', "
                     "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            )  # fmt: skip
            await connection.execute(
                text("INSERT INTO topics (user_id, question, rating, created_at) "
                     "VALUES (1, 'heard', 3, CURRENT_TIMESTAMP)"),
            )  # fmt: skip
        await upgrade_schema(engine)
        async with engine.connect() as connection:
            ((stored, rating),) = (
                await connection.execute(text("SELECT question, rating FROM topics"))
            ).all()
    finally:
        await engine.dispose()
    assert stored != "heard" and rating == 3
    assert cipher.decrypt(stored.encode()).decode() == "heard"


async def test_every_client_is_discreet_after_the_migration(database_url: str):
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config

    def upgrade_to(revision: str):  # type: ignore[no-untyped-def]
        def run(connection):  # type: ignore[no-untyped-def]
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        return run

    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to("0007"))
            await connection.execute(
                text("INSERT INTO users (id, chat_id, language, active, disabled_questions, "
                     "created_at, updated_at) VALUES (1, 1, 'en', true, '[]', "
                     "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            )  # fmt: skip
            await connection.execute(
                text("INSERT INTO schedules (user_id, weekdays, start_time, duration_minutes, "
                     "every_weeks, anchor, skipped, extra, paused, reflection_delay_minutes, "
                     "quiet_start, quiet_end, neutral_wording, updated_at) VALUES (1, '[1]', "
                     "'17:00', 50, 1, '2026-11-24', '[]', '[]', false, 60, '22:00', '08:00', "
                     "false, CURRENT_TIMESTAMP)"),
            )  # fmt: skip
        await upgrade_schema(engine)
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT neutral_wording FROM schedules"))).all()
    finally:
        await engine.dispose()
    assert [bool(on) for (on,) in rows] == [True]
