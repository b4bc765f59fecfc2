"""What a client might send that the bot didn't ask for: each gets a short, kind reply (or is
ignored on purpose), nothing crashes, nothing is stored wrongly, nothing reaches the log."""

from __future__ import annotations

import pytest

from emulator import Emulator
from tests.support.players import onboard
from tests.support.process import BotProcess

ADA = 1001
MARKER = "my-private-reflection-7f3a"


async def _onboard_to_time_zone_question(emulator: Emulator) -> None:
    await emulator.send_text(ADA, "/start")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "location", "document", "contact"])
async def test_non_text_during_the_time_zone_question(
    emulator: Emulator, bot: BotProcess, kind: str
):
    await _onboard_to_time_zone_question(emulator)
    await emulator.send_media(ADA, kind)
    reply = await emulator.next_message(ADA)
    assert "type your city" in reply.plain_text
    assert bot.query("SELECT time_zone, active FROM users WHERE id = ?", ADA) == [(None, 1)]
    assert bot.query("SELECT step FROM flow_states WHERE user_id = ?", ADA) == [("ask_time_zone",)]


async def test_non_text_when_nothing_was_asked(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)  # a client: someone unknown is pointed to /start instead
    await emulator.send_media(ADA, "sticker")
    assert "only work with text" in (await emulator.next_message(ADA)).plain_text


async def test_an_unknown_time_zone_is_asked_again_without_echoing_it(
    emulator: Emulator, bot: BotProcess
):
    await _onboard_to_time_zone_question(emulator)
    await emulator.send_text(ADA, f"Mars/Olympus {MARKER}")
    reply = await emulator.next_message(ADA)
    assert "couldn't find that time zone" in reply.plain_text
    assert MARKER not in reply.plain_text
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [(None,)]
    assert MARKER not in bot.log


async def test_a_ten_thousand_character_message(emulator: Emulator, bot: BotProcess):
    await _onboard_to_time_zone_question(emulator)
    await emulator.send_text(ADA, (MARKER + " ") * 400)
    reply = await emulator.next_message(ADA)
    assert "couldn't find that time zone" in reply.plain_text
    await emulator.send_text(ADA, "x" * 10_000)
    assert "couldn't find" in (await emulator.next_message(ADA)).plain_text
    assert MARKER not in bot.log


async def test_text_that_looks_like_html_or_sql(emulator: Emulator, bot: BotProcess):
    await _onboard_to_time_zone_question(emulator)
    for nasty in ("<b>Berlin", "Berlin'); DROP TABLE users;--", "&amp; <script>"):
        await emulator.send_text(ADA, nasty)
        await emulator.next_message(ADA)
    assert bot.query("SELECT count(*) FROM users") == [(1,)]
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [(None,)]


async def test_an_edited_message_is_not_taken_as_an_answer(emulator: Emulator, bot: BotProcess):
    await _onboard_to_time_zone_question(emulator)
    sent = await emulator.send_text(ADA, "Mars")
    await emulator.next_message(ADA)
    await emulator.edit_text(ADA, sent["message_id"], "Berlin")
    reply = await emulator.next_message(ADA)
    assert "didn't see that edit" in reply.plain_text
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [(None,)]


async def test_unknown_command_and_cancel(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/frobnicate")
    assert "don't know that command" in (await emulator.next_message(ADA)).plain_text
    await emulator.send_text(ADA, "/cancel")
    assert "nothing to cancel" in (await emulator.next_message(ADA)).plain_text


async def test_a_stale_button_does_nothing_harmful(emulator: Emulator, bot: BotProcess):
    await _onboard_to_time_zone_question(emulator)
    await emulator.send_text(ADA, "Berln")
    offer = await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Tokyo")  # answered by typing instead
    await emulator.next_message(ADA)
    await emulator.press(ADA, offer, "tz:Europe/Berlin")  # the old button, pressed later
    toast = await emulator.wait_for_call("answerCallbackQuery", timeout=10)
    assert "no longer does anything" in str(toast.params.get("text"))
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Asia/Tokyo",)]


async def test_a_group_chat_is_pointed_to_private_and_nothing_is_stored(
    emulator: Emulator, bot: BotProcess
):
    group = -100555
    await emulator.send_text(ADA, "/start", chat_id=group, chat_type="supergroup")
    reply = await emulator.next_message(group)
    assert "private chat" in reply.plain_text and "@reflection_test_bot" in reply.plain_text
    await emulator.send_text(ADA, f"a group message {MARKER}", chat_id=group, chat_type="group")
    await emulator.no_message(group, within=1.0)
    assert bot.query("SELECT count(*) FROM users") == [(0,)]
    assert MARKER not in bot.log


async def test_nothing_a_client_writes_reaches_the_log_even_at_debug(
    emulator: Emulator, bot: BotProcess
):
    await _onboard_to_time_zone_question(emulator)
    await emulator.send_text(ADA, f"somewhere {MARKER}")
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Berlin")
    await emulator.next_message(ADA)
    await bot.stop()
    assert "DEBUG" in bot.log  # the log really was at DEBUG
    assert MARKER not in bot.log
    assert emulator.token not in bot.log


async def test_a_button_pressed_in_a_group_changes_nothing(emulator: Emulator, bot: BotProcess):
    await _onboard_to_time_zone_question(emulator)
    group = -100777
    await emulator.send_text(ADA, "hello", chat_id=group, chat_type="supergroup")
    await emulator.send_update(
        {
            "callback_query": {
                "id": "forged-1",
                "from": {"id": ADA, "is_bot": False, "first_name": "Ada"},
                "chat_instance": "x",
                "data": "tz:Europe/Berlin",
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": group, "type": "supergroup", "title": "G"},
                    "text": "a message",
                },
            }
        }
    )
    await emulator.wait_for_call("answerCallbackQuery")
    await emulator.no_message(group, within=0.5)
    assert bot.query("SELECT chat_id, time_zone FROM users WHERE id = ?", ADA) == [(ADA, None)]


async def test_a_late_button_answer_refused_by_telegram_still_gets_the_reply(
    emulator: Emulator, bot: BotProcess
):
    await _onboard_to_time_zone_question(emulator)
    await emulator.send_text(ADA, "Berln")
    offer = await emulator.next_message(ADA)
    emulator.fail_next(n=1, status=400, methods={"answerCallbackQuery"})
    await emulator.press(ADA, offer, offer.button_data("Europe/Berlin"))
    assert "Europe/Berlin" in (await emulator.next_message(ADA)).plain_text


async def test_an_update_this_version_cannot_read_is_skipped_not_logged(
    emulator: Emulator, bot: BotProcess
):
    """A Bot API newer or older than our PTB: the update can't be parsed. It is skipped by
    id, its content never logged, and everyone else is still answered."""
    await emulator.send_update(
        {
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": {"id": ADA, "type": "private"},
                "from": {"id": ADA, "is_bot": False, "first_name": "Ada"},
                "poll": {"id": "p", "question": f"Q {MARKER}", "options": "not-a-list"},
            }
        }
    )
    await emulator.send_text(ADA, "/help")
    assert "what I can do" in (await emulator.next_message(ADA)).plain_text
    await bot.stop()
    assert "can't be read" in bot.log
    assert MARKER not in bot.log


async def test_a_busy_group_does_not_hold_up_a_clients_reply(emulator: Emulator, bot: BotProcess):
    """Telegram allows 20 messages a minute in a group; waiting for that must not delay a
    client (found by the fuzzer: one busy group stalled every chat for minutes)."""
    group = -100555
    for _ in range(30):
        await emulator.send_text(ADA, "/start", chat_id=group, chat_type="supergroup")
    await emulator.send_text(ADA, "/help")
    assert "what I can do" in (await emulator.next_message(ADA, timeout=5)).plain_text
