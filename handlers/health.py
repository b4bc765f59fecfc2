"""GET /healthz and GET /metrics: for a load balancer, an orchestrator (a container's
HEALTHCHECK, systemd's watchdog script) and Prometheus.

Healthy (200) means both:
- the database answers `SELECT 1` within HEALTH_TIMEOUT_SECONDS, on a pooled connection and
  outside any transaction (so a writer holding SQLite's lock doesn't make the bot look down);
- in polling mode, getUpdates answered within the last STALE_POLL_SECONDS. A long poll
  returns at least every 10 s (handlers.polling) and a failed one is tried again after 1,
  2, 4... up to 30 s: 90 s is a few failed tries in a row, past a blip of the network,
  before a restart is called for. In webhook mode Telegram posts only when there is
  something to post, so silence proves nothing: the time since the last post is shown and
  health rests on the database.
Otherwise 503. The body is JSON saying which (and how long ago the last poll or post was);
it names no client. Served beside the webhook in webhook mode, and on HEALTH_PORT
(`HealthServer`) in either mode when it is set.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from typing import Any

from aiohttp import hdrs, web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy.engine import Connection
from telegram.ext import Application

from handlers.metrics import Metrics
from handlers.once import OncePerMinute
from storage.db import Database

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
HEALTH_TIMEOUT_SECONDS = 5.0
STALE_POLL_SECONDS = 90.0
# What the Server header says: no name or version of the software behind it.
SERVER_NAME = "reflection-companion"


class HealthUnusable(Exception):
    """HEALTH_PORT can't be served; the message is one line for the operator."""


class Health:
    """The answers to /healthz and /metrics, for whichever server serves them."""

    def __init__(self, application: Application, *, polling: bool) -> None:  # type: ignore[type-arg]
        self._application = application
        self._polling = polling
        self._started = time.monotonic()
        self._database = OncePerMinute(
            "Health check: the database did not answer (%s)",
            "Health check: the database did not answer %d more times (the last: %s)",
            log=logger,
        )
        self._stale = OncePerMinute(
            "Health check: getUpdates has not answered for %.0f s",
            "Health check: getUpdates had not answered, %d more times (the last: %.0f s)",
            log=logger,
        )

    @property
    def metrics(self) -> Metrics | None:
        metrics = getattr(self._application.bot_data, "metrics", None)
        return metrics if isinstance(metrics, Metrics) else None

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get(HEALTH_PATH, self.on_health)
        app.router.add_get(METRICS_PATH, self.on_metrics)

    def posted(self) -> None:
        """Telegram posted an update and it was handled (webhook mode)."""
        if self.metrics is not None:
            self.metrics.posted()

    async def on_health(self, request: web.Request) -> web.Response:
        """200 while healthy (see the module), 503 otherwise; JSON saying which part is not."""
        report: dict[str, Any] = {"mode": "polling" if self._polling else "webhook"}
        healthy = True
        database = self._application.bot_data.database
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
                await _ask(database)
            report["database"] = "ok"
        except Exception as problem:
            # Unauthenticated, and asked every few seconds: once a minute is enough.
            self._database.note(type(problem).__name__)
            report["database"] = "no answer"
            healthy = False
        metrics, now = self.metrics, time.monotonic()
        if self._polling:
            since = metrics.polled_at if metrics and metrics.polled_at else self._started
            age = now - since
            report["telegram"] = "ok" if age <= STALE_POLL_SECONDS else "no answer"
            report["last_poll_seconds_ago"] = round(age, 1)
            if age > STALE_POLL_SECONDS:
                self._stale.note(age)
                healthy = False
        else:
            posted = metrics.posted_at if metrics else None
            report["last_update_seconds_ago"] = None if posted is None else round(now - posted, 1)
        report["healthy"] = healthy
        return web.json_response(report, status=200 if healthy else 503, dumps=json.dumps)

    async def on_metrics(self, request: web.Request) -> web.Response:
        """Prometheus's text format (handlers.metrics)."""
        metrics = self.metrics
        if metrics is None:
            return web.Response(status=404)
        dependencies = self._application.bot_data
        body = await metrics.exposition(dependencies.database, dependencies.clock.now)
        response = web.Response(body=body)
        response.headers[hdrs.CONTENT_TYPE] = CONTENT_TYPE_LATEST
        return response


class HealthServer:
    """/healthz and /metrics on HEALTH_LISTEN:HEALTH_PORT, in either mode."""

    def __init__(self, health: Health, listen: str, port: int) -> None:
        self._health, self._listen, self._port = health, listen, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        self._health.add_routes(app)
        app.on_response_prepare.append(anonymous)
        runner = web.AppRunner(app, access_log=None, keepalive_timeout=10.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, self._listen, self._port).start()
        except OSError as problem:
            await runner.cleanup()
            reason = os.strerror(problem.errno) if problem.errno else type(problem).__name__
            raise HealthUnusable(
                f"can't listen on HEALTH_LISTEN {self._listen} HEALTH_PORT {self._port} "
                f"({reason}). Is another process using that port?"
            ) from None
        self._runner = runner
        logger.info("Health and metrics on %s:%d", self._listen, self._port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


async def anonymous(request: web.Request, response: web.StreamResponse) -> None:
    """The Server header without the software's name and version (aiohttp's default)."""
    response.headers[hdrs.SERVER] = SERVER_NAME


async def _ask(database: Database) -> None:
    """SELECT 1 on a pooled connection.

    Through the DBAPI connection rather than a SQLAlchemy transaction: ours begin with
    BEGIN IMMEDIATE on SQLite (storage.db), which would queue a health check behind every
    writer and hold the write lock for nothing.
    """

    def select_one(connection: Connection) -> None:
        cursor = connection.connection.cursor()
        try:
            cursor.execute("SELECT 1")
            cursor.fetchall()
        finally:
            cursor.close()

    async with database.engine.connect() as connection:
        await connection.run_sync(select_one)
