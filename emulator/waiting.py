"""A broadcast wake-up primitive for waiters that re-check their own condition."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Signal:
    """Wakes every current waiter on notify(); waiters then re-evaluate their predicate."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake everyone waiting now; later waiters wait for the next notify."""
        # Swapping the event (instead of set/clear) makes notify safe from sync code
        # and guarantees no waiter misses a wake-up between its check and its wait.
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, within: float | None = None) -> None:
        """Until the next notify(), or at most `within` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), within)

    async def wait_for(self, predicate: Callable[[], T | None], within: float | None) -> T | None:
        """Return the predicate's first non-None value, or None after `within` seconds."""
        loop = asyncio.get_running_loop()
        deadline = None if within is None else loop.time() + within
        while True:
            event = self._event
            found = predicate()
            if found is not None:
                return found
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return None
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return predicate()
