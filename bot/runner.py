"""Running the Application: initialize, poll until told to stop, shut down in order.

We drive PTB's documented steps ourselves rather than `run_polling()`, so that a start-up
failure (no network, a refused token, an unusable database) reaches `__main__` as one
exception to explain in one line, instead of being logged with a traceback by PTB's retry
loop first; and so that the terminal demo runs the very same sequence.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable

from telegram.ext import Application


async def serve(
    application: Application,  # type: ignore[type-arg]
    until: Callable[[], Awaitable[object]],
) -> None:
    """Run the bot with long polling until `until()` completes, then stop cleanly."""
    async with application:  # initialize (getMe), and shutdown however we leave
        if application.post_init is not None:
            await application.post_init(application)
        updater = application.updater
        assert updater is not None
        await updater.start_polling(poll_interval=0.0, timeout=10, drop_pending_updates=False)
        await application.start()
        try:
            await until()
        finally:
            # Updater first: it acknowledges what it fetched, so nothing is fetched twice.
            await updater.stop()
            await application.stop()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


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
