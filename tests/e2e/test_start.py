"""A newcomer's first minutes with the real bot process, through the emulator."""

from __future__ import annotations

import signal
from pathlib import Path

from emulator import Emulator
from features import router
from tests.support.players import onboard, press, until
from tests.support.process import BotProcess

ADA = 1001


async def test_start_welcomes_asks_the_time_zone_and_stores_it(emulator: Emulator, bot: BotProcess):
    await emulator.send_text(ADA, "/start")
    welcome = await emulator.next_message(ADA)
    assert "companion for your therapy" in welcome.plain_text
    assert "not a crisis service" in welcome.plain_text
    question = await emulator.next_message(ADA)
    assert "what's your time zone?" in question.plain_text

    await emulator.send_text(ADA, "Europe/Berlin")
    saved = await emulator.next_message(ADA)
    assert "Europe/Berlin" in saved.plain_text
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Europe/Berlin",)]
    # Getting started goes on to the client's sessions.
    assert "your sessions" in (await emulator.next_message(ADA)).plain_text
    assert "Which days" in (await emulator.next_message(ADA)).plain_text
    assert bot.query("SELECT step FROM flow_states WHERE user_id = ?", ADA) == [("set_days",)]


async def test_help_lists_every_command_and_the_menu_is_registered(
    emulator: Emulator, bot: BotProcess
):
    await emulator.send_text(ADA, "/help")
    help_text = (await emulator.next_message(ADA)).plain_text
    names = [command.name for command in router.MENU]
    for name in names:
        assert f"/{name} - " in help_text
    assert [c["command"] for c in emulator.commands()] == names


async def test_a_near_miss_is_offered_as_a_button(emulator: Emulator, bot: BotProcess):
    await emulator.send_text(ADA, "/start")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Berln")
    offer = await emulator.next_message(ADA)
    await emulator.press(ADA, offer, offer.button_data("Europe/Berlin"))
    saved = await emulator.next_message(ADA)
    assert "Europe/Berlin" in saved.plain_text
    assert offer.buttons == []  # the pressed keyboard is gone
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Europe/Berlin",)]


async def test_place_and_a_waiting_message_survive_a_restart(emulator: Emulator, bot: BotProcess):
    await emulator.send_text(ADA, "/start")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)
    assert await bot.stop() == 0  # SIGTERM: a clean stop

    await emulator.send_text(ADA, "Tokyo")  # written while the bot is down
    await bot.start()
    saved = await emulator.next_message(ADA, timeout=15)
    assert "Asia/Tokyo" in saved.plain_text
    assert "your sessions" in (await emulator.next_message(ADA)).plain_text
    assert "Which days" in (await emulator.next_message(ADA)).plain_text
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Asia/Tokyo",)]

    await bot.stop(signal.SIGINT)
    await bot.start()
    await emulator.send_text(ADA, "/start")
    assert "Welcome back" in (await emulator.next_message(ADA)).plain_text


async def test_a_brief_server_error_is_retried_and_the_reply_arrives(
    emulator: Emulator, bot: BotProcess
):
    emulator.fail_next(n=1, status=502, methods={"sendMessage"})
    await emulator.send_text(ADA, "/start")
    assert "Hello, and welcome" in (await emulator.next_message(ADA)).plain_text
    assert "what's your time zone?" in (await emulator.next_message(ADA)).plain_text


async def test_a_reply_that_cannot_be_sent_is_owned_up_to_without_asking_to_resend(
    emulator: Emulator, bot: BotProcess
):
    await emulator.send_text(ADA, "/start")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)
    emulator.fail_next(n=3, status=502, methods={"sendMessage"})  # every attempt fails
    await emulator.send_text(ADA, "Lisbon")
    sorry = await emulator.next_message(ADA)
    assert "didn't get through" in sorry.plain_text and "saved" in sorry.plain_text
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Europe/Lisbon",)]
    assert "DeliveryFailed" in bot.log  # logged for the operator, by kind


async def test_blocking_the_bot_marks_the_client_inactive(emulator: Emulator, bot: BotProcess):
    await emulator.send_text(ADA, "/start")
    await emulator.next_message(ADA)
    emulator.block(ADA)
    await until(lambda: bot.query("SELECT active FROM users WHERE id = ?", ADA) == [(0,)])
    emulator.unblock(ADA)
    await emulator.send_text(ADA, "/help")
    await emulator.next_message(ADA)
    assert bot.query("SELECT active FROM users WHERE id = ?", ADA) == [(1,)]


async def test_an_existing_database_with_topics_is_upgraded_by_starting_the_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    """A deployment from before topics were encrypted (schema 0004) starts, and the topic
    its client meant to raise is encrypted with the bot's key on the way."""
    from alembic import command
    from sqlalchemy import text

    from storage.crypto import cipher_from, new_key
    from storage.db import alembic_config, create_engine

    key_file = tmp_path / "encryption.key"
    key_file.write_text(new_key())
    key_file.chmod(0o600)

    def to_0004(connection):  # type: ignore[no-untyped-def]
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")

    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(to_0004)
            await connection.execute(
                text("INSERT INTO users (id, chat_id, language, active, disabled_questions, "
                     "created_at, updated_at) VALUES (41, 41, 'en', true, '[]', "
                     "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            )  # fmt: skip
            await connection.execute(
                text("INSERT INTO topics (user_id, question, rating, created_at) "
                     "VALUES (41, 'heard', 3, CURRENT_TIMESTAMP)"),
            )  # fmt: skip
    finally:
        await engine.dispose()

    bot = BotProcess(emulator, tmp_path, database_url)
    await bot.start()
    await bot.stop()
    ((stored,),) = bot.query("SELECT question FROM topics")
    assert cipher_from(None, key_file).decrypt(str(stored).encode()).decode() == "heard"


async def test_reflect_as_the_very_first_message_begins_with_the_welcome_and_safety_text(
    emulator: Emulator, bot: BotProcess
):
    await emulator.send_text(ADA, "/reflect")
    welcome = (await emulator.next_message(ADA)).plain_text
    assert "Hello, and welcome" in welcome and "not a crisis service" in welcome
    assert "what's your time zone?" in (await emulator.next_message(ADA)).plain_text
    assert bot.query("SELECT count(*) FROM reflections") == [(0,)]
    await emulator.send_text(ADA, "Berlin")  # getting started goes on
    assert "Europe/Berlin" in (await emulator.next_message(ADA)).plain_text


async def test_words_as_the_very_first_message_are_a_start_too(emulator: Emulator, bot: BotProcess):
    await emulator.send_text(ADA, "hi, my therapist told me about you")
    assert "Hello, and welcome" in (await emulator.next_message(ADA)).plain_text
    assert "what's your time zone?" in (await emulator.next_message(ADA)).plain_text


async def test_reflect_right_after_delete_is_met_as_a_newcomer_not_a_silent_new_record(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/delete")
    confirm = await emulator.next_message(ADA)
    assert "erased" in (await press(emulator, ADA, confirm, "Yes, erase everything")).plain_text
    await emulator.send_text(ADA, "/reflect")
    welcome = (await emulator.next_message(ADA)).plain_text
    assert "Hello, and welcome" in welcome and "not a crisis service" in welcome
    assert "what's your time zone?" in (await emulator.next_message(ADA)).plain_text
    # No reflection begun behind the welcome: only the start is kept.
    assert bot.query("SELECT count(*) FROM reflections") == [(0,)]
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [(None,)]
