"""Errors: Bot API error envelopes for the bot, assertion errors for the driver."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

# Telegram's wording for the common non-400 errors; PTB maps these to its exception types.
STATUS_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request: injected fault",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class ApiError(Exception):
    """A Bot API failure answered to the bot in Telegram's error envelope."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def envelope(self) -> dict[str, Any]:
        """Return Telegram's `{"ok": false, ...}` body for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> ApiError:
    """Build a 400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """Build a 403 with Telegram's "Forbidden: " prefix."""
    return ApiError(403, f"Forbidden: {detail}")


def conflict(detail: str) -> ApiError:
    """Build a 409 with Telegram's "Conflict: " prefix."""
    return ApiError(409, f"Conflict: {detail}")


def error_for_status(status: int, retry_after: int | None = None) -> ApiError:
    """Build the error Telegram would answer with for a bare HTTP status."""
    if status == 429:
        wait = 1 if retry_after is None else retry_after
        return ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
    description = STATUS_DESCRIPTIONS.get(status)
    if description is None:
        try:
            description = HTTPStatus(status).phrase
        except ValueError:
            description = f"Error {status}"
    return ApiError(status, description)


class NoMessageError(AssertionError, TimeoutError):
    """The bot did not produce the awaited output in time (both an assertion and a timeout)."""


class UnexpectedMessageError(AssertionError):
    """The bot produced output where none was expected."""
