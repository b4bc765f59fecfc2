"""/healthz in polling mode, in-process: a poll older than STALE_POLL_SECONDS is unhealthy."""

from __future__ import annotations

import time
from types import SimpleNamespace

import httpx

from handlers.health import STALE_POLL_SECONDS, Health, HealthServer
from handlers.metrics import Metrics
from storage.db import Database, create_engine
from tests.support.process import free_port


async def test_a_stale_poll_is_unhealthy_and_a_fresh_one_healthy(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    metrics = Metrics()
    application = SimpleNamespace(
        bot_data=SimpleNamespace(database=Database(engine), metrics=metrics)
    )
    port = free_port()
    server = HealthServer(Health(application, polling=True), "127.0.0.1", port)  # type: ignore[arg-type]
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            metrics.polled()
            fresh = await client.get("/healthz")
            metrics.polled_at = time.monotonic() - STALE_POLL_SECONDS - 1
            stale = await client.get("/healthz")
    finally:
        await server.stop()
        await engine.dispose()
    assert (fresh.status_code, fresh.json()["telegram"]) == (200, "ok")
    assert (stale.status_code, stale.json()["telegram"], stale.json()["database"]) == (
        503, "no answer", "ok"
    )  # fmt: skip
