"""Running the Application: initialize, poll (or serve a webhook) until told to stop, shut
down in order.

We drive PTB's documented steps ourselves rather than `run_polling()`, so that a start-up
failure (no network, a refused token, an unusable database) reaches `__main__` as one
exception to explain in one line, instead of being logged with a traceback by PTB's retry
loop first; so that updates are acknowledged only once handled (`handlers.polling`); and so that
the terminal demo runs the very same sequence.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable

from telegram.error import BadRequest
from telegram.ext import Application

from bot.config import ConfigError
from handlers.health import Health, HealthServer
from handlers.outbox import Outbox
from handlers.polling import ALLOWED_UPDATES, poll
from handlers.webhook import Webhook, WebhookServer

logger = logging.getLogger(__name__)

# Telegram's default. Each connection is one update in hand; one client's wait for each
# other (handlers.ordering), and SQLite takes one writer at a time whatever this says.
WEBHOOK_MAX_CONNECTIONS = 40


async def serve(
    application: Application,  # type: ignore[type-arg]
    until: Callable[[], Awaitable[object]],
    webhook: Webhook | None = None,
    health: tuple[str, int] | None = None,
) -> None:
    """Run the bot until `until()` completes, then stop cleanly: with long polling, or, given
    `webhook`, answering the updates Telegram posts (handlers.webhook). Given `health`
    (address, port), /healthz and /metrics are served there too (handlers.health)."""
    server = None
    if health is not None:
        server = HealthServer(Health(application, polling=webhook is None), *health)
    try:
        if webhook is None:
            await _serve(application, until, server)
        else:
            await _serve_webhook(application, until, webhook, server)
    finally:
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def _serve(
    application: Application,  # type: ignore[type-arg]
    until: Callable[[], Awaitable[object]],
    health: HealthServer | None = None,
) -> None:
    async with application, _serving(health):  # initialize (getMe), shutdown however we leave
        if application.post_init is not None:
            await application.post_init(application)
        # Telegram refuses getUpdates while a webhook is set.
        await application.bot.delete_webhook(drop_pending_updates=False)
        await application.start()
        stopping = asyncio.Event()
        polling = asyncio.create_task(poll(application, stopping))
        waiting = asyncio.ensure_future(until())
        try:
            # Whichever ends first: the caller's condition, or polling (a fatal error).
            await asyncio.wait({polling, waiting}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.set()
            waiting.cancel()
            await polling  # finishes the updates in hand; re-raises a fatal polling error
            await _send_queued(application)
            await application.stop()


async def _serve_webhook(
    application: Application,  # type: ignore[type-arg]
    until: Callable[[], Awaitable[object]],
    webhook: Webhook,
    health: HealthServer | None = None,
) -> None:
    async with application, _serving(health):
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        server = WebhookServer(application, webhook)
        try:
            # Listening first: Telegram posts as soon as the webhook is set, and a port in
            # use is found before Telegram is told anything.
            await server.start()
            try:
                await application.bot.set_webhook(
                    url=webhook.url,
                    secret_token=webhook.secret,
                    allowed_updates=ALLOWED_UPDATES,
                    max_connections=WEBHOOK_MAX_CONNECTIONS,
                    drop_pending_updates=False,
                )
            except BadRequest as refused:
                raise ConfigError(f"Telegram refused WEBHOOK_URL: {refused.message}") from None
            logger.info("Webhook set; Telegram posts updates to %s", webhook.url)
            await until()
        finally:
            # Stop accepting and finish the updates in hand. The webhook stays set: other
            # replicas may still be serving, and this one picks up where it left off.
            await server.stop()
            await _send_queued(application)
            await application.stop()


@contextlib.asynccontextmanager
async def _serving(health: HealthServer | None) -> AsyncIterator[None]:
    """The health server from before start-up (the database is migrated meanwhile, and a
    container's health check may ask then) to after everything else has stopped."""
    if health is not None:
        await health.start()
    try:
        yield
    finally:
        if health is not None:
            await health.stop()


async def _send_queued(application: Application) -> None:  # type: ignore[type-arg]
    """Replies still queued after the last turn go out, for a bounded time (PTB's stop would
    wait for them without end)."""
    outbox = getattr(application.bot_data, "outbox", None)
    if isinstance(outbox, Outbox):
        await outbox.close()


async def stop_signal() -> None:
    """Completes on SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
