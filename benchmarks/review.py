"""/summary and /export for a client with five years of weekly reflections.

The database is filled with the real storage functions (encrypted, as the bot keeps it):
one client, 261 weekly reflections of four ratings, two goal ratings and six written
answers. Then the real bot (`python -m bot`) runs against the emulator, and a client
asks, several times over: `/summary` (the default window), `/summary all`, and `/export`.
Each figure is from sending the command to the message's arrival at the emulator: the
first page (the text), the chart (a photo), the last export file. The first chart after
start is shown on its own: it pays for loading matplotlib.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from benchmarks.databases import fresh_database, postgres_unavailable
from benchmarks.figures import Figure
from benchmarks.processes import BotDidNotStart, bot_environment, running_bot
from emulator import Emulator
from storage import clients, reflections
from storage import goals as preferences
from storage.crypto import attach_cipher, cipher_from
from storage.db import Database, create_engine, upgrade_schema

CLIENT = 4242
TEXT_TARGET_MS = 200.0
CHART_TARGET_MS = 1000.0
_OPEN = ("progress", "obstacles", "helpful", "not_helpful", "felt_right", "bring_up")
_SENTENCES = (
    "I noticed I held back when we talked about work.",
    "The breathing exercise helped on Thursday.",
    "We ran out of time at the end again.",
    "It felt like we finally got to what matters, slowly.",
    "I want to say why next time.",
)


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks review` was asked for."""

    weeks: int = 261
    repeats: int = 7
    database: str = "sqlite"


async def run(options: Options) -> list[Figure]:
    """Fill the history, start the bot, time the commands; the rows."""
    if options.database == "postgresql" and (why := await postgres_unavailable()):
        return [Figure("review: /summary all text", None, "ms", note=why)]
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        workdir = Path(tmp)
        async with fresh_database(options.database, workdir) as database:
            url = database.url
            if url.startswith("postgresql://"):
                url = url.replace("postgresql://", "postgresql+asyncpg://", 1)
            key_file = workdir / "encryption.key"
            started = time.perf_counter()
            await _fill(url, key_file, options.weeks)
            fill = time.perf_counter() - started
            async with Emulator(bot_username="bench_review_bot") as emulator:
                env = bot_environment(
                    emulator, {"DATABASE_URL": url, "ENCRYPTION_KEY_FILE": str(key_file)}
                )
                try:
                    async with running_bot(emulator, ("bot",), workdir, env):
                        timings = await _measure(emulator, options.repeats)
                except BotDidNotStart as problem:
                    note = str(problem).splitlines()[0]
                    return [Figure("review: /summary all text", None, "ms", note=note)]
    return _figures(timings, options, fill)


async def _fill(url: str, key_file: Path, weeks: int) -> None:
    """One client with `weeks` weekly reflections, the newest last week."""
    engine = create_engine(url)
    attach_cipher(engine, cipher_from(None, key_file))
    await upgrade_schema(engine)
    database = Database(engine)
    chance = random.Random(5)
    first = date.today() - timedelta(weeks=weeks)
    try:
        async with database.transaction() as session:
            await clients.get_or_create_user(
                session=session, user_id=CLIENT, chat_id=CLIENT, language="en"
            )
            await clients.set_time_zone(session=session, user_id=CLIENT, time_zone="Europe/Berlin")
            goals = [
                await preferences.add_goal(session=session, user_id=CLIENT, text=text)
                for text in ("Sleep through the night", "Say no at work without guilt")
            ]
            await session.flush()
        for week in range(weeks):
            async with database.transaction() as session:
                questions = ["heard", "focus", "approach", "overall"]
                questions += [f"goal:{goal.id}" for goal in goals] + list(_OPEN)
                reflection = await reflections.start_reflection(
                    session=session,
                    user_id=CLIENT,
                    serial=week + 1,
                    questions=questions,
                    session_date=first + timedelta(weeks=week),
                    source="reflect",
                )
                for question in questions[:6]:
                    await reflections.put_answer(
                        session=session,
                        user_id=CLIENT,
                        serial=week + 1,
                        question=question,
                        rating=chance.randint(3, 10),
                    )
                for question in _OPEN:
                    words = " ".join(chance.choices(_SENTENCES, k=chance.randint(2, 8)))
                    await reflections.put_answer(
                        session=session,
                        user_id=CLIENT,
                        serial=week + 1,
                        question=question,
                        text=words,
                    )
                await reflections.finish(session=session, reflection=reflection, complete=True)
    finally:
        await engine.dispose()


@dataclass
class _Timings:
    summary_text: list[float]
    summary_chart: list[float]
    all_text: list[float]
    all_chart: list[float]
    export: list[float]
    first_chart: float
    pages: int


async def _measure(emulator: Emulator, repeats: int) -> _Timings:
    timings = _Timings([], [], [], [], [], 0.0, 0)
    for repeat in range(repeats):
        text, chart, pages = await _ask(emulator, "/summary all")
        if repeat == 0:
            timings.first_chart = chart
        else:
            timings.all_text.append(text)
            timings.all_chart.append(chart)
        timings.pages = pages
        text, chart, _ = await _ask(emulator, "/summary")
        timings.summary_text.append(text)
        timings.summary_chart.append(chart)
        sent = time.perf_counter()
        await emulator.send_text(CLIENT, "/export")
        for _ in range(5):  # "putting it together", three files, "here's everything"
            message = await emulator.next_message(CLIENT, timeout=60)
            if message.method == "sendDocument":
                done = time.perf_counter()
        timings.export.append(done - sent)
    return timings


async def _ask(emulator: Emulator, command: str) -> tuple[float, float, int]:
    """Seconds to the first page and to the chart, and how many pages there were."""
    sent = time.perf_counter()
    await emulator.send_text(CLIENT, command)
    page = await emulator.next_message(CLIENT, timeout=30)
    text = time.perf_counter() - sent
    photo = await emulator.next_message(CLIENT, timeout=30)
    chart = time.perf_counter() - sent
    assert page.method == "sendMessage" and photo.method == "sendPhoto"
    total = (page.plain_text or "").rsplit(" of ", 1)
    pages = int(total[1].split(".")[0]) if len(total) == 2 and "Page" in total[0] else 1
    await asyncio.sleep(0.05)
    return text, chart, pages


def _figures(timings: _Timings, options: Options, fill: float) -> list[Figure]:
    base = f"{options.weeks} weekly reflections, {options.database}"
    return [
        *_median_max(
            "review: /summary all, text",
            timings.all_text,
            f"<= {TEXT_TARGET_MS:.0f}",
            f"{base}; page 1 of {timings.pages}",
        ),
        *_median_max(
            "review: /summary all, chart",
            timings.all_chart,
            f"<= {CHART_TARGET_MS:.0f}",
            f"{base}; {options.weeks} points a line",
        ),
        Figure(
            "review: first chart after start",
            timings.first_chart * 1000,
            "ms",
            note="includes loading matplotlib once",
        ),
        *_median_max(
            "review: /summary, text",
            timings.summary_text,
            f"<= {TEXT_TARGET_MS:.0f}",
            "last 30 days or 4 sessions",
        ),
        *_median_max(
            "review: /summary, chart", timings.summary_chart, f"<= {CHART_TARGET_MS:.0f}", ""
        ),
        *_median_max("review: /export, all files", timings.export, "", "PDF, CSV, JSON"),
        Figure("review: filling the history", fill, "s", note="storage functions, encrypted"),
    ]


def _median_max(name: str, seconds: Sequence[float], target: str, note: str) -> list[Figure]:
    if not seconds:
        return [Figure(f"{name} (median)", None, "ms", target, note)]
    median = statistics.median(seconds) * 1000
    worst = max(seconds) * 1000
    return [
        Figure(f"{name} (median)", median, "ms", target, note),
        Figure(f"{name} (max)", worst, "ms", "", f"of {len(seconds)}"),
    ]
