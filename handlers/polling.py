"""Long polling that acknowledges an update only after it has been handled.

PTB's Updater puts fetched updates on a queue and at once polls again with the next offset,
which tells Telegram they were received: if the process dies before handling them, they
are gone, and a client's answer with them. Here each update is handled as it arrives
(different clients concurrently, one client's in order: `handlers.ordering`), polling goes on
meanwhile, and the offset given to Telegram is the lowest update not yet finished: if the
process dies, Telegram sends everything from there again, and turns already committed
recognise their update id and change nothing (`storage.clients.already_handled`). Together:
every update takes effect exactly once, and one slow or flooding client holds no one else.

Telegram hands out at most 100 updates from the offset, finished or not, so one update
left unfinished for long would hide everything after the first hundred: turns have a time
limit (`handlers.turn`), a client's replies go out after the turn (`handlers.outbox`), and
a burst is cut short at the door (`handlers.ordering`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from handlers.metrics import Metrics
from handlers.ordering import handle_update
from handlers.pacing import retry_seconds

logger = logging.getLogger(__name__)

# We call getUpdates through do_api_request on purpose (to read updates one by one); PTB
# warns about that each time otherwise.
warnings.filterwarnings(
    "ignore", message=".*Bot.getUpdates.*do_api_request", category=PTBUserWarning
)

# The update types the bot handles; Telegram sends no others.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
LONG_POLL_SECONDS = 10
READ_MARGIN_SECONDS = 5
MAX_BACKOFF_SECONDS = 30.0


# Telegram's most per getUpdates; also the most updates in hand at once (see above).
MAX_IN_FLIGHT = 100
# While updates are in hand Telegram answers a poll at once (they are not acknowledged):
# a poll that brought nothing new waits this long before the next.
BUSY_POLL_SECONDS = 0.2
# On stop, updates in hand get this long to finish; Telegram sends any cut short again.
STOP_GRACE_SECONDS = 15.0


class InFlight:
    """The updates fetched and not yet finished, and the offset that follows from them."""

    def __init__(self) -> None:
        self.tasks: dict[int, asyncio.Task[None]] = {}
        # Cut short at stop: not finished, so never acknowledged.
        self.abandoned: set[int] = set()
        self.newest: int | None = None

    @property
    def offset(self) -> int | None:
        """What to acknowledge: the lowest update in hand, or the one after the newest."""
        if self.tasks or self.abandoned:
            return min(self.tasks.keys() | self.abandoned)
        return None if self.newest is None else self.newest + 1

    def is_new(self, update_id: int) -> bool:
        """Not fetched before (Telegram sends finished but unacknowledged ones again)."""
        return self.newest is None or update_id > self.newest

    def seen(self, update_id: int) -> None:
        if self.newest is None or update_id > self.newest:
            self.newest = update_id

    def start(self, application: Application, update: Update) -> None:  # type: ignore[type-arg]
        """Handle `update` in its own task; it leaves the set when done."""
        task = asyncio.create_task(_handle_one(application, update))
        self.tasks[update.update_id] = task
        task.add_done_callback(lambda _: self.tasks.pop(update.update_id, None))

    async def finish(self, grace: float) -> None:
        """Let the updates in hand finish; after `grace` seconds cancel the rest (their
        turns roll back) and keep them below the offset: Telegram sends them again."""
        if not self.tasks:
            return
        late = {uid: task for uid, task in self.tasks.items()}
        _, unfinished = await asyncio.wait(late.values(), timeout=grace)
        if not unfinished:
            return
        logger.warning("Stopping: %d updates not finished in time; Telegram sends them "
                       "again", len(unfinished))  # fmt: skip
        self.abandoned.update(uid for uid, task in late.items() if task in unfinished)
        for task in unfinished:
            task.cancel()
        await asyncio.gather(*unfinished, return_exceptions=True)


async def poll(application: Application, stopping: asyncio.Event) -> None:  # type: ignore[type-arg]
    """Fetch and handle updates until `stopping` is set; then let those in hand finish and
    acknowledge them."""
    bot = application.bot
    found = getattr(application.bot_data, "metrics", None)
    metrics = found if isinstance(found, Metrics) else None
    in_flight = InFlight()
    backoff = 1.0
    try:
        while not stopping.is_set():
            busy = bool(in_flight.tasks)
            try:
                batch = await _fetch(
                    application, in_flight.offset, stopping, busy=busy, newest=in_flight.newest
                )
            except RetryAfter as flood:
                if metrics is not None:
                    metrics.flood_waits.inc()
                await _sleep(retry_seconds(flood.retry_after), stopping)
                continue
            except Conflict:
                logger.warning("Another process is polling with this token; waiting")
                await _sleep(5.0, stopping)
                continue
            except NetworkError as problem:  # includes TimedOut; InvalidToken is fatal
                logger.warning("Polling failed (%s); trying again in %.0f s", problem, backoff)
                await _sleep(backoff, stopping)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
                continue
            if batch is None:
                break
            if metrics is not None:
                metrics.polled()
            backoff = 1.0
            updates, last_id = batch
            fresh = [update for update in updates if in_flight.is_new(update.update_id)]
            for update in fresh:
                in_flight.start(application, update)
            if last_id is not None:
                in_flight.seen(last_id)
            if busy and not fresh:
                await _sleep(BUSY_POLL_SECONDS, stopping)
    finally:
        await in_flight.finish(STOP_GRACE_SECONDS)
    offset = in_flight.offset
    if offset is not None:
        # Acknowledge what was finished, so a restart doesn't fetch it again.
        with contextlib.suppress(NetworkError):
            await bot.do_api_request(
                "getUpdates", api_kwargs={"offset": offset, "limit": 1, "timeout": 0}
            )


async def _fetch(
    application: Application,  # type: ignore[type-arg]
    offset: int | None,
    stopping: asyncio.Event,
    *,
    busy: bool = False,
    newest: int | None = None,
) -> tuple[list[Update], int | None] | None:
    """The next batch: its readable updates and the last update id in it (None: empty).
    None when asked to stop while waiting for it. `busy`: updates are in hand, so
    Telegram answers at once anyway; don't ask it to wait. `newest`: the last update read
    before; those up to it are not read again."""
    request = application.bot.do_api_request(
        "getUpdates",
        api_kwargs={
            "offset": offset,
            "limit": MAX_IN_FLIGHT,
            "timeout": 0 if busy else LONG_POLL_SECONDS,
            "allowed_updates": ALLOWED_UPDATES,
        },
        read_timeout=LONG_POLL_SECONDS + READ_MARGIN_SECONDS,
    )
    fetch = asyncio.ensure_future(request)
    stop = asyncio.ensure_future(stopping.wait())
    try:
        done, _ = await asyncio.wait({fetch, stop}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
    if fetch not in done:
        # Nothing fetched is lost: an unanswered poll acknowledges nothing.
        fetch.cancel()
        with contextlib.suppress(asyncio.CancelledError, NetworkError):
            await fetch
        return None
    return _parse(application, fetch.result(), newest)


def _parse(
    application: Application,  # type: ignore[type-arg]
    raw: object,
    newest: int | None = None,
) -> tuple[list[Update], int | None]:
    """Updates from the raw batch, one at a time; those up to `newest` were read before
    (Telegram sends them again until they are acknowledged) and are passed over.

    PTB's own get_updates fails the whole batch on one update it can't read (a newer or
    older Bot API than this PTB expects), logs the raw batch (clients' messages) and, as
    nothing is acknowledged, gets the same batch forever. Here such an update is logged by
    id alone and skipped, and everyone else's are handled.
    """
    updates: list[Update] = []
    last_id: int | None = None
    for item in raw if isinstance(raw, list) else []:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if isinstance(update_id, int):
            # Even an unreadable update moves the offset on, so it isn't fetched forever.
            last_id = update_id if last_id is None else max(last_id, update_id)
            if newest is not None and update_id <= newest:
                continue
        try:
            updates.append(Update.de_json(item, application.bot))
        except Exception as problem:
            kind = type(problem).__name__
            logger.error("Skipping update %s, which can't be read (%s)", update_id, kind)
    return updates, last_id


async def _handle_one(application: Application, update: Update) -> None:  # type: ignore[type-arg]
    """Handle one update: after the same client's earlier ones, concurrently with everyone
    else's (handlers.ordering)."""
    await handle_update(application, update)


async def _sleep(seconds: float, stopping: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
