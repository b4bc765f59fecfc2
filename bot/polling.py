"""Long polling that acknowledges an update only after it has been handled.

PTB's Updater puts fetched updates on a queue and at once polls again with the next offset,
which tells Telegram they were received: if the process dies before handling them, they
are gone, and a client's answer with them. Here a batch is handled to the end (each turn
committed) before the next poll acknowledges it; if the process dies midway, Telegram sends
the batch again, and turns already committed recognise their update id and change nothing
(`storage.repo.already_handled`). Together: every update takes effect exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from datetime import timedelta

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

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


async def poll(application: Application, stopping: asyncio.Event) -> None:  # type: ignore[type-arg]
    """Fetch and handle updates until `stopping` is set; then acknowledge what was handled."""
    bot = application.bot
    offset: int | None = None
    backoff = 1.0
    while not stopping.is_set():
        try:
            batch = await _fetch(application, offset, stopping)
        except RetryAfter as flood:
            await _sleep(_seconds(flood.retry_after), stopping)
            continue
        except Conflict:
            logger.warning("Another process is polling with this token; waiting")
            await _sleep(5.0, stopping)
            continue
        except NetworkError as problem:  # includes TimedOut; InvalidToken is fatal and rises
            logger.warning("Polling failed (%s); trying again in %.0f s", problem, backoff)
            await _sleep(backoff, stopping)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            continue
        if batch is None:
            break
        backoff = 1.0
        updates, last_id = batch
        if updates:
            await _handle(application, updates)
        if last_id is not None:
            offset = last_id + 1
    if offset is not None:
        # Acknowledge the last batch, so a restart doesn't fetch it again.
        with contextlib.suppress(NetworkError):
            await bot.do_api_request(
                "getUpdates", api_kwargs={"offset": offset, "limit": 1, "timeout": 0}
            )


async def _fetch(
    application: Application,  # type: ignore[type-arg]
    offset: int | None,
    stopping: asyncio.Event,
) -> tuple[list[Update], int | None] | None:
    """The next batch: its readable updates and the last update id in it (None: empty).
    None when asked to stop while waiting for it."""
    request = application.bot.do_api_request(
        "getUpdates",
        api_kwargs={
            "offset": offset,
            "timeout": LONG_POLL_SECONDS,
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
    return _parse(application, fetch.result())


def _parse(
    application: Application,  # type: ignore[type-arg]
    raw: object,
) -> tuple[list[Update], int | None]:
    """Updates from the raw batch, one at a time.

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
        try:
            updates.append(Update.de_json(item, application.bot))
        except Exception as problem:
            kind = type(problem).__name__
            logger.error("Skipping update %s, which can't be read (%s)", update_id, kind)
    return updates, last_id


async def _handle(application: Application, updates: list[Update]) -> None:  # type: ignore[type-arg]
    """Handle a batch: different clients concurrently, one client's updates in order
    (the application's update processor), every one finished before we return."""
    processor = application.update_processor
    await asyncio.gather(
        *(
            processor.process_update(update, application.process_update(update))
            for update in updates
        )
    )


def _seconds(retry_after: object) -> float:
    """RetryAfter.retry_after is seconds, or a timedelta in newer PTB releases."""
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after) if isinstance(retry_after, int | float) else 1.0


async def _sleep(seconds: float, stopping: asyncio.Event) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), timeout=seconds)
