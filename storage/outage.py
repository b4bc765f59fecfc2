"""A database that stops answering, as one process sees it: said once in the log with its
cause, then tried one transaction at a time until it answers again.

Without this, every turn of every client waits out the full timeouts on a silent database
(a stuck proxy, a network that drops packets), and each one logs its own failure.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

logger = logging.getLogger(__name__)


class DatabaseUnreachable(Exception):
    """The database doesn't answer in time, or the connection to it failed: nothing of this
    transaction was kept. `cause` says why, for the operator (never a client's words)."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


class Outage:
    """While the database is down, one transaction at a time tries it (bounded by the
    engine's timeouts) and the others wait for that try and share its outcome; a failure
    only if the try began after they came, since one begun earlier may have met a database
    that has come back since. So every waiting client hears "try again shortly" within two
    tries' time, not when TCP gives up, and once the database is back the next ones go
    ahead. `on_down` runs as the outage begins (the engine's idle connections are ended:
    they may all hang on the same silent network)."""

    # While the database is down, how often the log says it still is (s).
    STILL_DOWN_EVERY = 60.0

    def __init__(self, where: str, on_down: Callable[[], None]) -> None:
        self._where, self._on_down = where, on_down
        self._down_since: float | None = None
        self._cause = ""
        self._trying: asyncio.Future[bool] | None = None  # a try of a database that is down
        self._trying_since = 0.0
        self._refused = 0
        self._said_at = 0.0

    async def admit(self) -> asyncio.Future[bool] | None:
        """Before a transaction: at once while the database answers. While it is down,
        wait for the try under way and go ahead if it got through, or be refused
        (DatabaseUnreachable); or be the try (the future returned, for the other calls)."""
        came = time.monotonic()
        while self._down_since is not None:
            if self._trying is None:
                self._trying = asyncio.get_running_loop().create_future()
                self._trying_since = time.monotonic()
                return self._trying
            trying, since = self._trying, self._trying_since
            if not await asyncio.shield(trying) and since >= came:
                self._refused += 1
                self._still_down()
                raise DatabaseUnreachable(self._cause)
        return None

    def answered(self, trying: asyncio.Future[bool] | None) -> None:
        """The transaction got a working connection: the database is up."""
        if trying is None:
            return
        if self._down_since is not None:
            logger.warning(
                "The database answers again, after %.0f s; %d turns and jobs were turned away",
                time.monotonic() - self._down_since, self._refused,
            )  # fmt: skip
        self._down_since = None
        self._trying = None
        trying.set_result(True)

    def failed(self, trying: asyncio.Future[bool] | None, cause: str) -> None:
        """The transaction found the database unreachable; the first to find it says so."""
        if trying is not None:
            self._refused += 1
        if self._down_since is not None:
            return
        self._down_since = self._said_at = time.monotonic()
        self._cause, self._refused = cause, 0
        logger.error(
            "The database at %s isn't answering: %s. Clients who write are told nothing "
            "can be saved right now and to try again shortly; what was saved before is safe",
            self._where, cause,
        )  # fmt: skip
        self._on_down()

    def settle(self, trying: asyncio.Future[bool] | None) -> None:
        """After the transaction, whatever happened: a try that didn't get through (it
        failed, or was cancelled) lets the next one try."""
        if trying is not None and not trying.done():
            trying.set_result(False)
            if trying is self._trying:
                self._trying = None

    def _still_down(self) -> None:
        now = time.monotonic()
        if self._down_since is None or now - self._said_at < self.STILL_DOWN_EVERY:
            return
        self._said_at = now
        logger.error(
            "The database still isn't answering after %.0f s: %s; %d turns and jobs "
            "turned away so far",
            now - self._down_since, self._cause, self._refused,
        )  # fmt: skip
