"""Updates that aren't a client talking to the bot, though they look close: each is met
with silence (or one reply where several would nag), and nothing about anyone else is kept.
The updates come from the corpus (tests/e2e/corpus/)."""

from __future__ import annotations

from emulator import Emulator
from tests.e2e.update_corpus import CLIENT_ID, GROUP_CHATS, case_named
from tests.support.process import BotProcess

CHANNEL = -1002233445566
SUPERGROUP = GROUP_CHATS["supergroup"]["id"]


async def _asked_for_a_time_zone(emulator: Emulator) -> None:
    await emulator.send_text(CLIENT_ID, "/start")
    await emulator.next_message(CLIENT_ID)
    await emulator.next_message(CLIENT_ID)


async def _replay(emulator: Emulator, *names: str) -> None:
    for name in names:
        await emulator.send_update(case_named(name, emulator.bot_user))


async def _next_is_help(emulator: Emulator) -> None:
    """The client's next message from the bot answers /help (one client's updates are
    handled in order, so whatever came before it got no reply); then the time zone
    question they are in the middle of comes again."""
    await emulator.send_text(CLIENT_ID, "/help")
    assert "Here's what I can do" in (await emulator.next_message(CLIENT_ID)).plain_text
    assert "time zone" in (await emulator.next_message(CLIENT_ID)).plain_text


async def test_a_moving_live_location_is_not_answered_as_an_edit(
    open_emulator: Emulator, open_bot: BotProcess
):
    emulator = open_emulator
    await _asked_for_a_time_zone(emulator)
    await _replay(emulator, "edits_and_channels.json: edited_message: a live location moving")
    await _next_is_help(emulator)
    await _replay(emulator, "edits_and_channels.json: edited_message: text")
    assert "didn't see that edit" in (await emulator.next_message(CLIENT_ID)).plain_text


async def test_an_album_gets_one_reply_not_one_per_photo(
    open_emulator: Emulator, open_bot: BotProcess
):
    emulator = open_emulator
    await _asked_for_a_time_zone(emulator)
    await _replay(
        emulator,
        "messages.json: media group: photo 1 of 3, with the caption",
        "messages.json: media group: photo 2 of 3",
        "messages.json: media group: video 3 of 3",
    )
    assert "only read text" in (await emulator.next_message(CLIENT_ID)).plain_text
    await _next_is_help(emulator)


async def test_business_and_guest_messages_in_a_clients_chat_are_not_the_client(
    open_emulator: Emulator, open_bot: BotProcess
):
    """Their chat id may be a client's own: answering would write to the client."""
    emulator, bot = open_emulator, open_bot
    await _asked_for_a_time_zone(emulator)
    await _replay(
        emulator,
        "business.json: business_message: in the client's own chat id",
        "business.json: business_message: a customer writes to the business",
        "business.json: edited_business_message",
        "business.json: guest_message: summoned in a chat between two people",
    )
    await _next_is_help(emulator)
    assert bot.query("SELECT id FROM users") == [(CLIENT_ID,)]
    assert bot.query("SELECT step FROM flow_states") == [("ask_time_zone",)]


async def test_only_commands_meant_for_the_bot_in_a_group_get_the_pointer(
    open_emulator: Emulator, open_bot: BotProcess
):
    emulator = open_emulator
    await _replay(
        emulator,
        "messages.json: command: addressed to another bot, in a supergroup",
        "edits_and_channels.json: channel_post: a command",
        "members.json: my_chat_member: made an administrator",
        "messages.json: command: /start (in a supergroup)",
    )
    pointer = await emulator.next_message(SUPERGROUP)
    assert "private chat" in pointer.plain_text
    await emulator.no_message(SUPERGROUP, within=1.0)
    assert emulator.messages(CHANNEL) == []  # a channel post would be public


async def test_a_command_with_a_line_of_text_under_it_is_still_the_command(
    open_emulator: Emulator, open_bot: BotProcess
):
    emulator = open_emulator
    await _replay(emulator, "messages.json: command: with a line of text under it")
    assert "Here's what I can do" in (await emulator.next_message(CLIENT_ID)).plain_text
