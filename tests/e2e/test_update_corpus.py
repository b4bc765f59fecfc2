"""Every update type Telegram can send, as realistic JSON (tests/e2e/corpus/), replayed to
the running bot: none may crash it, break its HTML, inject markup through an echo, or leave
anything from outside the client's private chat in the database.

The bot asks Telegram for a few update types only (handlers.polling.ALLOWED_UPDATES); a
deployment behind a proxy or a future Bot API could still deliver others, so the emulator
here delivers every type regardless (`ignore_allowed_updates`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from telegram import InaccessibleMessage, TelegramObject, Update

from emulator import Emulator
from tests.e2e.update_corpus import CLIENT_ID, Case, cases, entries
from tests.support import databases as database
from tests.support.players import button, until
from tests.support.process import BotProcess

ECHOED_GOAL = "<b>corpus-goal</b> & <i>me</i>"
# What a client wrote that must never reach the HTML a message is sent with unescaped.
CLIENT_MARKUP = re.compile(r"<(b|i)>corpus-|<script>|href=\"javascript", re.IGNORECASE)


# --- the corpus itself ----------------------------------------------------------------------


def test_the_corpus_has_every_update_type_of_the_bot_api():
    kinds = {case.kind for case in cases()}
    assert set(Update.ALL_TYPES) - kinds == set()


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_each_corpus_update_reads_as_the_bot_api_defines_it(case: Case):
    """Field names right: PTB keeps what it doesn't know in api_kwargs, so none may be left."""
    assert len([key for key in case.update if key != "update_id"]) == 1
    update = Update.de_json({"update_id": 1, **case.update}, None)
    unknown = list(_unknown_fields(update, case.kind))
    assert not unknown, f"fields the Bot API doesn't define: {unknown}"
    for text, entities in _texts_with_entities(case.update):
        length = len(text.encode("utf-16-le")) // 2
        for entity in entities:
            assert entity["offset"] + entity["length"] <= length, entity


def test_corpus_names_are_unique():
    names = [f"{file_name}: {entry['name']}" for file_name, entry in entries()]
    assert len(names) == len(set(names))


# --- replayed through the running bot -------------------------------------------------------


async def test_every_corpus_update_is_handled_kindly_and_nothing_from_groups_is_kept(
    open_emulator: Emulator, open_bot: BotProcess
):
    emulator, bot = open_emulator, open_bot
    try:
        await _a_client_adding_a_goal(emulator)
        # The first text becomes the goal, and comes back escaped.
        await emulator.send_text(CLIENT_ID, ECHOED_GOAL)
        echoed = await emulator.next_message(CLIENT_ID)
        assert ECHOED_GOAL in (echoed.plain_text or "")

        replayed = cases(emulator.bot_user)
        for case in replayed:
            await emulator.send_update(case.update)
        await until(lambda: emulator.pending_updates() == 0, within=120)

        # Blocked, the client is no longer prompted; unblocked, they are again.
        by_name = {
            case.name.removeprefix("members.json: my_chat_member: "): case for case in replayed
        }
        for change, active in (
            ("the client blocks the bot", 0),
            ("the client unblocks the bot", 1),
        ):
            await emulator.send_update(by_name[change].update)
            await until(lambda: bot.query("SELECT active FROM users") == [(active,)])  # noqa: B023

        # After all that, the client is still answered.
        before = len(emulator.messages(CLIENT_ID))
        await emulator.send_text(CLIENT_ID, "/help")
        await until(lambda: len(emulator.messages(CLIENT_ID)) > before)
        assert "/reflect" in (emulator.messages(CLIENT_ID)[before].plain_text or "")
    finally:
        await bot.stop()

    log = bot.log
    problems = [line for line in log.splitlines() if re.search(r" (ERROR|CRITICAL) |Warning", line)]
    assert not problems, "\n".join(problems[:20])
    assert "Traceback" not in log
    assert "corpus-" not in log

    failed = [call for call in emulator.calls if not call.ok]
    unparsed = [call.description for call in failed if "parse" in (call.description or "")]
    assert not unparsed, unparsed
    for call in emulator.calls_to("sendMessage") + emulator.calls_to("editMessageText"):
        assert call.ok, (call.method, call.description)
        assert not CLIENT_MARKUP.search(str(call.params.get("text"))), call.params.get("text")

    assert bot.query("SELECT id FROM users") == [(CLIENT_ID,)]
    strangers = _corpus_ids() - {CLIENT_ID}
    kept = {value for value in _every_stored_value(bot) if value in strangers}
    assert not kept, f"ids from outside the client's private chat are stored: {kept}"
    assert b"corpus-" not in bot.database_bytes()


async def _a_client_adding_a_goal(emulator: Emulator) -> None:
    """The corpus's client, set up and about to type a new goal."""
    emulator.add_user(CLIENT_ID, first_name="Mira", last_name="Kovač", username="mira_k")
    await emulator.send_text(CLIENT_ID, "/start")
    await emulator.next_message(CLIENT_ID)
    await emulator.next_message(CLIENT_ID)
    await emulator.send_text(CLIENT_ID, "Berlin")
    await emulator.next_message(CLIENT_ID)
    await emulator.next_message(CLIENT_ID)
    days = await emulator.next_message(CLIENT_ID)
    await emulator.press(CLIENT_ID, days, button(days, "Later"))
    await emulator.next_message(CLIENT_ID)
    await emulator.send_text(CLIENT_ID, "/goals")
    menu = await emulator.next_message(CLIENT_ID)
    await emulator.press(CLIENT_ID, menu, button(menu, "Add a goal"))
    await emulator.next_message(CLIENT_ID)


# --- helpers --------------------------------------------------------------------------------


def _unknown_fields(value: object, path: str) -> Iterator[str]:
    """Paths of fields PTB did not recognise, anywhere in a parsed update."""
    if isinstance(value, TelegramObject):
        # The Bot API's InaccessibleMessage has date (always 0); PTB reads it only sometimes.
        known = {"date"} if isinstance(value, InaccessibleMessage) else set()
        for key in set(value.api_kwargs) - known:
            yield f"{path}.{key}"
        for name, item in value._get_attrs().items():
            yield from _unknown_fields(item, f"{path}.{name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _unknown_fields(item, f"{path}[{index}]")


def _texts_with_entities(value: Any) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    if isinstance(value, dict):
        for text_key, entity_key in (("text", "entities"), ("caption", "caption_entities")):
            if isinstance(value.get(text_key), str) and entity_key in value:
                yield value[text_key], value[entity_key]
        for item in value.values():
            yield from _texts_with_entities(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts_with_entities(item)


def _corpus_ids() -> set[int]:
    """Every user and chat id the corpus mentions (small numbers are other things' ids)."""
    found: set[int] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                is_id = key in ("id", "user_id", "user_chat_id", "chat_id")
                if is_id and isinstance(item, int) and abs(item) >= 100_000:
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for case in cases():
        walk(case.update)
    return found


def _every_stored_value(bot: BotProcess) -> Iterator[object]:
    """Every value in every column of every table of the bot's database."""
    for rows in database.every_row(bot.database_url).values():
        for row in rows:
            for value in row:
                yield value
                if isinstance(value, str):  # JSON columns hold ids as text
                    yield from (int(digits) for digits in re.findall(r"-?\d+", value))
