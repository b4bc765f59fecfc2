"""The bot's log, at its most talkative (LOG_LEVEL=DEBUG), through a whole reflection with
failures: nothing a client wrote and no raw user or chat id reaches it, and where an
operator needs to follow a client, a keyed hash of their id names them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from emulator import Emulator, SentMessage
from handlers.context import ClientTags
from storage.crypto import current_key
from tests.support.players import onboard, press
from tests.support.process import BotProcess

CLIENT = 7301928465
GROUP = -1009182736450
MARKERS = {
    "goal": "goal-marker-5e1d Sleep before midnight",
    "progress": "progress-marker-0b7c Slowly",
    "obstacles": "obstacles-marker-c4a9 my mother's calls",
    "helpful": "helpful-marker-93fe The breathing",
    "not_helpful": "not-helpful-marker-2d61 Silence",
    "group": "group-marker-77aa in a group",
}
NEXT = "Next \u00bb"


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_the_log_names_clients_by_a_keyed_hash_and_holds_nothing_they_wrote(
    emulator: Emulator, tmp_path: Path, database_url: str, log_format: str
):
    env = {"LOG_LEVEL": "DEBUG", "LOG_FORMAT": log_format}
    bot = BotProcess(emulator, tmp_path, database_url, extra_env=env)
    await bot.start()
    try:
        await onboard(emulator, CLIENT)
        await emulator.send_text(CLIENT, MARKERS["group"], chat_id=GROUP, chat_type="group")
        await emulator.send_text(CLIENT, "/goals")
        await press(emulator, CLIENT, await emulator.next_message(CLIENT), "Add a goal")
        await emulator.send_text(CLIENT, MARKERS["goal"])
        await emulator.next_message(CLIENT)

        await emulator.send_text(CLIENT, "/reflect")
        await emulator.next_message(CLIENT)
        question = await emulator.next_message(CLIENT)
        while "8" in question.button_labels:  # the ratings, up to the first text question
            question = await press(emulator, CLIENT, question, "8")

        # Telegram fails three times running: the answer is kept, the reply doesn't go out.
        emulator.fail_next(3, 500, methods=["sendMessage"])
        await emulator.send_text(CLIENT, MARKERS["progress"])
        await _offering(emulator, NEXT)  # the apology, then the next question asked again
        # A reply Telegram refuses (a 400 is not tried again: it won't mend).
        emulator.fail_next(1, 400, methods=["sendMessage"], description="Bad Request: no")
        await emulator.send_text(CLIENT, MARKERS["obstacles"])
        await _offering(emulator, NEXT)
        # The client blocks the bot just as it answers, then comes back.
        emulator.fail_next(
            1, 403, methods=["sendMessage"], description="Forbidden: bot was blocked by the user"
        )
        await emulator.send_text(CLIENT, MARKERS["helpful"])
        emulator.block(CLIENT)
        emulator.unblock(CLIENT)
        await emulator.send_text(CLIENT, MARKERS["not_helpful"])
        message = await _offering(emulator, NEXT)
        while "Thank you for taking the time" not in (message.plain_text or ""):
            message = await press(emulator, CLIENT, message, _onward(message))
    finally:
        await bot.stop()

    log = bot.log if log_format == "text" else _as_text(bot.log)
    for number in (CLIENT, GROUP, abs(GROUP)):  # as written, before JSON is decoded too
        assert not re.search(rf"(?<![\d-]){number}(?!\d)", bot.log), f"{number} is in the log"
    debug = re.search(r" DEBUG (bot|handlers|features|storage)\.", log)
    assert debug, "LOG_LEVEL=DEBUG was not applied"
    for name, marker in MARKERS.items():
        assert marker.split()[0] not in log, f"the {name} marker reached the log"
    for number in (CLIENT, GROUP, abs(GROUP)):
        assert not re.search(rf"(?<![\d-]){number}(?!\d)", log), f"{number} is in the log"

    tag = ClientTags(current_key(None, tmp_path / "encryption.key"))(CLIENT)
    assert re.fullmatch(r"[0-9a-f]{12}", tag)
    tagged = [line for line in log.splitlines() if tag in line]
    for event in ("blocked the bot", "unblocked the bot", "can't be reached"):
        assert any(event in line for line in tagged), f"no tagged line says {event!r}"
    failures = [line for line in tagged if " ERROR " in line and "failed: " in line]
    assert len(failures) == 2, failures  # the 500s and the 400s


def _as_text(log: str) -> str:
    """A JSON log (LOG_FORMAT=json) as the text format would have written it, after checking
    that every line the bot wrote is one JSON object with the text line's fields."""
    lines = []
    for line in log.splitlines():
        if line.startswith("--- start"):  # BotProcess marks each start
            continue
        entry = json.loads(line)
        assert set(entry) <= {"time", "level", "logger", "message", "exception", "stack"}, line
        lines.append(f"{entry['time']} {entry['level']} {entry['logger']}: {entry['message']}")
        lines.extend(entry.get("exception", "").splitlines())
    assert lines, "the bot logged nothing"
    return "\n".join(lines)


async def _offering(emulator: Emulator, label: str) -> SentMessage:
    """The client's next message that has this button (after an apology, say)."""
    for _ in range(5):
        message = await emulator.next_message(CLIENT)
        if label in message.button_labels:
            return message
    raise AssertionError(f"no message offered {label!r}")


def _onward(message: SentMessage) -> str:
    """The button that moves a reflection on without writing anything."""
    return NEXT if NEXT in message.button_labels else "Skip"
