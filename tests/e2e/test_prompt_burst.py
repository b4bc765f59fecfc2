"""Many prompts due at once, through the real bot under a Telegram-like flood limit: each
client gets theirs exactly once, a refusal is waited out, and stopping loses nothing."""

from __future__ import annotations

from collections import Counter

from benchmarks.fanout_data import AFTER, BEFORE, prompt_first_line, seed
from emulator import Emulator, FloodLimit
from tests.support.clock import Clock
from tests.support.players import until
from tests.support.process import BotProcess

FIRST = 5_000


async def _clients_due_together(
    emulator: Emulator, bot: BotProcess, clock: Clock, clients: int, per_second: float
) -> list[int]:
    """Clients whose reflection prompts all come due at AFTER; the bot sends `per_second`."""
    ids = list(range(FIRST, FIRST + clients))
    await seed(bot.database_url, ids)
    for client in ids:
        emulator.open_chat(client)
    bot.extra_env["TELEGRAM_MAX_MESSAGES_PER_SECOND"] = str(per_second)
    clock.set(BEFORE)
    return ids


def _prompts_received(emulator: Emulator) -> Counter[int]:
    first_line = prompt_first_line()
    return Counter(
        int(str(call.params["chat_id"]))
        for call in emulator.calls_to("sendMessage")
        if call.ok and str(call.params.get("text", "")).startswith(first_line)
    )


def _statuses(bot: BotProcess) -> dict[str, int]:
    rows = bot.query("SELECT status, count(*) FROM prompts WHERE kind = 'reflection' "
                     "AND session_date = '2026-11-24' GROUP BY status")  # fmt: skip
    return {str(status): int(str(count)) for status, count in rows}


async def test_a_burst_reaches_every_client_once_within_the_flood_limit(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    ids = await _clients_due_together(emulator, bot, clock, clients=80, per_second=36)
    emulator.set_flood_limit(FloodLimit(per_second=40))
    await bot.start()
    clock.set(AFTER)
    await until(lambda: _statuses(bot) == {"sent": 80}, within=60)
    assert _prompts_received(emulator) == Counter({client: 1 for client in ids})


async def test_a_flood_refusal_is_waited_out_and_the_prompt_sent_once(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    (ada,) = await _clients_due_together(emulator, bot, clock, clients=1, per_second=30)
    await bot.start()
    # The rate limiter tries four times; then the dispatcher waits and puts the prompt back.
    emulator.fail_next(4, 429, retry_after=1, methods=["sendMessage"])
    clock.set(AFTER)
    await until(lambda: _statuses(bot) == {"sent": 1}, within=30)
    assert _prompts_received(emulator) == Counter({ada: 1})
    refused = [call for call in emulator.calls_to("sendMessage") if call.status == 429]
    assert len(refused) == 4
    # Claimed twice: once refused (after the rate limiter's own retries), once sent.
    assert bot.query("SELECT attempts FROM prompts WHERE status = 'sent'") == [(2,)]


async def test_stopping_mid_burst_finishes_what_was_claimed_and_a_restart_sends_the_rest(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    ids = await _clients_due_together(emulator, bot, clock, clients=150, per_second=20)
    await bot.start()
    clock.set(AFTER)
    await until(lambda: sum(_prompts_received(emulator).values()) >= 30, within=30)
    await bot.stop()
    statuses = _statuses(bot)
    assert set(statuses) <= {"sent", "pending"}  # nothing left claimed, nothing interrupted
    assert 30 <= statuses["sent"] == sum(_prompts_received(emulator).values()) < 150
    await bot.start()
    await until(lambda: _statuses(bot) == {"sent": 150}, within=60)
    assert _prompts_received(emulator) == Counter({client: 1 for client in ids})
