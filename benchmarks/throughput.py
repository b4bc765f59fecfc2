"""Reflection throughput: the full bot against a bare PTB echo bot, on one emulator, one run.

Each bot runs as its own process against the emulator in this process. A short warm-up by
separate clients is discarded; then `clients` clients act at once, each taking `actions`
steps of its scenario, every step waiting for the bot's reply before the next. Figures:
client actions per second (all actions / wall time from the first send to the last reply),
latency per action, what an action cost (Bot API calls, as the emulator saw them, and for
the full bot SQL statements, as it counted them: BENCH_COUNT_SQL, bot.app), and for the full
bot whether every reply came and the database holds what the clients told it.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import logging
import os
import signal
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.databases import BenchDatabase, fresh_database, postgres_unavailable
from benchmarks.figures import Figure
from benchmarks.load import ClientRun, play_all
from benchmarks.processes import (
    BotDidNotStart,
    BotProcess,
    bot_environment,
    running_bot,
    webhook_environment,
)
from benchmarks.report import figures_for
from benchmarks.results import Contender, Mismatch, Result
from benchmarks.scenarios import ECHO, SCENARIOS, Scenario
from emulator import Emulator

logger = logging.getLogger(__name__)

WARMUP_CLIENTS = 10
WARMUP_ACTIONS = 5
# Each bot gets this long, start to stop; a stuck bot costs a row, not the whole run.
RUN_TIMEOUT = 100.0


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks throughput` was asked for."""

    clients: int = 50
    actions: int = 20
    # What the full bot's clients do: one full-bot row per scenario and database.
    scenarios: tuple[str, ...] = ("onboarding",)
    databases: tuple[str, ...] = ("sqlite",)
    concurrent_echo: bool = False
    # The emulator enforces no flood limit; the bot's own limiter stays in the path, but at
    # Telegram's 30 messages/s it, not the bot, would set the pace.
    max_messages_per_second: float = 1000.0
    step_timeout: float = 15.0


def contenders(options: Options) -> list[Contender]:
    """The echo bot(s), then the full bot on each asked database, playing each asked
    scenario (labelled by it when there are several)."""
    found = [Contender("echo-ptb", ("benchmarks.echo_ptb",), ECHO)]
    if options.concurrent_echo:
        found.append(
            Contender("echo-ptb-concurrent", ("benchmarks.echo_ptb", "--concurrent"), ECHO)
        )
    found.append(Contender("echo-aiogram", ("benchmarks.echo_aiogram",), ECHO, needs="aiogram"))
    several = len(options.scenarios) > 1
    for name in options.scenarios:
        label = f"-{name}" if several else ""
        found += [
            Contender(f"full-{kind}{label}", ("bot",), SCENARIOS[name], kind)
            for kind in options.databases
        ]
    return found


async def run(options: Options) -> list[Figure]:
    """Measure every contender in turn on one emulator; the figures, ratios included."""
    return figures_for(await measure_all(contenders(options), options), options.clients)


async def measure_all(
    contenders: Sequence[Contender], options: Options, run_timeout: float = RUN_TIMEOUT
) -> list[Result]:
    """Measure each contender in turn on one emulator; a failed one keeps its error."""
    results = []
    async with Emulator(bot_username="benchmark_bot") as emulator:
        for number, contender in enumerate(contenders, start=1):
            result = Result(contender)
            if contender.database == "postgresql":
                result.error = await postgres_unavailable()
            if contender.needs and importlib.util.find_spec(contender.needs) is None:
                result.error = f"{contender.needs} is not installed: pip install -e '.[bench]'"
            if result.error is None:
                try:
                    async with asyncio.timeout(run_timeout):
                        await measure(emulator, result, options, first_user=number * 10_000_000)
                except (TimeoutError, BotDidNotStart, WarmUpFailed) as problem:
                    result.error = str(problem) or f"did not finish within {run_timeout:.0f} s"
            if result.error:
                logger.warning("%s not measured: %s", contender.label, result.error)
            for failure in [run.failure for run in result.runs if run.failure][:3]:
                logger.warning("%s: a client stopped at %s", contender.label, failure)
            results.append(result)
    return results


class WarmUpFailed(RuntimeError):
    """The bot did not answer the warm-up clients; measuring it would mean nothing."""


async def measure(emulator: Emulator, result: Result, options: Options, first_user: int) -> None:
    """Start the bot, warm it up, measure, stop it, then read back its database."""
    contender = result.contender
    steps = contender.scenario.steps(options.actions)
    result.steps_each = len(steps)
    warm_ids = range(first_user + 5_000_000, first_user + 5_000_000 + WARMUP_CLIENTS)
    client_ids = range(first_user, first_user + options.clients)
    with tempfile.TemporaryDirectory(prefix=f"bench-{contender.label}-") as tmp:
        workdir = Path(tmp)
        async with _database(contender.database, workdir) as database:
            overrides = {
                "TELEGRAM_MAX_MESSAGES_PER_SECOND": str(options.max_messages_per_second),
                "ENCRYPTION_KEY_FILE": str(workdir / "encryption.key"),
                **({"DATABASE_URL": database.url} if database else {}),
            }
            # Each process writes its own count (a replica's folder is its own).
            counting = {"BENCH_COUNT_SQL": "sql-count.json"} if database else {}
            async with contextlib.AsyncExitStack() as running:
                bots = [
                    await running.enter_async_context(
                        _replica(emulator, contender, workdir, number, overrides | counting)
                    )
                    for number in range(contender.replicas)  # one after the other: one key
                ]
                warm = await play_all(
                    emulator, warm_ids, steps[:WARMUP_ACTIONS], options.step_timeout
                )
                failed = next((run.failure for run in warm if run.failure), None)
                if failed:
                    tails = "\n".join(bot.log_tail() for bot in bots)
                    raise WarmUpFailed(f"warm-up: {failed}\n{tails}")
                sql_before = await _sql_counts(bots) if counting else None
                calls_before = len(emulator.calls)
                cpu_before, harness_before = _cpu(bots), time.process_time()
                started = time.perf_counter()
                result.runs = await play_all(emulator, client_ids, steps, options.step_timeout)
                ended = time.perf_counter()
                elapsed = ended - started
                result.bot_cpu = (_cpu(bots) - cpu_before) / elapsed
                result.harness_cpu = (time.process_time() - harness_before) / elapsed
                result.api_calls = _api_calls(emulator, calls_before)
                if sql_before is not None:
                    result.sql = await _sql_counts(bots) - sql_before
            result.wall_seconds = _wall(result.runs, started, ended)
            if database is not None:
                result.state_problems = await check_state(database, contender.scenario, result.runs)


def _replica(
    emulator: Emulator,
    contender: Contender,
    workdir: Path,
    number: int,
    overrides: dict[str, str],
) -> contextlib.AbstractAsyncContextManager[BotProcess]:
    """The contender's bot process number `number`, each in a folder of its own (its log);
    in webhook mode on a port of its own, which the emulator then posts to as well."""
    if contender.replicas > 1:
        workdir = workdir / f"replica-{number + 1}"
        workdir.mkdir()
    if contender.webhook:
        if number == 0:
            emulator.set_webhook_targets([])  # the previous contender's are gone
        webhook, target = webhook_environment()
        overrides = {**overrides, **webhook}
        emulator.add_webhook_target(target)
    env = bot_environment(emulator, overrides)
    return running_bot(emulator, contender.module, workdir, env)


def _api_calls(emulator: Emulator, since: int) -> Counter[str]:
    """The Bot API calls made since call number `since`, by method; getUpdates left out
    (it fetches updates, it answers none)."""
    calls = emulator.calls[since:]
    return Counter(call.method for call in calls if call.method.lower() != "getupdates")


# How long a bot gets to write its statement count after SIGUSR1.
_COUNT_TIMEOUT = 10.0


async def _sql_counts(bots: Sequence[BotProcess]) -> Counter[str]:
    """The SQL statements and transactions the bots' engines have run so far, together:
    each is asked with SIGUSR1 and writes its totals to sql-count.json (bot.app)."""
    total: Counter[str] = Counter()
    for bot in bots:
        path = bot.log_path.parent / "sql-count.json"  # in the bot's folder, beside its log
        path.unlink(missing_ok=True)
        os.kill(bot.pid, signal.SIGUSR1)
        deadline = time.monotonic() + _COUNT_TIMEOUT
        while not path.exists():
            if time.monotonic() > deadline:
                raise BotDidNotStart(f"the bot wrote no statement count:\n{bot.log_tail()}")
            await asyncio.sleep(0.02)
        total.update(json.loads(path.read_text()))
    return total


def _cpu(bots: Sequence[BotProcess]) -> float:
    """CPU seconds all the contender's processes have used so far."""
    return sum(bot.cpu_seconds() for bot in bots)


def _database(
    kind: str | None, workdir: Path
) -> contextlib.AbstractAsyncContextManager[BenchDatabase | None]:
    return fresh_database(kind, workdir) if kind else contextlib.nullcontext()


def _wall(runs: Sequence[ClientRun], started: float, ended: float) -> float:
    """From the first client's first send to the last reply anyone got."""
    first = min((run.first_sent for run in runs if run.first_sent), default=started)
    last = max((run.last_reply for run in runs if run.last_reply), default=ended)
    return last - first


async def check_state(
    database: BenchDatabase, scenario: Scenario, runs: Sequence[ClientRun]
) -> list[Mismatch]:
    """What the database should hold for each client after its steps, and doesn't."""
    problems = []
    for check in scenario.checks:
        stored = {row[0]: row[1] for row in await database.rows(check.sql)}
        wrong = [
            run.user_id
            for run in runs
            if run.steps_done >= check.after_steps and stored.get(run.user_id) != check.expected
        ]
        if wrong:
            example = f"client {wrong[0]} has {stored.get(wrong[0])!r}"
            problems.append(Mismatch(check.what, len(wrong), example))
    return problems
