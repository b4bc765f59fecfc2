"""getUpdates: long polling, acknowledgement by offset, redelivery, 409 conflicts."""

from __future__ import annotations

import asyncio
import time

import httpx

from emulator import Emulator
from tests.emulator.botapi import BotApi


async def test_long_poll_returns_empty_after_its_timeout(api: BotApi) -> None:
    started = time.monotonic()
    assert await api.ok("getUpdates", timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 2.0


async def test_long_poll_returns_early_when_an_update_arrives(api: BotApi, emu: Emulator) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(api.ok("getUpdates", timeout=10))
    await asyncio.sleep(0.2)
    await emu.send_text(1001, "hello")
    updates = await poll
    assert time.monotonic() - started < 2.0
    assert [u["message"]["text"] for u in updates] == ["hello"]


async def test_offset_acknowledges_and_unacknowledged_updates_come_back(
    api: BotApi, emu: Emulator
) -> None:
    for text in ("one", "two", "three"):
        await emu.send_text(1001, text)
    first = await api.ok("getUpdates", limit=2)
    assert [u["message"]["text"] for u in first] == ["one", "two"]
    # Without an offset nothing is acknowledged: a restarted bot gets the same updates.
    again = await api.ok("getUpdates")
    assert [u["message"]["text"] for u in again] == ["one", "two", "three"]
    assert emu.pending_updates() == 3
    rest = await api.ok("getUpdates", offset=first[-1]["update_id"] + 1)
    assert [u["message"]["text"] for u in rest] == ["three"]
    assert emu.pending_updates() == 1
    assert await api.ok("getUpdates", offset=rest[-1]["update_id"] + 1) == []
    assert emu.pending_updates() == 0


async def test_update_ids_increase(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "a")
    await emu.send_text(1002, "b")
    ids = [u["update_id"] for u in await api.ok("getUpdates")]
    assert ids == sorted(ids) and len(set(ids)) == 2


async def test_negative_offset_keeps_the_last_updates(api: BotApi, emu: Emulator) -> None:
    for text in ("one", "two", "three"):
        await emu.send_text(1001, text)
    last = await api.ok("getUpdates", offset=-1)
    assert [u["message"]["text"] for u in last] == ["three"]
    assert emu.pending_updates() == 1


async def test_concurrent_get_updates_terminates_the_older_with_409(api: BotApi) -> None:
    older = asyncio.create_task(api.call("getUpdates", timeout=10))
    await asyncio.sleep(0.2)
    newer = await api.ok("getUpdates", timeout=0)
    response = await asyncio.wait_for(older, 2)
    assert newer == []
    assert response.status_code == 409
    assert response.json()["description"].startswith(
        "Conflict: terminated by other getUpdates request"
    )


async def test_allowed_updates_filters_and_persists(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "text")
    emu.block(1001)
    updates = await api.ok("getUpdates", allowed_updates=["my_chat_member"])
    assert [next(k for k in u if k != "update_id") for u in updates] == ["my_chat_member"]
    emu.unblock(1001)
    await emu.send_text(1001, "later")
    # The filter is remembered by later calls that do not repeat it.
    updates = await api.ok("getUpdates")
    assert all("my_chat_member" in u for u in updates)


async def test_webhook_is_stored_and_blocks_polling(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    assert await api.ok("setWebhook", url="https://example.invalid/hook", secret_token="s3cr-t")
    info = await api.ok("getWebhookInfo")
    assert info["url"] == "https://example.invalid/hook"
    assert info["pending_update_count"] == 1
    assert emu.webhook.secret_token == "s3cr-t"
    description = await api.error("getUpdates", 409)
    assert "webhook is active" in description
    assert await api.ok("deleteWebhook", drop_pending_updates=True)
    assert emu.pending_updates() == 0
    assert await api.ok("getUpdates") == []


async def test_stop_releases_a_waiting_poll() -> None:
    emu = Emulator()
    await emu.start()
    async with httpx.AsyncClient(timeout=10) as client:
        poll = asyncio.create_task(
            client.post(f"{emu.base_url}{emu.token}/getUpdates", data={"timeout": "30"})
        )
        await asyncio.sleep(0.2)
        started = time.monotonic()
        await emu.stop()
        response = await asyncio.wait_for(poll, 5)
    assert response.json() == {"ok": True, "result": []}
    assert time.monotonic() - started < 3
