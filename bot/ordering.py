"""Updates of different clients run concurrently; one client's updates strictly in order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# PTB's base class takes a concurrency slot *before* our per-client lock, so a client with
# many queued updates would hold slots while waiting on itself and starve everyone else.
# We give the base class a limit it never reaches and apply the real one after the lock.
_UNREACHED = 1_000_000


class PerClientOrder(BaseUpdateProcessor):
    """Runs updates concurrently, except that updates of the same user (or, for updates
    without a user, the same chat) wait for each other and run in arrival order.

    Why: a client who taps two buttons quickly, or sends a message while the previous one is
    still being stored, must see the second handled against the state the first left behind.
    asyncio.Lock wakes waiters first-come first-served, which keeps arrival order.
    """

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(_UNREACHED)
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this client's earlier updates, then for a free slot, then handle it."""
        key = _client_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            # Forget idle clients so the table doesn't grow with every client ever seen.
            self._waiting[key] -= 1
            if self._waiting[key] == 0:
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _client_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None
