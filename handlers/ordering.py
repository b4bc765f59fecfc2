"""Updates of different clients run concurrently; one client's updates strictly in order;
a sender's burst beyond a sensible rate is cut short at the door."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

from handlers.metrics import Metrics

logger = logging.getLogger(__name__)

# PTB's base class takes a concurrency slot *before* our per-client lock, so a client with
# many queued updates would hold slots while waiting on itself and starve everyone else.
# We give the base class a limit it never reaches and apply the real one after the lock.
_UNREACHED = 1_000_000


# A person typing fast, or tapping through a menu, stays under this; a burst beyond it would
# only queue replies Telegram lets out at one a second in a chat.
BURST_UPDATES = 20
BURST_WINDOW_SECONDS = 10.0
# Senders remembered at most before the idle ones are forgotten.
_REMEMBERED = 1024


class SenderRate:
    """How fast each sender's updates may pile up: an update that arrives while the same
    sender's earlier ones are still in hand, or their replies still queued, takes a token
    from the sender's bucket (a burst of `most`, refilled at `most` per `window` seconds);
    with none left it is turned away. A person who reads each reply before writing again
    never piles up and is never counted; a burst, from anyone, admitted client or not, is
    counted as it arrives, before anything else is done with it. Each sender is warned
    once per window. A sender with `most` replies still waiting to go out is turned away
    too, so a long flood can't pile up replies Telegram lets out at one a second."""

    def __init__(
        self,
        most: int = BURST_UPDATES,
        window: float = BURST_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._most, self._window, self._clock = most, window, clock
        self._buckets: dict[int, tuple[float, float]] = {}  # sender -> (tokens, when)
        self._warned: dict[int, float] = {}
        # How many replies to a sender (their private chat) wait to go out.
        self.queued: Callable[[int], int] = lambda _: 0

    def let_in(self, sender: int, in_hand: int) -> bool:
        """Whether this sender's update is handled, or turned away; `in_hand`: how many of
        their earlier updates are still being handled or waiting for their turn."""
        backlog = self.queued(sender)
        if backlog >= self._most:
            return False
        if not in_hand and not backlog:
            return True
        now = self._clock()
        if sender not in self._buckets:
            self._forget_idle(now)
        tokens, when = self._buckets.get(sender, (float(self._most), now))
        tokens = min(float(self._most), tokens + (now - when) * self._most / self._window)
        if tokens < 1:
            self._buckets[sender] = (tokens, now)
            return False
        self._buckets[sender] = (tokens - 1, now)
        return True

    def first_warning(self, sender: int) -> bool:
        """Whether to tell this sender to slow down now: once per window, then silence."""
        now = self._clock()
        warned = self._warned.get(sender)
        if warned is not None and now - warned < self._window:
            return False
        self._warned[sender] = now
        if len(self._warned) >= _REMEMBERED:
            # Senders turned away for their backlog alone have no bucket to be forgotten
            # with: warnings older than the window are forgotten on their own.
            for other, when in list(self._warned.items()):
                if now - when >= self._window:
                    del self._warned[other]
        return True

    def _forget_idle(self, now: float) -> None:
        """Senders whose bucket has refilled are as good as new: forgotten."""
        if len(self._buckets) < _REMEMBERED:
            return
        for sender, (_, when) in list(self._buckets.items()):
            if now - when >= self._window:
                del self._buckets[sender]
                self._warned.pop(sender, None)


# What to do with an update turned away: (the update, whether to warn its sender).
TurnedAway = Callable[[Update, bool], None]


class PerClientOrder(BaseUpdateProcessor):
    """Runs updates concurrently, except that updates of the same user (or, for updates
    without a user, the same chat) wait for each other and run in arrival order.

    Why: a client who taps two buttons quickly, or sends a message while the previous one is
    still being stored, must see the second handled against the state the first left behind.
    asyncio.Lock wakes waiters first-come first-served, which keeps arrival order.
    """

    def __init__(self, max_concurrent_updates: int = 256, rate: SenderRate | None = None) -> None:
        super().__init__(_UNREACHED)
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self.rate = rate
        # Set by the composition root: answers an update turned away (handlers.flood).
        self.turned_away: TurnedAway | None = None
        # Set by the composition root: words that suggest danger, which are never turned
        # away, however fast they come (features.safety.crisis).
        self.urgent: Callable[[str], bool] = lambda _: False
        # Set by the composition root: updates turned away are counted there.
        self.metrics: Metrics | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this client's earlier updates, then for a free slot, then handle it;
        or, past the sender's rate, turn it away."""
        key = _client_key(update)
        warning = self._turned_away(update, key)
        if warning is not None:
            if self.metrics is not None:
                self.metrics.update("turned_away")
            if asyncio.iscoroutine(coroutine):
                coroutine.close()  # never started: nothing of it ran
            if not warning:
                return
            # The one warning of the window waits its turn like an update: it follows the
            # replies to what was kept.
            coroutine = warning()
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

    def _turned_away(
        self, update: object, key: int | None
    ) -> Callable[[], Awaitable[None]] | Literal[False] | None:
        """None: let in. Past its sender's rate: False when answered already (a press, or
        no warning due), or the warning to give in the sender's turn."""
        rate, answer = self.rate, self.turned_away
        if not isinstance(update, Update) or key is None or rate is None:
            return None
        if not _limited(update) or self._urgent(update):
            return None
        if rate.let_in(key, self._waiting.get(key, 0)):
            return None
        warn = rate.first_warning(key)
        if answer is None:
            return False
        if update.callback_query is not None or not warn:
            answer(update, warn)
            return False

        async def in_turn() -> None:
            answer(update, True)

        return in_turn

    def _urgent(self, update: Update) -> bool:
        message = update.message or update.edited_message
        words = message.text or message.caption if message is not None else None
        return bool(words) and self.urgent(words or "")

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _limited(update: Update) -> bool:
    """Whether the update counts against its sender's rate: what they send the bot in
    private, where each costs a turn and a reply. Not a change of their membership (they
    blocked or restarted the bot), which must be recorded; nor what they say in a group,
    which is ignored or answered in the background, at the group's own pace."""
    if update.my_chat_member is not None:
        return False
    chat = update.effective_chat
    return chat is None or chat.type == chat.PRIVATE


def _client_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


async def handle_update(application: Application, update: Update) -> bool:  # type: ignore[type-arg]
    """Handle one update through the application's update processor (this module's
    ordering); whether it was. The handlers' own errors go to the error handler: a
    failure here is PTB itself, logged by the update's id alone."""
    metrics = getattr(application.bot_data, "metrics", None)
    counted = metrics if isinstance(metrics, Metrics) else None
    try:
        await application.update_processor.process_update(
            update, application.process_update(update)
        )
    except Exception as problem:
        logger.error("Update %s could not be handled (%s)", update.update_id,
                     type(problem).__name__)  # fmt: skip
        if counted is not None:
            counted.update("failed")
        return False
    if counted is not None:
        counted.update("handled")
    return True
