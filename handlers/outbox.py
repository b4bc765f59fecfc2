"""A client's replies go out after their turn, in order, without holding the turn up.

A turn is finished once it is stored: the update can be acknowledged and the client's next
one handled. Telegram lets a bot send about one message a second in a chat, so a client
who sends many messages at once has replies queued here, one chat at a time, while every
other client's turns and replies go on. If the process dies with replies queued, what the
client sent is stored; their next message finds it and the bot asks its question again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import Application

logger = logging.getLogger(__name__)

# On stop, queued replies get this long to go out; the rest are dropped (their turns are
# stored: the client's next message is asked again).
STOP_GRACE_SECONDS = 10.0


class Outbox:
    """One queue of deliveries per chat, each after the one before (and after the error
    handler's apology for it, if it failed)."""

    def __init__(self) -> None:
        self._last: dict[int, asyncio.Task[None]] = {}
        self._queued: dict[int, int] = {}
        self._all: set[asyncio.Task[None]] = set()

    def queued(self, chat_id: int) -> int:
        """How many deliveries to this chat have not finished yet."""
        return self._queued.get(chat_id, 0)

    def post(
        self,
        application: Application,  # type: ignore[type-arg]
        chat_id: int,
        update: Update | None,
        deliver: Callable[[], Awaitable[None]],
    ) -> None:
        """Send to this chat once everything posted to it before has gone (or failed)."""
        before = self._last.get(chat_id)
        self._queued[chat_id] = self._queued.get(chat_id, 0) + 1

        async def in_turn() -> None:
            try:
                if before is not None:
                    await asyncio.wait({before})
                try:
                    await deliver()
                except Exception as problem:
                    # Before the chat's next delivery: an apology comes in its place.
                    await application.process_error(update, problem)
            finally:
                self._queued[chat_id] -= 1
                if self._queued[chat_id] == 0:
                    del self._queued[chat_id]
                    del self._last[chat_id]

        task = asyncio.get_running_loop().create_task(in_turn())
        self._last[chat_id] = task
        self._all.add(task)
        task.add_done_callback(self._all.discard)

    async def close(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Let queued deliveries go out for up to `grace` seconds, then drop the rest."""
        pending = set(self._all)
        if not pending:
            return
        _, late = await asyncio.wait(pending, timeout=grace)
        if late:
            logger.warning("Stopping: %d replies not sent in time", len(late))
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
