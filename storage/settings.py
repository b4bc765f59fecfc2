"""What storage reads from the environment (and `.env`): where the database is and the
key its texts are encrypted with. The bot's Settings extend it; `alembic` reads it alone."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///reflection-companion.sqlite3"

# Plain URLs an operator is likely to paste, mapped to the async drivers we use.
_ASYNC_DRIVERS = {
    "sqlite://": "sqlite+aiosqlite://",
    "postgres://": "postgresql+asyncpg://",
    "postgresql://": "postgresql+asyncpg://",
}


def with_async_driver(database_url: str) -> str:
    """A database URL as an operator writes it, with the async driver we use."""
    for plain, async_prefix in _ASYNC_DRIVERS.items():
        if database_url.startswith(plain):
            return async_prefix + database_url[len(plain) :]
    return database_url


def default_key_file() -> Path:
    """Where the key lives when none is configured: the user's config folder, not beside
    the database, so a copy of the database alone can't be read."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "reflection-companion" / "encryption.key"


class StorageSettings(BaseSettings):
    """The database and the encryption key; see `.env.example`."""

    # env_ignore_empty: `.env.example` copied as it is leaves values empty; they mean "default".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    database_url: str = DEFAULT_DATABASE_URL
    # What clients write is encrypted at rest with this key (comma-separated: newest first),
    # or with the key in this file, created on first run. Keep it apart from the database.
    encryption_key: SecretStr | None = None
    encryption_key_file: Path = Field(default_factory=lambda: default_key_file())

    @field_validator("database_url")
    @classmethod
    def _use_async_driver(cls, value: str) -> str:
        return with_async_driver(value)
