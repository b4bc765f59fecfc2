"""The bot's Bot API calls over aiohttp: what PTB sends arrives, and failures mean what
they mean with PTB's own networking (timeouts, unreachable servers, Telegram's errors)."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from emulator import Emulator
from handlers.http import AiohttpRequest

ADA = 1001


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator() as emu:
        emu.open_chat(ADA)
        yield emu


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    async with Bot(emulator.token, base_url=emulator.base_url, request=AiohttpRequest()) as bot:
        yield bot


async def test_a_message_arrives_with_its_markup_and_buttons(emulator: Emulator, bot: Bot):
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("Start now", callback_data="p:1:s")]])
    sent = await bot.send_message(
        ADA,
        "A moment <b>to look back</b>? &amp; 🌿",
        parse_mode=ParseMode.HTML,
        reply_markup=buttons,
    )
    (message,) = emulator.messages(ADA)
    assert message.plain_text == "A moment to look back? & 🌿"
    assert message.buttons == [[("Start now", "p:1:s")]]
    assert sent.message_id == message.message_id and sent.chat.id == ADA


async def test_a_file_arrives_with_its_name_and_every_byte(emulator: Emulator, bot: Bot):
    data = bytes(range(256)) * 40
    await bot.send_document(ADA, document=data, filename="reflections.csv", caption="yours")
    (message,) = emulator.messages(ADA)
    assert (message.file, message.filename, message.caption) == (data, "reflections.csv", "yours")


async def test_telegrams_refusals_become_ptbs_errors(emulator: Emulator, bot: Bot):
    emulator.fail_next(1, 429, retry_after=3, methods=["sendMessage"])
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(ADA, "too fast")
    assert "Retry in 3 seconds" in str(flood.value)
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(4242, "nobody there")
    emulator.block(ADA)
    with pytest.raises(Forbidden):
        await bot.send_message(ADA, "blocked")
    assert emulator.messages(ADA) == []


async def test_an_answer_too_slow_is_a_timeout_though_the_message_went(
    emulator: Emulator, bot: Bot
):
    emulator.slow_next(1, delay=3.0, methods=["sendMessage"])
    with pytest.raises(TimedOut):
        await bot.send_message(ADA, "sent, but the answer comes late", read_timeout=0.3)
    # As with Telegram: a timeout says nothing about whether the message arrived.
    assert [m.text for m in emulator.messages(ADA)] == ["sent, but the answer comes late"]
    await bot.send_message(ADA, "and the next call works")


async def test_no_server_is_a_network_error_not_a_timeout():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as failure:
            await request.post(f"http://127.0.0.1:{port}/bot123:abc/getMe")
        assert not isinstance(failure.value, TimedOut)
    finally:
        await request.shutdown()


async def test_calls_before_initialize_or_after_shutdown_are_refused():
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")
    await request.initialize()
    await request.shutdown()
    await request.shutdown()  # twice is harmless
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")
