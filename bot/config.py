"""Configuration from the environment (and `.env` when present), built once in `main()`."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator

from handlers.context import HandlerSettings
from handlers.webhook import Webhook
from storage.settings import StorageSettings

# Telegram tokens look like "123456789:AAH..." (digits, a colon, 35 url-safe characters).
# We accept a little more than 35 in case Telegram lengthens them, but not less: a shorter
# value is almost always a copy-paste accident.
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,100}$")


class ConfigError(Exception):
    """A setting is missing or unusable; the message is one line for the operator."""


# Invite codes travel in t.me/<bot>?start=CODE links, whose rule this is; 8 or more
# characters so that guessing one (a few tries an hour, features.privacy.access) is hopeless.
INVITE_CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

# Telegram's rule for setWebhook's secret_token.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_MAKE_A_SECRET = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"


class Settings(StorageSettings):
    """Everything the bot reads from its environment; see `.env.example`."""

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    log_level: str = "INFO"
    # `text` (a line per record) or `json` (a JSON object per line, for a log collector).
    log_format: str = "text"
    # Telegram allows about 30 messages a second overall; a local Bot API server may allow more.
    telegram_max_messages_per_second: float = Field(default=30.0, gt=0)
    # How often the bot looks for prompts that have come due, in seconds.
    dispatch_interval_seconds: float = Field(default=30.0, gt=0)
    # A prompt that came due while the bot was down is still sent within this many hours.
    prompt_grace_hours: float = Field(default=6.0, ge=0)
    # Who may use the bot: everyone, unless these are set. Telegram user ids, comma-separated,
    # and/or invite codes a client sends as "/start CODE" (a t.me/<bot>?start=CODE link).
    allowed_user_ids: str = ""
    invite_codes: SecretStr | None = None
    # Strict: a client whose id was taken off ALLOWED_USER_IDS, or whose invite code was
    # taken out of INVITE_CODES, is refused from their next message on (features.privacy.access).
    access_strict: bool = False
    # Crisis phrases and helplines by country; by default the bundled
    # features/safety/data/crisis.json.
    crisis_resources_file: Path | None = None
    # For tests and demos only: read "now" from this file instead of the system clock.
    clock_file: Path | None = None
    # The translations (<language>/LC_MESSAGES/messages.po) from this directory instead of
    # the bundled features/locale/: for trying a translation without reinstalling, and tests.
    locale_dir: Path | None = None
    # Webhook mode instead of long polling when WEBHOOK_URL is set: the public https URL
    # Telegram posts updates to, the secret it sends with each, and where the bot listens
    # (behind a reverse proxy, so the loopback address by default).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # GET /healthz and /metrics on a port of their own (handlers.health), in either mode;
    # unset, a polling bot serves none and a webhook serves them beside the webhook.
    health_port: int | None = Field(default=None, ge=1, le=65535)
    health_listen: str = "127.0.0.1"
    # A turn (loading, stepping and storing one update) that takes longer is abandoned,
    # rolled back, and the client asked to send it again.
    turn_timeout_seconds: float = Field(default=20.0, gt=0)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("log_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        chosen = value.strip().lower()
        if chosen not in {"text", "json"}:
            raise ValueError("LOG_FORMAT must be text or json")
        return chosen

    @field_validator("allowed_user_ids")
    @classmethod
    def _user_ids(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip() and not part.strip().isdecimal():
                raise ValueError("ALLOWED_USER_IDS must be Telegram user ids, comma-separated")
        return value

    @field_validator("invite_codes")
    @classmethod
    def _link_safe_codes(cls, value: SecretStr | None) -> SecretStr | None:
        codes = [c.strip() for c in (value.get_secret_value() if value else "").split(",")]
        for number, code in enumerate((c for c in codes if c), start=1):
            # Never the code itself in the message: it is a secret, and messages are logged.
            if not INVITE_CODE_PATTERN.match(code):
                raise ValueError(
                    f"invite code {number} must be 8-64 characters of A-Z, a-z, 0-9, _ and - "
                    "(shorter ones can be guessed; others don't survive a t.me link)"
                )
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

    def for_handlers(self) -> HandlerSettings:
        """What handlers read of the configuration, and nothing else."""
        return HandlerSettings(
            turn_timeout_seconds=self.turn_timeout_seconds,
            prompt_grace_hours=self.prompt_grace_hours,
            telegram_max_messages_per_second=self.telegram_max_messages_per_second,
            allowed_ids=self.allowed_ids,
            invites=self.invites,
            access_strict=self.access_strict,
        )

    def webhook(self) -> Webhook | None:
        """Webhook mode's settings (None: long polling), or a `ConfigError` saying what to fix."""
        url = (self.webhook_url or "").strip()
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise ConfigError(
                "WEBHOOK_URL must be the public https:// address Telegram posts updates to, "
                "like https://bot.example.org/telegram (Telegram accepts no other)"
            )
        secret = self.webhook_secret.get_secret_value().strip() if self.webhook_secret else ""
        if not secret:
            raise ConfigError(
                "WEBHOOK_SECRET is not set: webhook mode needs it, so that only Telegram can "
                f"post updates to WEBHOOK_URL; {_MAKE_A_SECRET}"
            )
        if not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ConfigError(
                "WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - "
                f"(Telegram's rule); {_MAKE_A_SECRET}"
            )
        return Webhook(url, secret, self.webhook_listen.strip(), self.webhook_port)

    def health(self) -> tuple[str, int] | None:
        """Where /healthz and /metrics listen on their own (None: nowhere of their own)."""
        if self.health_port is None:
            return None
        return self.health_listen.strip(), self.health_port

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
