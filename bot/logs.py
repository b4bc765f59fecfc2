"""Logging that never carries what a client wrote, nor the bot token.

Our own modules log at LOG_LEVEL. Libraries that print request bodies or URLs at DEBUG
(python-telegram-bot logs every Bot API call with its parameters and every getUpdates
response, httpx logs URLs that contain the token) are held at INFO or above whatever
LOG_LEVEL says, and a filter blanks the token in anything that still mentions it.

Tracebacks show an exception's message only where it can't quote a client (see
PrivateFormatter). LOG_FORMAT=json writes the same lines as JSON objects, one a line
(JsonFormatter): the same fields, through the same filter and the same tracebacks.

Where an operator needs to follow one client through the log (they blocked the bot, a
message to them failed, their turn raised an error), the log names them by a tag
(handlers.context.ClientTags): a keyed hash of their user id, never the id itself.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

from telegram.error import TelegramError

OUR_PACKAGES = ("bot", "handlers", "features", "storage", "emulator")
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
            record.exc_text = PrivateFormatter().formatException(record.exc_info)
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


class PrivateFormatter(logging.Formatter):
    """Tracebacks keep their frames and each exception's type, but a message only where it
    can hold nothing of a client's: errors from the Bot API and our own. Any other library
    may quote its input (a database error quotes the row, with the raw user id)."""

    def formatException(self, ei: Any) -> str:
        error = ei[1] if isinstance(ei, tuple) else None
        if not isinstance(error, BaseException):
            return super().formatException(ei)
        parts: list[str] = []
        for index, link in enumerate(_chain(error)):
            if index:
                parts.append("\nDuring it, or because of it:\n\n")
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(link.__traceback__))
            kind = type(link)
            shown = isinstance(link, TelegramError) or kind.__module__.startswith(OUR_PACKAGES)
            message = str(link) if shown else "(message withheld: it may quote a client)"
            parts.append(f"{kind.__module__}.{kind.__qualname__}: {message}\n")
        return "".join(parts).rstrip("\n")


class JsonFormatter(PrivateFormatter):
    """One JSON object a line, for a log collector: `time` (UTC, ISO 8601), `level`,
    `logger`, `message`, and `exception` / `stack` when the record has them: the fields of
    the text line and nothing else. A record's `extra` attributes are left out, so nothing
    reaches the log by a path the text format doesn't have; the exception is formatted by
    PrivateFormatter (messages withheld where they could quote a client) and the token is
    already blanked by RedactSecrets, as in text."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # ensure_ascii: escapes every newline and control character, so one record is
        # always one line, whatever a message or a traceback holds.
        return json.dumps(entry, ensure_ascii=True)


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and those it came from, the first cause first (as Python prints them)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        implicit = None if current.__suppress_context__ else current.__context__
        current = current.__cause__ or implicit
    return chain[::-1]


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(
    level: str, secrets: list[str] | None = None, log_format: str = "text"
) -> None:
    """One stderr handler, our modules at `level`, chatty libraries held back; lines of
    text, or JSON objects (`log_format="json"`)."""
    numeric = logging.getLevelName(level)
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter() if log_format == "json" else PrivateFormatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    handler.addFilter(RedactSecrets(secrets or []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(numeric, logging.INFO))
    for package in OUR_PACKAGES:
        logging.getLogger(package).setLevel(numeric)
    for name, floor in LIBRARY_FLOOR.items():
        logging.getLogger(name).setLevel(max(numeric, floor))
