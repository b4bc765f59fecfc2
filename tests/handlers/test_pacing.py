"""Telegram's flood wait for one chat delays that chat's sends only."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from telegram.error import RetryAfter

from handlers.pacing import ChatPacing

FLOODED, OTHER = 1001, 1002


class FakeTelegram:
    """Answers 429 (retry after 1 s) to the first message to FLOODED; records the rest."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.refused = False
        self.sent: dict[int, float] = {}

    async def send(self, chat_id: int) -> dict[str, Any]:
        if chat_id == FLOODED and not self.refused:
            self.refused = True
            raise RetryAfter(1)
        self.sent[chat_id] = time.monotonic() - self.started
        return {"ok": True}


async def call(pacing: ChatPacing, telegram: FakeTelegram, chat_id: int) -> None:
    await pacing.process_request(
        telegram.send, (chat_id,), {}, "sendMessage", {"chat_id": chat_id}, None
    )


async def test_a_flood_wait_in_one_chat_does_not_hold_another():
    pacing = ChatPacing(overall_max_rate=30)
    telegram = FakeTelegram()
    flooded = asyncio.create_task(call(pacing, telegram, FLOODED))
    await asyncio.sleep(0.1)  # refused, and waiting it out
    await call(pacing, telegram, OTHER)
    await flooded
    assert telegram.sent[OTHER] < 0.5
    assert telegram.sent[FLOODED] >= 1.0


async def test_a_chat_told_to_wait_waits_for_its_next_send_too():
    pacing = ChatPacing(overall_max_rate=30)
    telegram = FakeTelegram()
    flooded = asyncio.create_task(call(pacing, telegram, FLOODED))
    await asyncio.sleep(0.1)
    telegram.refused = True  # no more 429s: the wait alone holds the next send back
    later = asyncio.create_task(call(pacing, telegram, FLOODED))
    await asyncio.gather(flooded, later)
    assert telegram.sent[FLOODED] >= 1.0
