"""Logging that never carries what a client wrote, nor the bot token.

Our own modules log at LOG_LEVEL. Libraries that print request bodies or URLs at DEBUG
(python-telegram-bot logs every Bot API call with its parameters and every getUpdates
response, httpx logs URLs that contain the token) are held at INFO or above whatever
LOG_LEVEL says, and a filter blanks the token in anything that still mentions it.
"""

from __future__ import annotations

import logging
import sys

OUR_PACKAGES = ("bot", "handlers", "storage", "emulator")
# Library loggers and the most they may say; DEBUG in any of them would print message text.
LIBRARY_FLOOR = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "aiosqlite": logging.WARNING,
    "sqlalchemy": logging.WARNING,
    "asyncpg": logging.WARNING,
    # APScheduler narrates each job at INFO; the dispatcher logs what matters.
    "apscheduler": logging.WARNING,
    # Alembic narrates its plugins and DDL choices at INFO; storage.db says what matters.
    "alembic": logging.WARNING,
    "aiohttp.access": logging.WARNING,
}


class RedactSecrets(logging.Filter):
    """Replaces secrets (the bot token) in every record with a placeholder."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        redacted = message
        exc_text = record.exc_text or ""
        for secret in self._secrets:
            redacted = redacted.replace(secret, "<token>")
            exc_text = exc_text.replace(secret, "<token>")
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_text:
            record.exc_text = exc_text
        return True


def configure_logging(level: str, secrets: list[str] | None = None) -> None:
    """One stderr handler, our modules at `level`, chatty libraries held back."""
    numeric = logging.getLevelName(level)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(numeric, logging.INFO))
    for package in OUR_PACKAGES:
        logging.getLogger(package).setLevel(numeric)
    for name, floor in LIBRARY_FLOOR.items():
        logging.getLogger(name).setLevel(max(numeric, floor))
