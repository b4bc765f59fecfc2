"""The client's language, against the real bot process: Telegram's language at first
contact, /language to change it, and the menu and descriptions registered per language at
start. The second language here is a test-only catalogue (tests/support/catalogues.py:
every text "[de] <English>"), given to the bot by LOCALE_DIR."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from emulator import Emulator
from features import router
from features.kernel.texts import plain
from tests.support.catalogues import catalogues_from, write_pseudo
from tests.support.process import BotProcess

ANNA, BEA, CLAUDE = 2001, 2002, 2003
PRIVATE = {"type": "all_private_chats"}


@pytest.fixture
async def english_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcess]:
    """The bot with no catalogue beside English (whichever languages ship)."""
    locale = tmp_path / "locale"
    locale.mkdir()
    process = BotProcess(emulator, tmp_path, database_url, {"LOCALE_DIR": str(locale)})
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()


@pytest.fixture
async def german_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcess]:
    """The bot with a complete (pseudo) German catalogue beside English."""
    locale = tmp_path / "locale"
    write_pseudo(locale, "de")
    process = BotProcess(emulator, tmp_path, database_url, {"LOCALE_DIR": str(locale)})
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()


async def test_english_alone_registers_its_menu_and_descriptions(
    emulator: Emulator, english_bot: BotProcess
):
    names = [command.name for command in router.MENU]
    assert [c["command"] for c in emulator.commands(PRIVATE)] == names
    assert emulator.commands(PRIVATE, "de") == []
    assert emulator.description() == plain("bot.description")
    assert "Not a crisis service" in emulator.short_description()
    await emulator.send_text(ANNA, "/start")
    await emulator.next_message(ANNA)
    await emulator.next_message(ANNA)
    await emulator.send_text(ANNA, "/language")
    only = await emulator.next_message(ANNA)
    assert only.plain_text == "For now I can only speak English."
    assert only.buttons == []


async def test_each_language_gets_its_menu_and_descriptions(
    emulator: Emulator, german_bot: BotProcess
):
    german = emulator.commands(PRIVATE, "de")
    assert [c["command"] for c in german] == [command.name for command in router.MENU]
    assert german[0]["description"] == "[de] " + plain("command.reflect")
    assert emulator.description("de") == "[de] " + plain("bot.description")
    assert emulator.short_description("de").startswith("[de] Reflect on your")
    # English stays every other language's, and the default scope's menu.
    assert emulator.description() == plain("bot.description")
    assert emulator.commands()[0]["description"] == plain("command.reflect")


async def test_a_client_is_welcomed_in_their_telegrams_language_and_can_change_it(
    emulator: Emulator, german_bot: BotProcess
):
    emulator.add_user(ANNA, language_code="de-AT")
    await emulator.send_text(ANNA, "/start")
    welcome = await emulator.next_message(ANNA)
    assert welcome.plain_text.startswith("[de] Hello, and welcome.")
    await emulator.next_message(ANNA)  # the time zone question
    assert german_bot.query("SELECT language FROM users WHERE id = ?", ANNA) == [("de",)]

    await emulator.send_text(ANNA, "/language")
    menu = await emulator.next_message(ANNA)
    assert menu.plain_text.startswith("[de] Which language")
    assert menu.button_labels == ["[de] English", "[de] ✅ Deutsch"]
    again = await emulator.next_message(ANNA)  # the open question follows
    assert again.plain_text.startswith("[de] ")

    await emulator.press(ANNA, menu, menu.button_data("[de] English"))
    confirmed = await emulator.next_edit(ANNA)
    # The menu becomes the confirmation, in the language chosen.
    assert confirmed.message_id == menu.message_id
    assert confirmed.plain_text == "From now on I'll speak English with you."
    assert confirmed.buttons == []
    assert german_bot.query("SELECT language FROM users WHERE id = ?", ANNA) == [("en",)]
    await emulator.send_text(ANNA, "/help")
    assert (await emulator.next_message(ANNA)).plain_text.startswith("Here's what I can do")
    assert welcome.edits == 0, "earlier messages stay as they were"


async def test_a_language_the_bot_does_not_speak_gets_english(
    emulator: Emulator, german_bot: BotProcess
):
    emulator.add_user(BEA, language_code="pt-BR")
    await emulator.send_text(BEA, "/start")
    assert (await emulator.next_message(BEA)).plain_text.startswith("Hello, and welcome.")
    emulator.add_user(CLAUDE, language_code=None)
    await emulator.send_text(CLAUDE, "/start")
    assert (await emulator.next_message(CLAUDE)).plain_text.startswith("Hello, and welcome.")


async def test_someone_refused_is_told_so_in_their_telegrams_language(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    locale = tmp_path / "locale"
    write_pseudo(locale, "de")
    env = {"LOCALE_DIR": str(locale), "ALLOWED_USER_IDS": str(ANNA)}
    process = BotProcess(emulator, tmp_path, database_url, env)
    await process.start()
    try:
        emulator.add_user(BEA, language_code="de")
        await emulator.send_text(BEA, "/start")
        refusal = await emulator.next_message(BEA)
        assert refusal.plain_text.startswith("[de] Hello. This companion is run by a practice")
    finally:
        await process.stop()


async def test_a_description_telegram_refuses_does_not_stop_the_start(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    locale = tmp_path / "locale"
    write_pseudo(locale, "de")
    emulator.fail_next(1, 400, methods=["setMyDescription"], description="Bad Request: no")
    process = BotProcess(emulator, tmp_path, database_url, {"LOCALE_DIR": str(locale)})
    await process.start()
    try:
        assert emulator.description() == ""  # English was refused
        assert emulator.description("de") == "[de] " + plain("bot.description")
        await emulator.send_text(ANNA, "/start")
        assert (await emulator.next_message(ANNA)).plain_text.startswith("Hello, and welcome.")
        assert "refused the bot's menu or description in en" in process.log_path.read_text()
    finally:
        await process.stop()


def test_the_pseudo_catalogue_is_complete(tmp_path: Path):
    """What the tests above lean on: the bot offers it (else it would speak English)."""
    write_pseudo(tmp_path, "de")
    with catalogues_from(tmp_path):
        assert plain("welcome", "de").startswith("[de] Hello")
