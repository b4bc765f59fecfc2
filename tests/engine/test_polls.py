"""The bot's polls go over the same aiohttp request as every other Bot API call
(handlers.http): httpx carries none of them (benchmarks/getupdates.py: a fourth of the CPU
a poll)."""

from __future__ import annotations

import asyncio

import pytest
from telegram.request import HTTPXRequest

from handlers.polling import poll
from tests.support.engine import InProcessBot
from tests.support.players import until

CLIENT = 6101


async def _no_httpx(*_: object, **__: object) -> tuple[int, bytes]:
    raise AssertionError("a Bot API call went through httpx")


# handlers.polling silences it for the bot; pytest brings warnings back for each test.
@pytest.mark.filterwarnings("ignore:.*Bot.getUpdates.*do_api_request")
async def test_the_polling_loop_fetches_and_acknowledges_over_aiohttp(
    bot: InProcessBot, monkeypatch: pytest.MonkeyPatch
):
    # The one way to see which library carried a call: make httpx's refuse to.
    monkeypatch.setattr(HTTPXRequest, "do_request", _no_httpx)
    stopping = asyncio.Event()
    polling = asyncio.create_task(poll(bot.application, stopping))
    try:
        await bot.emulator.send_text(CLIENT, "/start")
        await until(lambda: bool(bot.emulator.messages(CLIENT)))
        await until(lambda: bot.emulator.pending_updates() == 0)
    finally:
        stopping.set()
        await asyncio.wait_for(polling, 20)
    assert "welcome" in (bot.emulator.messages(CLIENT)[0].plain_text or "")
    assert bot.emulator.pending_updates() == 0  # acknowledged on stop, over aiohttp too
