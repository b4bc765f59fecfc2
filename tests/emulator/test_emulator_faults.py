"""Fault injection and blocking, seen over raw HTTP."""

from __future__ import annotations

import time

from emulator import Emulator
from tests.emulator.botapi import BotApi


async def test_429_carries_retry_after(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    emu.fail_next(n=1, status=429, retry_after=2, methods={"sendMessage"})
    response = await api.call("sendMessage", chat_id=1001, text="x")
    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2},
    }
    # Consumed: the next call goes through, and the failed one sent nothing.
    await api.ok("sendMessage", chat_id=1001, text="x")
    assert len(emu.messages(1001)) == 1


async def test_5xx_faults_are_consumed_in_order(api: BotApi, emu: Emulator) -> None:
    emu.fail_next(n=2, status=502)
    assert await api.error("getMe", 502) == "Bad Gateway"
    assert await api.error("getMe", 502) == "Bad Gateway"
    await api.ok("getMe")


async def test_untargeted_faults_skip_get_updates(api: BotApi, emu: Emulator) -> None:
    emu.fail_next(n=1, status=500)
    assert await api.ok("getUpdates") == []
    assert await api.error("getMe", 500) == "Internal Server Error"


async def test_faults_only_hit_their_methods(api: BotApi, emu: Emulator) -> None:
    emu.fail_next(n=1, status=403, methods=["sendChatAction"])
    await api.ok("getMe")
    await emu.send_text(1001, "hi")
    description = await api.error("sendChatAction", 403, chat_id=1001, action="typing")
    assert description == "Forbidden: bot was blocked by the user"


async def test_slow_next_delays_the_response_but_executes(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    emu.slow_next(n=1, delay=0.5, methods={"sendMessage"})
    started = time.monotonic()
    await api.ok("sendMessage", chat_id=1001, text="late")
    assert time.monotonic() - started >= 0.5
    started = time.monotonic()
    await api.ok("sendMessage", chat_id=1001, text="quick")
    assert time.monotonic() - started < 0.4


async def test_block_answers_403_and_queues_member_updates(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    await api.ok("getUpdates", offset=100)
    emu.block(1001)
    assert await api.error("sendMessage", 403, chat_id=1001, text="x") == (
        "Forbidden: bot was blocked by the user"
    )
    emu.unblock(1001)
    await api.ok("sendMessage", chat_id=1001, text="x")
    updates = await api.ok("getUpdates")
    statuses = [u["my_chat_member"]["new_chat_member"]["status"] for u in updates]
    assert statuses == ["kicked", "member"]
