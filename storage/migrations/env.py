"""Alembic environment: runs on the bot's own connection (upgrade on start), or, from the
`alembic` command line, on DATABASE_URL from the bot's settings."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on the metadata)

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can't ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_settings() -> None:
    from storage.crypto import attach_cipher, cipher_from
    from storage.db import create_engine
    from storage.settings import StorageSettings

    settings = StorageSettings()
    engine = create_engine(settings.database_url)
    # Data migrations encrypt with the bot's key (0005 encrypts the topics).
    key = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    attach_cipher(engine, cipher_from(key, settings.encryption_key_file))
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_from_settings())
