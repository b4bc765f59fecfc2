"""Running the Application: initialize, poll until told to stop, shut down in order.

We drive PTB's documented steps ourselves rather than `run_polling()`, so that a start-up
failure (no network, a refused token, an unusable database) reaches `__main__` as one
exception to explain in one line, instead of being logged with a traceback by PTB's retry
loop first; so that updates are acknowledged only once handled (`bot.polling`); and so that
the terminal demo runs the very same sequence.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable

from telegram.ext import Application

from bot.polling import poll


async def serve(
    application: Application,  # type: ignore[type-arg]
    until: Callable[[], Awaitable[object]],
) -> None:
    """Run the bot with long polling until `until()` completes, then stop cleanly."""
    try:
        await _serve(application, until)
    finally:
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def _serve(
    application: Application,  # type: ignore[type-arg]
    until: Callable[[], Awaitable[object]],
) -> None:
    async with application:  # initialize (getMe), and shutdown however we leave
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
            await polling  # finishes the batch in hand; re-raises a fatal polling error
            await application.stop()


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
