"""/healthz and /metrics on the real bot process against the emulator, in both modes:
healthy while the database and Telegram answer, unhealthy while PostgreSQL hangs and
healthy again after, and nothing in /metrics that names or quotes a client."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import httpx
import pytest

from emulator import Emulator
from tests.drills.test_frozen_database import silent_proxy_to
from tests.support.players import onboard, press
from tests.support.process import BotProcess, free_port

CLIENT = 7301928465
USERNAME = "username_marker_4f2a"
FIRST_NAME = "Firstname-marker-9c3e"
WORDS = "words-marker-b81d my sister's wedding"


async def _traffic(emulator: Emulator) -> None:
    """A client who starts, adds a goal in their own words, and rates a session."""
    emulator.add_user(CLIENT, first_name=FIRST_NAME, username=USERNAME)
    await onboard(emulator, CLIENT)
    # One flood wait, waited out and the call tried again.
    emulator.fail_next(1, 429, retry_after=1, methods=["sendMessage"])
    await emulator.send_text(CLIENT, "/goals")
    await press(emulator, CLIENT, await emulator.next_message(CLIENT), "Add a goal")
    await emulator.send_text(CLIENT, WORDS)
    await emulator.next_message(CLIENT)
    await emulator.send_text(CLIENT, "/reflect")
    await emulator.next_message(CLIENT)
    question = await emulator.next_message(CLIENT)
    await press(emulator, CLIENT, question, "8")


def _value(metrics: str, name: str) -> float:
    found = re.search(rf"^{re.escape(name)} (\S+)$", metrics, re.MULTILINE)
    assert found, f"{name} not in /metrics"
    return float(found.group(1))


def _holds_no_client(metrics: str) -> None:
    for secret in (str(CLIENT), USERNAME, FIRST_NAME, "words-marker", "sister"):
        assert secret not in metrics
    # Every label value is one of a few fixed words.
    for labels in re.findall(r"\{([^}]*)\}", metrics):
        for value in re.findall(r'="([^"]*)"', labels):
            assert re.fullmatch(r"[a-z_]+|[0-9.]+|\+Inf", value), value


async def test_polling_health_and_metrics_after_real_traffic(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    port = free_port()
    bot = BotProcess(emulator, tmp_path, database_url, {"HEALTH_PORT": str(port)})
    await bot.start()
    try:
        await _traffic(emulator)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            health = await client.get("/healthz")
            metrics = (await client.get("/metrics")).text
    finally:
        await bot.stop()
    assert health.status_code == 200
    report = health.json()
    assert (report["healthy"], report["mode"], report["database"], report["telegram"]) == (
        True, "polling", "ok", "ok"
    )  # fmt: skip
    assert report["last_poll_seconds_ago"] < 15
    assert _value(metrics, 'reflection_turns_total{outcome="stored"}') >= 6
    assert _value(metrics, 'reflection_updates_total{outcome="handled"}') >= 6
    assert _value(metrics, "reflection_turn_seconds_count") >= 6
    assert _value(metrics, "reflection_clients_active_week") == 1
    assert _value(metrics, "reflection_last_poll_timestamp_seconds") > time.time() - 60
    assert 'reflection_prompts_total{outcome="missed"} 0.0' in metrics
    assert _value(metrics, "reflection_telegram_flood_waits_total") == 1
    assert _value(metrics, "reflection_telegram_retries_total") == 1
    assert 'reflection_database_errors_total{kind="driver"}' in metrics
    _holds_no_client(metrics)


async def test_no_health_port_in_polling_mode_by_default(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    if not database_url.startswith("sqlite"):
        pytest.skip("the same on both databases")
    bot = BotProcess(emulator, tmp_path, database_url)
    await bot.start()
    try:
        assert "Health and metrics on" not in bot.log
    finally:
        await bot.stop()


async def test_webhook_serves_health_and_metrics_beside_the_webhook(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    bot = BotProcess(emulator, tmp_path, database_url, webhook=True)
    await bot.start()
    try:
        await _traffic(emulator)
        async with httpx.AsyncClient() as client:
            health = await client.get(bot.health_url)
            metrics = (await client.get(bot.health_url.replace("/healthz", "/metrics"))).text
    finally:
        await bot.stop()
    assert health.status_code == 200
    report = health.json()
    assert (report["healthy"], report["mode"], report["database"]) == (True, "webhook", "ok")
    assert report["last_update_seconds_ago"] < 60
    assert _value(metrics, 'reflection_turns_total{outcome="stored"}') >= 6
    assert _value(metrics, "reflection_last_webhook_update_timestamp_seconds") > time.time() - 60
    _holds_no_client(metrics)


async def test_health_goes_503_while_postgresql_hangs_and_200_after(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite is a file in the bot's own process: there is no connection to hang")
    port = free_port()
    async with silent_proxy_to(database_url) as (proxy, proxied_url):
        bot = BotProcess(emulator, tmp_path, proxied_url, {"HEALTH_PORT": str(port)})
        await bot.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
                assert (await c.get("/healthz")).status_code == 200
                proxy.freeze()
                started = time.monotonic()
                hung = await c.get("/healthz")
                # Within the health check's own limit (5 s), not TCP's.
                assert hung.status_code == 503 and time.monotonic() - started < 8
                assert hung.json()["database"] == "no answer"
                metrics = (await c.get("/metrics")).text  # answers, database or not
                assert "reflection_turns_total" in metrics
                proxy.thaw()
                deadline = time.monotonic() + 30
                while (await c.get("/healthz")).status_code != 200:
                    assert time.monotonic() < deadline, "still unhealthy 30 s after the thaw"
                    await asyncio.sleep(0.5)
        finally:
            await bot.stop()
