"""python-telegram-bot 22 against the emulator: parsing, exceptions, a polling application."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from emulator import Emulator

KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Good", callback_data="mood:good")],
        [InlineKeyboardButton("Bad", callback_data="mood:bad")],
    ]
)


async def test_ptb_bot_round_trip(emu: Emulator) -> None:
    await emu.send_text(1001, "/start")
    async with Bot(emu.token, base_url=emu.base_url) as bot:
        me = await bot.get_me()
        assert me.id == emu.bot_id and me.username == "reflection_test_bot"
        updates = await bot.get_updates(timeout=0)
        first = updates[0].message
        assert first is not None and first.text == "/start"
        assert first.entities[0].type == "bot_command"

        sent = await bot.send_message(
            1001, "How was it? <b>1</b>", parse_mode="HTML", reply_markup=KEYBOARD
        )
        assert sent.text == "How was it? 1" and sent.entities[0].type == "bold"
        assert sent.reply_markup == KEYBOARD
        record = await emu.next_message(1001)
        assert record.buttons == [[("Good", "mood:good")], [("Bad", "mood:bad")]]

        query_id = await emu.press(1001, record, record.button_data("Good"))
        (update,) = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
        query = update.callback_query
        assert query is not None and query.id == query_id
        assert query.message is not None and query.message.message_id == sent.message_id
        assert await bot.answer_callback_query(query_id, text="Noted")

        edited = await bot.edit_message_text("Thanks", chat_id=1001, message_id=sent.message_id)
        assert isinstance(edited, Message)
        assert edited.text == "Thanks" and edited.reply_markup is None
        assert (await emu.next_edit(1001)).plain_text == "Thanks"
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("Thanks", chat_id=1001, message_id=sent.message_id)

        photo = await bot.send_photo(
            1001, photo=b"\x89PNG\r\n\x1a\nfake", caption="chart", filename="chart.png"
        )
        assert photo.caption == "chart" and photo.photo[0].file_size == 12
        assert (await emu.next_message(1001)).file == b"\x89PNG\r\n\x1a\nfake"
        document = await bot.send_document(1001, document=b"a,b\n1,2\n", filename="notes.csv")
        assert document.document is not None and document.document.file_name == "notes.csv"

        assert await bot.set_my_commands(
            [BotCommand("start", "Begin"), BotCommand("note", "Write")]
        )
        assert [c.command for c in await bot.get_my_commands()] == ["start", "note"]
        assert await bot.send_chat_action(1001, "typing")
        chat = await bot.get_chat(1001)
        assert chat.id == 1001
        assert await bot.delete_message(1001, document.message_id)
        assert await bot.delete_webhook()


# PTB warns when RetryAfter.retry_after is read as an int; that is PTB's migration, not ours.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_ptb_maps_errors_like_telegram(emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    async with Bot(emu.token, base_url=emu.base_url) as bot:
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(1001, "1 < 2 & 3", parse_mode="HTML")
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(1001, "x" * 4097)
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(42, "hello?")

        emu.fail_next(n=1, status=429, retry_after=3, methods={"sendMessage"})
        with pytest.raises(RetryAfter, match="Retry in 3 seconds") as flood:
            await bot.send_message(1001, "x")
        assert flood.value.retry_after in (3, dt.timedelta(seconds=3))
        emu.fail_next(n=1, status=502)
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(1001, "x")
        emu.fail_next(n=1, status=403)
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(1001, "x")
        emu.block(1001)
        with pytest.raises(Forbidden):
            await bot.send_message(1001, "x")
        emu.unblock(1001)

        emu.slow_next(n=1, delay=1.0, methods={"sendMessage"})
        with pytest.raises(TimedOut):
            await bot.send_message(1001, "slow", read_timeout=0.2)
        # The message went out although the bot saw a timeout, as can happen with Telegram.
        assert emu.messages(1001)[-1].text == "slow"
        assert await bot.send_message(1001, "fine")

    with pytest.raises(InvalidToken):
        async with Bot("1:" + "B" * 35, base_url=emu.base_url) as stranger:
            await stranger.get_me()


async def test_two_pollers_conflict(emu: Emulator) -> None:
    async with (
        Bot(emu.token, base_url=emu.base_url) as first,
        Bot(emu.token, base_url=emu.base_url) as second,
    ):
        waiting = asyncio.create_task(first.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        assert await second.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await waiting


async def test_ptb_application_end_to_end(emu: Emulator) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("How do you feel?", reply_markup=KEYBOARD)

    async def mood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        await query.answer("Saved")
        await query.edit_message_text(f"You feel {query.data.split(':')[1]}")

    app = ApplicationBuilder().token(emu.token).base_url(emu.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(mood))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await emu.send_text(1001, "/start")
        question = await emu.next_message(1001, timeout=5)
        assert question.plain_text == "How do you feel?"
        await emu.press(1001, question, question.button_data("bad"))
        answer = await emu.next_edit(1001, timeout=5)
        assert answer.plain_text == "You feel bad" and answer.buttons == []
        assert emu.answered_callbacks[-1].text == "Saved"
        await app.updater.stop()
        await app.stop()
    assert emu.pending_updates() == 0
