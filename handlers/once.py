"""A log line for the first of a kind of event, then at most one a minute with how many
more there were: a scanner knocking all day, or a health check asked every few seconds
during an outage, must not fill the log."""

from __future__ import annotations

import logging
import time

EVERY_SECONDS = 60.0


class OncePerMinute:
    """Notes events of one kind; logs the first, then at most one line a minute."""

    def __init__(
        self, first: str, more: str, level: int = logging.WARNING, log: logging.Logger | None = None
    ) -> None:
        """`first` is logged as it is; `more` with the count (and the arguments given)."""
        self._first, self._more, self._level = first, more, level
        self._log = log or logging.getLogger(__name__)
        self._since: float | None = None
        self._count = 0

    def note(self, *args: object) -> None:
        now = time.monotonic()
        if self._since is None or now - self._since >= EVERY_SECONDS:
            if self._count:  # those since the last line, and this one
                self._log.log(self._level, self._more, self._count + 1, *args)
            else:
                self._log.log(self._level, self._first, *args)
            self._since, self._count = now, 0
        else:
            self._count += 1
