"""No one can hold the bot up for everyone: a client's burst and a stranger's are cut short
at the door while another client is answered; a turn that overruns its time limit is
rolled back and the client asked to send it again."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from emulator import Emulator, FloodLimit
from features.kernel.texts import plain
from handlers.context import ClientTags
from storage.crypto import current_key
from tests.support.databases import write_lock
from tests.support.players import until
from tests.support.process import BotProcess

FLOODER, OTHER, STRANGER = 3101, 3102, 3103
BURST = 100
# Generous: on a quiet machine the answer takes a fraction of a second; the bot before
# this took minutes.
ANSWERED_WITHIN = 10.0
SLOW_DOWN = plain("flood.slow_down")
# Telegram's limits: 30 messages a second overall, one a second in a chat after three.
TELEGRAMS_LIMIT = FloodLimit(per_second=30, per_chat_per_second=1, per_chat_burst=3)


@pytest.fixture
async def practice_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcess]:
    """A bot for a practice's two clients (ALLOWED_USER_IDS), anyone else refused."""
    env = {"ALLOWED_USER_IDS": f"{FLOODER},{OTHER}"}
    process = BotProcess(emulator, tmp_path, database_url, extra_env=env)
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()


def texts(emulator: Emulator, chat: int) -> list[str]:
    return [message.plain_text or "" for message in emulator.messages(chat)]


async def test_a_burst_from_a_client_and_a_stranger_holds_up_no_one_else(
    emulator: Emulator, practice_bot: BotProcess
):
    for user in (FLOODER, OTHER):
        await emulator.send_text(user, "/help")
        await emulator.next_message(user)
    emulator.set_flood_limit(TELEGRAMS_LIMIT)
    await asyncio.sleep(1.5)  # the chats' budgets refill after the answers above

    for number in range(BURST):
        await emulator.send_text(FLOODER, f"burst words {number}")
    for number in range(BURST):
        await emulator.send_text(STRANGER, f"stranger words {number}")
    started = time.monotonic()
    await emulator.send_text(OTHER, "/help")
    answer = await emulator.next_message(OTHER, timeout=ANSWERED_WITHIN)
    waited = time.monotonic() - started
    assert "what I can do" in (answer.plain_text or "")

    # Everything is handled and acknowledged in the end, the replies paced by Telegram.
    await until(lambda: emulator.pending_updates() == 0, within=60)
    # The replies go out at Telegram's pace in each chat (one a second), the "slow down"
    # last of the flooder's: wait for it in both chats.
    for user in (FLOODER, STRANGER):
        await until(lambda user=user: SLOW_DOWN in texts(emulator, user), within=90)
    await asyncio.sleep(3)
    flooder = texts(emulator, FLOODER)
    # One "slow down" for the whole burst (it came within one window), not one for each.
    assert flooder.count(SLOW_DOWN) == 1
    assert texts(emulator, STRANGER).count(SLOW_DOWN) == 1
    # Of the burst, the first were kept and answered, the rest not: fewer replies than
    # messages, and the "slow down" after the replies to what was kept.
    answered = len(flooder) - 1 - 1  # without the first /help and the "slow down"
    assert 0 < answered < BURST / 2
    assert flooder[-1] == SLOW_DOWN
    await practice_bot.stop()
    log = practice_bot.log
    assert "burst words" not in log and "stranger words" not in log
    print(f"another client's /help under a burst of {BURST} + {BURST}: {waited:.2f} s")


async def test_button_presses_past_the_rate_are_each_answered(
    emulator: Emulator, practice_bot: BotProcess
):
    """A press turned away is still answered (its spinner stops), with a word why."""
    await emulator.send_text(FLOODER, "/help")
    shown = await emulator.next_message(FLOODER)
    presses = [
        await emulator.press(FLOODER, shown.message_id, f"r:{n}:0:8", strict=False)
        for n in range(40)
    ]
    await until(lambda: emulator.pending_updates() == 0, within=60)
    await until(
        lambda: {a.callback_query_id for a in emulator.answered_callbacks} >= set(presses),
        within=30,
    )
    toasts = [a.text for a in emulator.answered_callbacks]
    assert plain("flood.slow_down_press") in toasts


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_a_turn_past_its_time_limit_is_rolled_back_and_the_client_asked_again(
    emulator: Emulator, tmp_path: Path, database_url: str, webhook: bool
):
    env = {"TURN_TIMEOUT_SECONDS": "2"}
    bot = BotProcess(emulator, tmp_path, database_url, extra_env=env, webhook=webhook)
    await bot.start()
    try:
        await emulator.send_text(OTHER, "/start")  # a client: their row is there to lock
        for _ in range(2):  # the welcome, the time zone question
            await emulator.next_message(OTHER)
        async with write_lock(database_url, OTHER):
            sent = await emulator.send_text(OTHER, "/goals")
            apology = await emulator.next_message(OTHER, timeout=20)
        assert apology.plain_text == plain("turn.too_slow")
        update_id = await sent_update_id(emulator, sent, webhook)
        # Nothing of the abandoned turn was kept: the same command works as new.
        await emulator.send_text(OTHER, "/goals")
        assert "goal" in ((await emulator.next_message(OTHER, timeout=20)).plain_text or "")
        await until(lambda: emulator.pending_updates() == 0)
    finally:
        await bot.stop()
    lines = [line for line in bot.log.splitlines() if "took longer than" in line]
    tag = ClientTags(current_key(None, tmp_path / "encryption.key"))(OTHER)
    assert len(lines) == 1
    assert f"Update {update_id} of client {tag} " in lines[0]
    assert str(OTHER) not in lines[0]


async def sent_update_id(emulator: Emulator, message: dict[str, object], webhook: bool) -> int:
    """The update id the emulator gave the message the client sent (the second update of
    the test, in webhook mode)."""
    if webhook:
        await until(lambda: len({d.update_id for d in emulator.webhook_deliveries}) >= 2)
        return sorted({d.update_id for d in emulator.webhook_deliveries})[1]
    for call in emulator.calls_to("getUpdates"):
        for update in call.response.get("result") or []:
            if update.get("message", {}).get("message_id") == message["message_id"]:
                return int(update["update_id"])
    raise AssertionError("the message was never delivered")


async def test_words_of_danger_in_a_burst_are_never_turned_away(
    emulator: Emulator, practice_bot: BotProcess
):
    """A client in distress typing many short messages fast, and a stranger, each get the
    helplines for the words that suggest danger, however far past the rate they come."""
    await emulator.send_text(FLOODER, "/help")
    await emulator.next_message(FLOODER)
    for number in range(40):
        await emulator.send_text(FLOODER, f"burst words {number}")
        await emulator.send_text(STRANGER, f"stranger words {number}")
    await emulator.send_text(FLOODER, "i want to kill myself")
    await emulator.send_text(STRANGER, "i want to kill myself")
    for user in (FLOODER, STRANGER):
        await until(lambda user=user: any("112" in t for t in texts(emulator, user)), within=60)
    # Nothing but the help follows it for the stranger: no refusal after the helplines.
    stranger = texts(emulator, STRANGER)
    helped = next(i for i, t in enumerate(stranger) if "112" in t)
    await asyncio.sleep(1)
    assert all("can't start with you" not in t for t in texts(emulator, STRANGER)[helped:])
