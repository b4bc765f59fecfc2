"""Configuration from the environment (and `.env` when present), built once in `main()`."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Telegram tokens look like "123456789:AAH..." (digits, a colon, 35 url-safe characters).
# We accept a little more than 35 in case Telegram lengthens them, but not less: a shorter
# value is almost always a copy-paste accident.
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,100}$")

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///reflection-companion.sqlite3"

# Plain URLs an operator is likely to paste, mapped to the async drivers we use.
_ASYNC_DRIVERS = {
    "sqlite://": "sqlite+aiosqlite://",
    "postgres://": "postgresql+asyncpg://",
    "postgresql://": "postgresql+asyncpg://",
}


def default_key_file() -> Path:
    """Where the key lives when none is configured: the user's config folder, not beside
    the database, so a copy of the database alone can't be read."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "reflection-companion" / "encryption.key"


class ConfigError(Exception):
    """A setting is missing or unusable; the message is one line for the operator."""


class Settings(BaseSettings):
    """Everything the bot reads from its environment; see `.env.example`."""

    # env_ignore_empty: `.env.example` copied as it is leaves values empty; they mean "default".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    # Telegram allows about 30 messages a second overall; a local Bot API server may allow more.
    telegram_max_messages_per_second: float = Field(default=30.0, gt=0)
    # What clients write is encrypted at rest with this key (comma-separated: newest first),
    # or with the key in this file, created on first run. Keep it apart from the database.
    encryption_key: SecretStr | None = None
    # How often the bot looks for prompts that have come due, in seconds.
    dispatch_interval_seconds: float = Field(default=30.0, gt=0)
    # A prompt that came due while the bot was down is still sent within this many hours.
    prompt_grace_hours: float = Field(default=6.0, ge=0)
    # Who may use the bot: everyone, unless these are set. Telegram user ids, comma-separated,
    # and/or invite codes a client sends as "/start CODE" (a t.me/<bot>?start=CODE link).
    allowed_user_ids: str = ""
    invite_codes: SecretStr | None = None
    # Crisis phrases and helplines by country; the bundled bot/data/crisis.json by default.
    crisis_resources_file: Path | None = None
    # For tests and demos only: read "now" from this file instead of the system clock.
    clock_file: Path | None = None
    encryption_key_file: Path = Field(default_factory=lambda: default_key_file())

    @field_validator("database_url")
    @classmethod
    def _use_async_driver(cls, value: str) -> str:
        for plain, async_prefix in _ASYNC_DRIVERS.items():
            if value.startswith(plain):
                return async_prefix + value[len(plain) :]
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("allowed_user_ids")
    @classmethod
    def _user_ids(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip() and not part.strip().isdigit():
                raise ValueError("ALLOWED_USER_IDS must be Telegram user ids, comma-separated")
        return value

    @property
    def allowed_ids(self) -> frozenset[int]:
        """The Telegram user ids let in without an invite."""
        return frozenset(int(p) for p in self.allowed_user_ids.split(",") if p.strip())

    @property
    def invites(self) -> tuple[str, ...]:
        """The invite codes that let a new client in."""
        raw = self.invite_codes.get_secret_value() if self.invite_codes else ""
        return tuple(code.strip() for code in raw.split(",") if code.strip())

    @property
    def restricted(self) -> bool:
        """Whether the bot is for some people only."""
        return bool(self.allowed_ids or self.invites)

    def require_token(self) -> str:
        """The bot token, or a `ConfigError` saying where to get one."""
        token = (
            self.telegram_bot_token.get_secret_value().strip() if self.telegram_bot_token else ""
        )
        if not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather in Telegram and put "
                "it in .env (see .env.example), or try the bot without one: python -m bot demo"
            )
        if not TOKEN_PATTERN.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (it should be like "
                "123456789:AAH...). Copy it again from @BotFather, or try the bot without one: "
                "python -m bot demo"
            )
        return token
