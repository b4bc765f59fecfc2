"""Prompt fan-out: thousands of prompts due at one moment, under a Telegram-like flood limit.

`clients` clients are seeded with the bot's own storage and planning code so that each one's
reflection prompt comes due at the same moment (`fanout_data`). The real bot
(`python -m bot`) runs on a clock file; the emulator in this process enforces a flood limit
of `limit` messages/s overall and Telegram's 1 message/s per chat, and the bot is given a
little less as its TELEGRAM_MAX_MESSAGES_PER_SECOND. The clock moves past the due moment;
from the first prompt sent to the last, the emulator's call log gives the rate, the 429s and
who got their prompt how often; the database, read afterwards, gives each prompt's status.

Meanwhile some clients who got their prompt press its "Start now" a moment later, as a person
would, and the time until the bot's answer reaches the emulator is measured; the same again
once the fan-out is over, for comparison.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.databases import fresh_database, postgres_unavailable
from benchmarks.fanout_data import AFTER, BEFORE, SESSION_DAY, prompt_first_line, seed
from benchmarks.fanout_report import figures_for
from benchmarks.fanout_run import Options, Probe, Run
from benchmarks.figures import Figure
from benchmarks.processes import BotDidNotStart, BotProcess, bot_environment, running_bot
from emulator import Emulator, FloodLimit, NoMessageError, SentMessage
from emulator.flood import counts_as_message
from features.kernel.texts import plain

logger = logging.getLogger(__name__)

FIRST_CLIENT = 30_000_000
# A person reads the prompt before pressing; also keeps their chat within 1 message/s.
READ_PAUSE = 2.0
REPLY_TIMEOUT = 30.0
# The whole run, seeding included; a stuck bot costs the rows, not the whole table.
RUN_TIMEOUT = 900.0


async def run(options: Options) -> list[Figure]:
    """Seed, start the bot, move its clock past the due moment, measure; the table rows."""
    result = Run(options)
    if options.database == "postgresql":
        result.error = await postgres_unavailable()
    if result.error is None:
        try:
            async with asyncio.timeout(RUN_TIMEOUT):
                await _run(result)
        except (TimeoutError, BotDidNotStart) as problem:
            result.error = str(problem).splitlines()[0] or f"not done in {RUN_TIMEOUT:.0f} s"
    if result.error:
        logger.warning("fan-out not measured: %s", result.error)
    return figures_for(result)


async def _run(result: Run) -> None:
    options = result.options
    clients = range(FIRST_CLIENT, FIRST_CLIENT + options.clients)
    limit = FloodLimit(per_second=options.limit)
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        workdir = Path(tmp)
        async with fresh_database(options.database, workdir) as database:
            await seed(database.url, clients)
            async with Emulator(bot_username="benchmark_bot", flood_limit=limit) as emulator:
                for client in clients:
                    emulator.open_chat(client)
                clock = workdir / "clock"
                clock.write_text(BEFORE.isoformat())
                overrides = {
                    "DATABASE_URL": database.url,
                    "ENCRYPTION_KEY_FILE": str(workdir / "encryption.key"),
                    "CLOCK_FILE": str(clock),
                    "DISPATCH_INTERVAL_SECONDS": str(options.dispatch_interval),
                    "TELEGRAM_MAX_MESSAGES_PER_SECOND": str(options.bot_limit),
                }
                env = bot_environment(emulator, overrides)
                async with running_bot(emulator, ("bot",), workdir, env) as bot:
                    await _measure(emulator, bot, clock, clients, result)
                gate = emulator.flood_gate
                assert gate is not None
                result.refused_overall, result.refused_in_chat = (
                    gate.refused_overall,
                    gate.refused_in_chat,
                )
            rows = await database.rows(
                "SELECT status, count(*) FROM prompts WHERE kind = 'reflection' "
                f"AND session_date = '{SESSION_DAY.isoformat()}' GROUP BY status"
            )
            result.statuses = {str(status): int(count) for status, count in rows}


async def _measure(
    emulator: Emulator, bot: BotProcess, clock: Path, clients: range, result: Run
) -> None:
    """Move the clock, press buttons while the prompts go out, then once more at rest."""
    options = result.options
    log = PromptLog(emulator, prompt_first_line(), set(clients))
    cpu_before, harness_before = bot.cpu_seconds(), time.process_time()
    started = time.monotonic()
    await asyncio.to_thread(clock.write_text, AFTER.isoformat())
    pressing: list[asyncio.Task[Probe]] = []
    progress = started
    while len(log.delivered) < len(clients):
        await asyncio.sleep(options.probe_every)
        if log.scan():
            progress = time.monotonic()
        elif time.monotonic() - progress > options.stall_seconds:
            break
        ready = log.ready_to_press(time.monotonic() - READ_PAUSE)
        if ready is not None and len(log.delivered) < len(clients):
            pressing.append(asyncio.create_task(press_start(emulator, ready)))
    ended = time.monotonic()
    result.bot_cpu = (bot.cpu_seconds() - cpu_before) / (ended - started)
    result.harness_cpu = (time.process_time() - harness_before) / (ended - started)
    result.during = list(await asyncio.gather(*pressing))
    await asyncio.sleep(READ_PAUSE)
    for _ in range(options.idle_probes):
        ready = log.ready_to_press(time.monotonic() - READ_PAUSE)
        if ready is None:
            break
        result.idle.append(await press_start(emulator, ready))
        await asyncio.sleep(0.2)
    log.scan()
    result.delivered = log.delivered
    result.first, result.last = log.first, log.last
    result.accepted = sum(
        1
        for call in emulator.calls
        if call.ok and counts_as_message(call.method) and log.first <= call.at <= log.last
    )


class PromptLog:
    """Follows the emulator's call log: which clients got their prompt, when, how often."""

    def __init__(self, emulator: Emulator, first_line: str, clients: set[int]) -> None:
        self._emulator = emulator
        self._first_line = first_line
        self._clients = clients
        self._seen = 0
        self.delivered: Counter[int] = Counter()
        self.arrived: dict[int, float] = {}  # client -> when their first prompt arrived
        self._pressed: set[int] = set()
        self.first = float("nan")
        self.last = float("nan")

    def scan(self) -> bool:
        """Read the calls since the last scan; whether a prompt was among them."""
        calls = self._emulator.calls
        new, self._seen = calls[self._seen :], len(calls)
        found = False
        for call in new:
            if not call.ok or call.method != "sendMessage":
                continue
            client = int(str(call.params.get("chat_id")))
            if client not in self._clients:
                continue
            if not str(call.params.get("text", "")).startswith(self._first_line):
                continue
            found = True
            self.delivered[client] += 1
            self.arrived.setdefault(client, call.at)
            self.first = call.at if self.first != self.first else min(self.first, call.at)
            self.last = call.at if self.last != self.last else max(self.last, call.at)
        return found

    def ready_to_press(self, arrived_by: float) -> int | None:
        """A client whose prompt came by `arrived_by` and who has not pressed yet."""
        for client, arrived in self.arrived.items():
            if arrived <= arrived_by and client not in self._pressed:
                self._pressed.add(client)
                return client
        return None


async def press_start(emulator: Emulator, client: int) -> Probe:
    """The client presses "Start now" on their prompt; when the bot's answer came."""
    prompt = _prompt_message(emulator.messages(client))
    label = plain("button.start_now")
    data = next(data for row in prompt.buttons for text, data in row if text == label and data)
    await emulator.next_message(client)  # the prompt: the answer is the message after it
    probe = Probe(client, time.monotonic())
    await emulator.press(client, prompt, data)
    with contextlib.suppress(NoMessageError):
        await emulator.next_message(client, timeout=REPLY_TIMEOUT)
    answers = [
        call.at
        for call in emulator.calls_to("sendMessage")
        if call.ok and call.at >= probe.pressed and str(call.params.get("chat_id")) == str(client)
    ]
    probe.answered = min(answers, default=None)
    return probe


def _prompt_message(messages: list[SentMessage]) -> SentMessage:
    return next(message for message in messages if message.buttons)
