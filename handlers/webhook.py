"""Webhook mode: Telegram posts each update to us, and hears back only once it is handled.

As with `handlers.polling`, an update is acknowledged (answered 200) only after it has been
handled to the end, its turn committed: if the process dies midway, Telegram posts it
again, to this replica after a restart or to another one, and a turn already committed
recognises its update id and changes nothing (`storage.clients.already_handled`).

A request must carry the secret given to setWebhook in its X-Telegram-Bot-Api-Secret-Token
header (compared in constant time); without it the answer is a bare 403 and nothing is read.
The server is meant to sit behind a reverse proxy, but holds on its own against a client
that sends slowly or not at all: a request's headers must arrive within
HEADER_TIMEOUT_SECONDS of connecting and its body within BODY_TIMEOUT_SECONDS, at most
MAX_CONNECTIONS are open at once (more are closed as they come), and whatever repeats (a
refused request, a failing health check, running out of file descriptors) is logged once
a minute with how many there were.

Why aiohttp: it is already a dependency (Bot API calls go through it, `handlers.http`), and the
server is three routes. PTB's own webhook server (tornado) queues an update and answers 200
at once, which would lose an update in hand when the process dies, and it has no health
endpoint; Starlette and uvicorn would add two dependencies for the same three routes.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from handlers.health import HEALTH_PATH, METRICS_PATH, Health, anonymous
from handlers.once import OncePerMinute
from handlers.ordering import handle_update

logger = logging.getLogger(__name__)


class WebhookUnusable(Exception):
    """The webhook settings can't be served; the message is one line for the operator."""


@dataclass(frozen=True)
class Webhook:
    """Webhook mode: Telegram posts updates to `url`, which a reverse proxy passes to
    `listen`:`port`; a request without `secret` in its header is refused (handlers.webhook)."""

    url: str
    secret: str
    listen: str
    port: int

    @property
    def path(self) -> str:
        """The path the bot serves: the path of the public URL (the proxy keeps it)."""
        return urlsplit(self.url).path or "/"


SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are a few kilobytes; anything far larger is not Telegram.
MAX_BODY_BYTES = 1024 * 1024
# On stop, updates in hand get this long to finish; Telegram posts any cut short again.
SHUTDOWN_GRACE_SECONDS = 15.0
# Telegram sends a request at once; a client that dawdles over it is not Telegram. The
# headers' limit is aiohttp's keep-alive timeout, which counts from the connection's start
# and between requests.
HEADER_TIMEOUT_SECONDS = 10.0
BODY_TIMEOUT_SECONDS = 10.0
# Far more than Telegram opens (setWebhook's max_connections, bot.serve) and the health
# checks need; each open connection holds a file descriptor.
MAX_CONNECTIONS = 200
# asyncio's message when accept() fails for want of file descriptors or memory.
_ACCEPT_FAILED = "socket.accept() out of system resource"


class WebhookServer:
    """The bot's HTTP side in webhook mode: POST <path of WEBHOOK_URL>, and GET /healthz
    and /metrics (handlers.health)."""

    def __init__(self, application: Application, webhook: Webhook) -> None:  # type: ignore[type-arg]
        if webhook.path in (HEALTH_PATH, METRICS_PATH):
            raise WebhookUnusable(
                f"WEBHOOK_URL can't end in {webhook.path}: that is the health check's"
            )
        self._application = application
        self._webhook = webhook
        self._secret = webhook.secret.encode()
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None
        self._refusals = OncePerMinute(
            "Refused a webhook request without the right secret token",
            "Refused %d more webhook requests without the right secret token",
            log=logger,
        )
        self._health = Health(application, polling=False)
        self._accept = OncePerMinute(
            "Can't accept connections: out of file descriptors or memory (%s)",
            "Can't accept connections %d more times: out of file descriptors or memory (%s)",
            logging.ERROR,
            log=logger,
        )
        self._crowded = OncePerMinute(
            "Closed a connection: %d are open already",
            "Closed %d more connections: %d were open already",
            log=logger,
        )
        self._loop_errors: Any = None

    async def start(self) -> None:
        """Listen on WEBHOOK_LISTEN:WEBHOOK_PORT, or `WebhookUnusable` if that can't be done."""
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_post(self._webhook.path, self._on_update)
        self._health.add_routes(app)
        app.on_response_prepare.append(anonymous)
        # The access log would be the only place the server logs; it holds nothing we need.
        runner = web.AppRunner(
            app,
            access_log=None,
            shutdown_timeout=SHUTDOWN_GRACE_SECONDS,
            keepalive_timeout=HEADER_TIMEOUT_SECONDS,
            # A body left unread (a refused sender's, one that never arrived whole) isn't
            # waited for: the connection closes after the answer. aiohttp's default lingers
            # up to 10 s reading it, holding a connection for a sender we turned away.
            lingering_time=0,
        )
        await runner.setup()
        server = runner.server
        assert server is not None

        def connection() -> asyncio.BaseProtocol:
            """aiohttp's handler for a new connection, unless too many are open."""
            if len(server.connections) >= MAX_CONNECTIONS:
                self._crowded.note(MAX_CONNECTIONS)
                return _Closing()
            return server()

        loop = asyncio.get_running_loop()
        try:
            self._listener = await loop.create_server(
                connection, self._webhook.listen, self._webhook.port
            )
        except OSError as problem:
            await runner.cleanup()
            reason = os.strerror(problem.errno) if problem.errno else type(problem).__name__
            raise WebhookUnusable(
                f"can't listen on WEBHOOK_LISTEN {self._webhook.listen} WEBHOOK_PORT "
                f"{self._webhook.port} ({reason}). Is another process using that port?"
            ) from None
        self._runner = runner
        self._loop_errors = loop.get_exception_handler()
        loop.set_exception_handler(self._on_loop_error)
        logger.info(
            "Listening for Telegram's updates on %s:%d%s",
            self._webhook.listen,
            self._webhook.port,
            self._webhook.path,
        )

    async def stop(self) -> None:
        """Stop accepting, and let the updates in hand finish (up to the grace period)."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            asyncio.get_running_loop().set_exception_handler(self._loop_errors)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """Failed accept()s once a minute; everything else as before. At the file limit
        asyncio reports each failed accept(), with a traceback, many times a second."""
        if context.get("message") == _ACCEPT_FAILED:
            problem = context.get("exception")
            self._accept.note(os.strerror(problem.errno) if isinstance(problem, OSError)
                              and problem.errno else type(problem).__name__)  # fmt: skip
            return
        if self._loop_errors is not None:
            self._loop_errors(loop, context)
        else:
            loop.default_exception_handler(context)

    async def _on_update(self, request: web.Request) -> web.Response:
        """One update from Telegram: answered 200 once handled, 403 without the secret."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            # Not Telegram (or a secret that changed): the body is never read.
            self._refusals.note()
            return web.Response(status=403)
        try:
            async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
                body = await request.read()
        except TimeoutError:
            return web.Response(status=408)
        try:
            raw = json.loads(body)
        except (ValueError, RecursionError) as problem:
            # Nested past Python's recursion limit, or not JSON: not an update Telegram sent.
            logger.warning("Webhook request with an unreadable body (%s); answered 400",
                           type(problem).__name__)  # fmt: skip
            return web.Response(status=400)
        if not isinstance(raw, dict):
            logger.warning("Webhook request whose body is not an update; answered 400")
            return web.Response(status=400)
        update = self._read(raw)
        if update is None:
            # Answered 200 all the same: Telegram would post it again forever otherwise.
            return web.Response(status=200)
        if not await handle_update(self._application, update):
            # Telegram posts the update again; if it was stored, the repeat changes nothing.
            return web.Response(status=500)
        self._health.posted()
        return web.Response(status=200)

    def _read(self, raw: dict[str, object]) -> Update | None:
        """The update, or None (logged by id alone) when this PTB can't read it: a newer or
        older Bot API than it expects. Its body may be a client's message: never logged."""
        try:
            return Update.de_json(raw, self._application.bot)
        except Exception as problem:
            # Telegram's ids are numbers; anything else is not echoed, whatever it holds.
            given = raw.get("update_id")
            update_id = given if isinstance(given, int) and not isinstance(given, bool) else "?"
            kind = type(problem).__name__
            logger.error("Skipping update %s, which can't be read (%s)", update_id, kind)
            return None


class _Closing(asyncio.Protocol):
    """A connection over the limit: closed as soon as it is made."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()
