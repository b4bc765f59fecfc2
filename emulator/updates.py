"""The bot's update queue: acknowledgement by offset, long polling, 409 on concurrent polls."""

from __future__ import annotations

import copy
import logging
from typing import Any

from emulator.errors import conflict
from emulator.waiting import Signal

logger = logging.getLogger(__name__)

# Telegram leaves these out unless the bot asks for them in allowed_updates.
_OPT_IN_TYPES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


def update_type(update: dict[str, Any]) -> str:
    """The update's kind: its only key besides update_id."""
    return next((key for key in update if key != "update_id"), "unknown")


class UpdateQueue:
    """Updates waiting for the bot, in update_id order, kept until acknowledged."""

    def __init__(self, first_update_id: int = 1) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = first_update_id
        self._signal = Signal()
        self._poll_seq = 0
        self._active_poll: int | None = None
        self._allowed: frozenset[str] | None = None
        self._closed = False
        # Deliver every update type whatever allowed_updates says (Telegram never would):
        # for testing that a bot copes with types a deployment might still deliver.
        self.ignore_allowed_updates = False

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update, assigning the next update_id unless one is given."""
        given = update.get("update_id")
        if isinstance(given, int) and not isinstance(given, bool):
            self._next_id = max(self._next_id, given + 1)
        else:
            update = {"update_id": self._next_id, **update}
            self._next_id += 1
        self._pending.append(update)
        self._pending.sort(key=lambda u: int(u["update_id"]))
        self._signal.notify()
        return update

    @property
    def signal(self) -> Signal:
        """Notified when an update arrives (and by webhook delivery as it progresses)."""
        return self._signal

    def pending_count(self) -> int:
        """Updates not yet acknowledged by the bot."""
        return len(self._pending)

    def snapshot(self) -> list[dict[str, Any]]:
        """Deep copies of the pending updates."""
        return copy.deepcopy(self._pending)

    def drop_all(self) -> None:
        """Forget every pending update (deleteWebhook(drop_pending_updates=True))."""
        self._pending.clear()

    def close(self) -> None:
        """Release every waiting poll with an empty result (emulator shutdown)."""
        self._closed = True
        self._signal.notify()

    def _acknowledge(self, offset: int) -> None:
        if offset < 0:
            # Negative offset: keep only the last -offset updates, forget the rest.
            keep = -offset
            self._pending = self._pending[-keep:] if keep < len(self._pending) else self._pending
        elif offset > 0:
            self._pending = [u for u in self._pending if int(u["update_id"]) >= offset]

    def set_allowed(self, allowed: list[Any] | None) -> None:
        """allowed_updates from getUpdates or setWebhook: Telegram remembers it across calls
        (None: keep it); an empty list means the default."""
        if allowed is None:
            return
        self._allowed = frozenset(str(a) for a in allowed) if allowed else None

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        kind = update_type(update)
        if self.ignore_allowed_updates:
            return True
        if self._allowed is None:
            return kind not in _OPT_IN_TYPES
        return kind in self._allowed

    def _available(self, limit: int) -> list[dict[str, Any]] | None:
        # Updates the bot did not subscribe to are dropped, as Telegram never creates them.
        self._pending = [u for u in self._pending if self._is_allowed(u)]
        return self._pending[:limit] or None

    def deliverable(self) -> list[dict[str, Any]]:
        """The pending updates the bot subscribed to, oldest first: for webhook delivery."""
        return self._available(len(self._pending)) or []

    def acknowledge_one(self, update_id: int) -> None:
        """The bot answered a webhook delivery of this update with a 2xx: it is done."""
        self._pending = [u for u in self._pending if int(u["update_id"]) != update_id]
        self._signal.notify()

    async def poll(
        self, offset: int, limit: int, wait: float, allowed: list[Any] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: acknowledge below `offset`, return updates, waiting `wait` s for some."""
        self._acknowledge(offset)
        self.set_allowed(allowed)
        self._poll_seq += 1
        seq = self._poll_seq
        # A newer poll terminates the one still waiting, which then answers 409.
        self._active_poll = seq
        self._signal.notify()
        superseded: list[dict[str, Any]] = []

        def ready() -> list[dict[str, Any]] | None:
            if self._active_poll != seq:
                return superseded
            if self._closed:
                return []
            return self._available(limit)

        try:
            found = await self._signal.wait_for(ready, max(wait, 0.0))
        finally:
            if self._active_poll == seq:
                self._active_poll = None
        if found is superseded:
            logger.info("getUpdates #%d terminated by a newer getUpdates", seq)
            raise conflict(
                "terminated by other getUpdates request; "
                "make sure that only one bot instance is running"
            )
        return list(found or [])
