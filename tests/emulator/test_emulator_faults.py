"""Fault injection and blocking, seen over raw HTTP."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

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


async def test_fail_every_fails_each_nth_call_until_cleared(api: BotApi, emu: Emulator) -> None:
    emu.fail_every(3, status=502)
    outcomes = []
    for _ in range(7):
        response = await api.call("getMe")
        outcomes.append(response.status_code)
        await api.ok("getUpdates")  # not counted: untargeted faults skip polling
    assert outcomes == [200, 200, 502, 200, 200, 502, 200]
    emu.clear_faults()
    for _ in range(3):
        await api.ok("getMe")


async def test_fail_every_counts_only_its_methods(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    emu.fail_every(2, status=429, retry_after=1, methods={"sendMessage"})
    await api.ok("getMe")
    await api.ok("sendMessage", chat_id=1001, text="one")
    assert await api.error("sendMessage", 429, chat_id=1001, text="two") == (
        "Too Many Requests: retry after 1"
    )
    await api.ok("getMe")
    await api.ok("sendMessage", chat_id=1001, text="three")
    assert [m.text for m in emu.messages(1001)] == ["one", "three"]


async def test_a_stalled_call_abandoned_by_the_bot_never_takes_effect(
    api: BotApi, emu: Emulator
) -> None:
    await emu.send_text(1001, "hi")
    emu.stall_next(n=1, delay=0.5, methods={"sendMessage"})
    with pytest.raises(httpx.TimeoutException):
        await api.client.post(
            f"{emu.base_url}{emu.token}/sendMessage",
            data={"chat_id": "1001", "text": "lost"},
            timeout=0.1,
        )
    await asyncio.sleep(0.8)
    assert emu.messages(1001) == []
    # Consumed: the next call is carried out at once.
    await api.ok("sendMessage", chat_id=1001, text="kept")
    assert [m.text for m in emu.messages(1001)] == ["kept"]


async def test_a_stalled_call_waited_for_takes_effect_late(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    emu.stall_next(n=1, delay=0.4, methods={"sendMessage"})
    started = time.monotonic()
    await api.ok("sendMessage", chat_id=1001, text="late")
    assert time.monotonic() - started >= 0.4
    assert [m.text for m in emu.messages(1001)] == ["late"]


async def test_a_slow_rule_waits_for_a_call_that_is_carried_out(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    emu.fail_next(n=1, status=500, methods={"sendMessage"})
    emu.slow_next(n=1, delay=0.4, methods={"sendMessage"})
    await api.error("sendMessage", 500, chat_id=1001, text="failed")
    started = time.monotonic()  # the rule is still there for the call carried out
    await api.ok("sendMessage", chat_id=1001, text="sent, answered late")
    assert time.monotonic() - started >= 0.4
    assert [m.text for m in emu.messages(1001)] == ["sent, answered late"]
