"""Scale: the bot with 100,000 scheduled clients on the SQLite default.

Start-up: the real bot (`python -m bot`) against the emulator, on a database of `clients`
scheduled clients and, in the same run, on an empty one; time from process start to ready
(its deleteWebhook call, which follows migrations), and its resident memory
once ready and after idling with the dispatcher waking every second.

Wake-up cost: in this process, the dispatcher's query (`storage.schedules.due`) with 0, 10
and 100 prompts due, on the big database and on one of 1,000 clients: its cost should follow
the prompts due, not the number of clients.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

from benchmarks.figures import Figure
from benchmarks.processes import BotDidNotStart, bot_environment, running_bot
from benchmarks.scale_data import make_database, moment_with_due, query_plan, sqlite_url
from emulator import ApiCall, Emulator
from storage import schedules
from storage.db import Database, create_engine
from storage.types import utc_now

logger = logging.getLogger(__name__)

READY_TARGET_SECONDS = 5.0
RSS_TARGET_MB = 300.0
DUE_COUNTS = (0, 10, 100)
BATCH = 100  # handlers.drain.BATCH: due prompts the dispatcher reads per query
# Each start of the bot gets this long, start to stop; a stuck bot costs a row.
RUN_TIMEOUT = 60.0


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks scale` was asked for."""

    clients: int = 100_000
    small_clients: int = 1_000
    starts: int = 3
    idle_seconds: float = 5.0
    repeats: int = 50


@dataclass
class Starts:
    """The bot started several times on one database."""

    label: str
    path: Path
    ready: list[float] = field(default_factory=list)  # s from exec to deleteWebhook
    work: list[float] = field(default_factory=list)  # s from getMe to deleteWebhook
    rss_ready: list[float] = field(default_factory=list)  # MB
    rss_idle: list[float] = field(default_factory=list)  # MB
    peak: list[float] = field(default_factory=list)  # MB, VmHWM
    idle_cpu: list[float] = field(default_factory=list)  # share of a core
    error: str | None = None


async def run(options: Options) -> list[Figure]:
    """Make the databases, time the dispatcher's query, start the bot on each; the rows."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        root = Path(tmp)
        now = utc_now()
        big, small, empty = root / "big.sqlite3", root / "small.sqlite3", root / "empty.sqlite3"
        started = time.perf_counter()
        await make_database(big, options.clients, now)
        fill_seconds = time.perf_counter() - started
        await make_database(small, options.small_clients, now)
        await make_database(empty, 0, now)
        figures = [
            Figure(
                "scale: fill database", fill_seconds, "s",
                note=f"{options.clients} clients, {2 * options.clients} prompts; "
                f"{big.stat().st_size / 2**20:.0f} MB file; migrations + sqlite3 executemany",
            )
        ]  # fmt: skip
        for path, clients in ((small, options.small_clients), (big, options.clients)):
            figures += await wakeup_figures(path, clients, options.repeats)
        figures.append(await plan_figure(big))
        runs = [Starts("empty", empty), Starts(f"{options.clients} clients", big)]
        async with Emulator(bot_username="benchmark_bot") as emulator:
            for number in range(options.starts):
                for starts in runs:  # alternating, so drift hits both alike
                    if starts.error is None:
                        await start_once(emulator, starts, root, number, options.idle_seconds)
        for starts in runs:
            figures += start_figures(starts, options)
    return figures


async def wakeup_figures(path: Path, clients: int, repeats: int) -> list[Figure]:
    """Median time of the dispatcher's due query, per number of prompts due."""
    engine = create_engine(sqlite_url(path))
    database = Database(engine)
    figures = []
    try:
        for due in DUE_COUNTS:
            now = moment_with_due(path, due)
            found, seconds = 0, []
            for number in range(repeats + 3):  # three to warm the cache, not counted
                started = time.perf_counter()
                async with database.transaction() as session:
                    found = len(await schedules.due(session=session, now=now, limit=BATCH))
                if number >= 3:
                    seconds.append(time.perf_counter() - started)
            figures.append(
                Figure(
                    f"scale: wake-up, {due} due, {clients} clients",
                    1000 * statistics.median(seconds), "ms",
                    note=f"storage.schedules.due in a transaction, median of {repeats}; "
                    f"{found} returned, max {1000 * max(seconds):.2f} ms",
                )
            )  # fmt: skip
        unplanned = []
        for _ in range(3):
            started = time.perf_counter()
            async with database.transaction() as session:
                await schedules.unplanned(session=session, after_user_id=0, limit=200)
            unplanned.append(time.perf_counter() - started)
        figures.append(
            Figure(
                f"scale: missing-plans sweep batch, {clients} clients",
                1000 * statistics.median(unplanned), "ms",
                note="storage.schedules.unplanned (a batch of 200, in the background after "
                "start), median of 3",
            )
        )  # fmt: skip
    finally:
        await engine.dispose()
    return figures


async def plan_figure(path: Path) -> Figure:
    """Whether SQLite answers the due query from the ix_prompts_due index."""
    sql, parameters = await _due_statement(path)
    steps = query_plan(path, sql, parameters)
    uses = any("ix_prompts_due" in step for step in steps)
    return Figure(
        "scale: due query uses ix_prompts_due", 1.0 if uses else 0.0, "yes=1",
        target="1", note="EXPLAIN QUERY PLAN: " + "; ".join(steps),
    )  # fmt: skip


async def _due_statement(path: Path) -> tuple[str, tuple[object, ...]]:
    """The SQL and parameters the dispatcher's query sends to SQLite, as sent."""
    engine = create_engine(sqlite_url(path))
    seen: list[tuple[str, tuple[object, ...]]] = []

    def _record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM prompts" in statement:
            seen.append((statement, tuple(parameters)))

    event.listen(engine.sync_engine, "before_cursor_execute", _record)
    try:
        async with Database(engine).transaction() as session:
            await schedules.due(session=session, now=moment_with_due(path, 10), limit=BATCH)
    finally:
        await engine.dispose()
    return seen[0]


async def start_once(
    emulator: Emulator, starts: Starts, root: Path, number: int, idle_seconds: float
) -> None:
    """Start the bot on the database, read its memory when ready and after idling, stop it."""
    workdir = root / f"bot-{starts.path.stem}-{number}"
    workdir.mkdir()
    env = bot_environment(
        emulator,
        {
            "DATABASE_URL": sqlite_url(starts.path),
            "ENCRYPTION_KEY_FILE": str(root / "encryption.key"),
            "DISPATCH_INTERVAL_SECONDS": "1",
        },
    )
    calls_before = len(emulator.calls)
    try:
        async with asyncio.timeout(RUN_TIMEOUT):
            started = time.monotonic()
            async with running_bot(emulator, ("bot",), workdir, env) as bot:
                rss_ready = _memory_mb(bot.pid, "VmRSS")
                calls = emulator.calls[calls_before:]
                ready = _first(calls, "deleteWebhook")
                starts.ready.append(ready - started)
                starts.work.append(ready - _first(calls, "getMe"))
                starts.rss_ready.append(rss_ready)
                cpu_before = bot.cpu_seconds()
                await asyncio.sleep(idle_seconds)
                starts.idle_cpu.append((bot.cpu_seconds() - cpu_before) / idle_seconds)
                starts.rss_idle.append(_memory_mb(bot.pid, "VmRSS"))
                starts.peak.append(_memory_mb(bot.pid, "VmHWM"))
    except (TimeoutError, BotDidNotStart) as problem:
        starts.error = str(problem).splitlines()[0] or f"not ready within {RUN_TIMEOUT:.0f} s"
        logger.warning("scale, %s: %s", starts.label, problem)


def _first(calls: list[ApiCall], method: str) -> float:
    return next(call.at for call in calls if call.method.lower() == method.lower())


def _memory_mb(pid: int, key: str) -> float:
    """A memory figure of the process from /proc/<pid>/status, in MB."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return float("nan")
    for line in lines:
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024  # kB
    return float("nan")


def start_figures(starts: Starts, options: Options) -> list[Figure]:
    """Median and max of each start-up figure for one database."""
    name = f"scale: bot on {starts.label}"
    if starts.error:
        return [Figure(f"{name}, ready", None, "s", note=f"not measured: {starts.error}")]
    big = starts.label != "empty"
    runs = f"{len(starts.ready)} starts"
    return [
        *_median_max(
            f"{name}, ready", starts.ready, "s",
            target=f"<= {READY_TARGET_SECONDS:g} s" if big else "",
            note=f"exec to deleteWebhook (after migrations + prepare); {runs}",
        ),
        *_median_max(
            f"{name}, start-up work", starts.work, "s",
            note="getMe to deleteWebhook: migrations, setMyCommands",
        ),
        *_median_max(
            f"{name}, RSS ready", starts.rss_ready, "MB",
            target=f"<= {RSS_TARGET_MB:g} MB" if big else "", note="VmRSS",
        ),
        *_median_max(
            f"{name}, RSS idle", starts.rss_idle, "MB",
            target=f"<= {RSS_TARGET_MB:g} MB" if big else "",
            note=f"VmRSS after {options.idle_seconds:g} s, dispatcher every 1 s; bot CPU "
            f"{statistics.median(starts.idle_cpu):.1%} of a core meanwhile",
        ),
        *_median_max(
            f"{name}, RSS peak", starts.peak, "MB",
            target=f"<= {RSS_TARGET_MB:g} MB" if big else "", note="VmHWM, start-up included",
        ),
    ]  # fmt: skip


def _median_max(
    name: str, values: list[float], unit: str, target: str = "", note: str = ""
) -> Iterator[Figure]:
    yield Figure(f"{name} (median)", statistics.median(values), unit, target, note)
    yield Figure(f"{name} (max)", max(values), unit, target)
