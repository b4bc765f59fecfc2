"""allowed_updates as Telegram applies it, and the driver option that delivers every type
anyway (for testing that a bot copes with types it did not ask for)."""

from __future__ import annotations

from typing import Any

import httpx

from emulator import Emulator
from handlers.polling import ALLOWED_UPDATES
from tests.emulator.botapi import BotApi

INLINE_QUERY = {
    "inline_query": {
        "id": "1",
        "from": {"id": 1001, "is_bot": False, "first_name": "A"},
        "query": "",
        "offset": "",
    }
}
REACTION = {
    "message_reaction": {
        "chat": {"id": 1001, "type": "private", "first_name": "A"},
        "message_id": 1,
        "user": {"id": 1001, "is_bot": False, "first_name": "A"},
        "date": 0,
        "old_reaction": [],
        "new_reaction": [{"type": "emoji", "emoji": "\u2764"}],
    }
}


def _kinds(updates: list[dict[str, Any]]) -> list[str]:
    return [next(key for key in update if key != "update_id") for update in updates]


async def test_by_default_every_type_but_the_opt_in_ones_is_delivered(
    api: BotApi, emu: Emulator
) -> None:
    await emu.send_update(INLINE_QUERY)
    await emu.send_update(REACTION)
    await emu.send_text(1001, "hello")
    # No allowed_updates ever given: Telegram leaves out chat_member and reactions.
    assert _kinds(await api.ok("getUpdates")) == ["inline_query", "message"]


async def test_the_bots_allowed_updates_keep_other_types_away(api: BotApi, emu: Emulator) -> None:
    await emu.send_update(INLINE_QUERY)
    await emu.send_update(REACTION)
    await emu.send_text(1001, "hello")
    emu.block(1001)
    delivered = await api.ok("getUpdates", allowed_updates=ALLOWED_UPDATES)
    assert _kinds(delivered) == ["message", "my_chat_member"]
    # Telegram never creates the filtered ones: they don't come back with a wider filter.
    after = delivered[-1]["update_id"] + 1
    assert await api.ok("getUpdates", offset=after, allowed_updates=[]) == []


async def test_an_empty_list_restores_the_default(api: BotApi, emu: Emulator) -> None:
    assert await api.ok("getUpdates", allowed_updates=["callback_query"]) == []
    assert await api.ok("getUpdates", allowed_updates=[]) == []
    await emu.send_update(INLINE_QUERY)
    assert _kinds(await api.ok("getUpdates")) == ["inline_query"]


async def test_ignore_allowed_updates_delivers_every_type() -> None:
    async with (
        Emulator(ignore_allowed_updates=True) as emu,
        httpx.AsyncClient(timeout=10.0) as client,
    ):
        api = BotApi(client, emu)
        await emu.send_update(INLINE_QUERY)
        await emu.send_update(REACTION)
        kinds = _kinds(await api.ok("getUpdates", allowed_updates=["message"]))
        assert kinds == ["inline_query", "message_reaction"]
