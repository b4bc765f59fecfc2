"""The driver side: what users send is valid Bot API, and the waits behave."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Update

from emulator import Emulator, NoMessageError, UnexpectedMessageError
from emulator.builders import MEDIA_KINDS
from tests.emulator.botapi import BotApi


async def test_command_entities(api: BotApi, emu: Emulator) -> None:
    message = await emu.send_text(1001, "/start@reflection_test_bot payload")
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 26}]
    plain = await emu.send_text(1001, "no command here, and/or")
    assert "entities" not in plain


@pytest.mark.parametrize("kind", sorted(MEDIA_KINDS))
async def test_every_media_kind_parses_with_ptb(emu: Emulator, kind: str) -> None:
    await emu.send_media(1001, kind)
    update = emu.queued_updates()[-1]
    parsed = Update.de_json(update, None)
    assert parsed is not None and parsed.message is not None
    assert parsed.message.effective_attachment is not None or kind in ("location", "venue")


async def test_group_channel_and_edited_updates_parse_with_ptb(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "in group", chat_id=-100123, chat_type="supergroup")
    await emu.send_text(1001, "post", chat_id=-100999, chat_type="channel")
    mine = await emu.send_text(1001, "typo")
    await emu.edit_text(1001, mine["message_id"], "fixed")
    emu.block(1001)
    updates = [Update.de_json(u, None) for u in await api.ok("getUpdates")]
    group, post, _, edit, member = updates
    assert group.effective_chat is not None and group.effective_chat.type == "supergroup"
    assert group.effective_user is not None and group.effective_user.id == 1001
    assert post.channel_post is not None and post.channel_post.text == "post"
    assert edit.edited_message is not None and edit.edited_message.text == "fixed"
    assert member.my_chat_member is not None
    assert member.my_chat_member.new_chat_member.status == "kicked"


async def test_send_update_assigns_ids_and_registers_the_chat(api: BotApi, emu: Emulator) -> None:
    update = await emu.send_update(
        {
            "message": {
                "message_id": 41,
                "date": 0,
                "chat": {"id": 77, "type": "private", "first_name": "Raw"},
                "from": {"id": 77, "is_bot": False, "first_name": "Raw"},
                "text": "raw",
            }
        }
    )
    assert isinstance(update["update_id"], int)
    sent = await api.ok("sendMessage", chat_id=77, text="reply")
    assert sent["message_id"] == 42
    await emu.send_update({"update_id": 1000, "poll": {"id": "1"}})
    assert emu.pending_updates() == 2


async def test_next_message_timeout_explains_what_happened(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    await api.ok("sendMessage", chat_id=1001, text="first")
    await api.error("sendMessage", 400, chat_id=1001, text="<oops", parse_mode="HTML")
    assert (await emu.next_message(1001)).plain_text == "first"
    with pytest.raises(NoMessageError) as caught:
        await emu.next_message(1001, timeout=0.2)
    report = str(caught.value)
    assert "chat 1001" in report and "'first'" in report and "can't parse entities" in report
    assert isinstance(caught.value, TimeoutError) and isinstance(caught.value, AssertionError)


async def test_next_message_waits_for_a_later_send(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    waiter = asyncio.create_task(emu.next_message(1001, timeout=5))
    await asyncio.sleep(0.1)
    await api.ok("sendMessage", chat_id=1001, text="there")
    assert (await waiter).text == "there"


async def test_no_message(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    await emu.no_message(1001, within=0.1)
    later = asyncio.create_task(emu.no_message(1001, within=2))
    await asyncio.sleep(0.1)
    await api.ok("sendMessage", chat_id=1001, text="surprise")
    with pytest.raises(UnexpectedMessageError, match="surprise"):
        await later


async def test_wait_for_call_consumes_in_order(api: BotApi, emu: Emulator) -> None:
    await api.ok("getMe")
    await api.ok("getMe")
    first = await emu.wait_for_call("getMe", timeout=1)
    second = await emu.wait_for_call("getme", timeout=1)
    assert first is not second
    with pytest.raises(NoMessageError):
        await emu.wait_for_call("getMe", timeout=0.1)


async def test_pressing_a_stale_message_needs_strict_false(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    with pytest.raises(LookupError):
        await emu.press(1001, 12345, "x")
    query_id = await emu.press(1001, 12345, "x", strict=False)
    update = emu.queued_updates()[-1]
    assert update["callback_query"]["id"] == query_id
    query = Update.de_json(update, None).callback_query
    assert query is not None and query.message is not None
    assert query.message.date.timestamp() == 0
