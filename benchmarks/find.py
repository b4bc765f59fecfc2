"""`python -m benchmarks.find`: how long `/find` takes for a client with five years of weekly
reflections, as the turn does it.

The database (SQLite, PostgreSQL, or both) is filled with the real storage functions,
encrypted as the bot keeps it: one client, `--weeks` weekly reflections of four ratings and
six written answers, goals, questions of their own, a memo most weeks and a safety plan;
and a second client writing the same words, who must never be found. Then, in this
process, the turn the bot runs for `/find WORD` (handlers/turn.py's engine: the client
locked, what the step reads loaded and decrypted, the search, the state saved, in one
transaction) and the rendering of the page it sends, `--repeats` times per query; the
figures are the median and 95th percentile of those, in milliseconds, by the clock and in
this process's CPU time (which a busy machine doesn't stretch; a PostgreSQL server's own
work is not in it). Sending is left out: it is the same for every reply.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.databases import KINDS, fresh_database, postgres_unavailable
from benchmarks.figures import Figure, table
from features.kernel.engine import Sender, run_turn
from features.kernel.texts import render
from features.kernel.vocabulary import Client, Command, Facts, Redraw, Reply, State
from features.learned.loaders import load_writings
from features.safety.crisis import load as load_crisis
from handlers.turn import turn_engine
from storage import clients, goals, memos, reflections, safety
from storage.crypto import attach_cipher, cipher_from
from storage.db import Database, create_engine, upgrade_schema

CLIENT, OTHER = 4343, 4344
TARGET_MS = 300.0
_OPEN = ("progress", "obstacles", "helpful", "not_helpful", "felt_right", "bring_up")
_SENTENCES = (
    "I noticed I held back when we talked about work.",
    "The breathing exercise helped on Thursday.",
    "We ran out of time at the end again.",
    "It felt like we finally got to what matters, slowly.",
    "I want to say why next time.",
    "Sleeping has been hard since the move.",
    "My sister called and I didn\u2019t pick up.",
    "Le caf\u00e9 du matin, c\u2019est mon moment \u00e0 moi.",
    "I was anxious before the session, calmer after it.",
    "We talked about my mother and the holidays.",
)
# What is looked for: a common word (many pages of results), a word with an accent written
# without it, two words that must both be there, and a word found nowhere. Then /learned,
# which reads the same client's "what helped" and "bring up" answers and memos.
QUERIES = ("sleep", "cafe", "sister work", "walrus")
_IDLE = State()
_TAGS = re.compile(r"<[^>]+>")
_FACTS = Facts(Client("Europe/Berlin"), datetime.now(UTC))


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks.find` was asked for."""

    weeks: int = 260
    repeats: int = 30
    database: str = "sqlite"


async def run(options: Options) -> list[Figure]:
    """Fill each database asked for, time the searches; the rows."""
    kinds = KINDS if options.database == "both" else (options.database,)
    figures: list[Figure] = []
    for kind in kinds:
        if kind == "postgresql" and (why := await postgres_unavailable()):
            figures.append(Figure("find: postgresql", None, "ms", note=why))
            continue
        with tempfile.TemporaryDirectory(prefix="bench-find-") as tmp:
            async with fresh_database(kind, Path(tmp)) as database:
                figures += await _measure_on(database.url, Path(tmp), kind, options)
    return figures


async def _measure_on(url: str, workdir: Path, kind: str, options: Options) -> list[Figure]:
    if url.startswith("postgresql://"):
        url = url.replace("postgresql://", "postgresql+asyncpg://", 1)
    engine = create_engine(url)
    attach_cipher(engine, cipher_from(None, workdir / "encryption.key"))
    await upgrade_schema(engine)
    database = Database(engine)
    try:
        started = time.perf_counter()
        pieces = await _fill(database, options.weeks)
        fill = time.perf_counter() - started
        figures = [
            Figure(
                f"find: {kind}, filling",
                fill,
                "s",
                note=f"{pieces} pieces of writing, {options.weeks} weekly reflections",
            )
        ]
        figures += await _load_only(database, kind, options.repeats)
        engine_of_turn = turn_engine(load_crisis(), lambda: datetime.now(UTC))
        update_id = 1
        for command in (*(Command("find", query) for query in QUERIES), Command("learned")):
            asked = f"/{command.name} {command.args}".rstrip()
            seconds: list[float] = []
            cpu: list[float] = []
            found = ""
            for _ in range(options.repeats):
                update_id += 1
                began, began_cpu = time.perf_counter(), time.process_time()
                async with database.transaction() as session:
                    outcome, language = await run_turn(
                        session,
                        engine_of_turn,
                        Sender(CLIENT, CLIENT, "en"),
                        update_id,
                        command,
                        lambda user: None,
                    )
                assert outcome is not None
                sent = [_rendered(e, language) for e in outcome.effects]
                seconds.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
                found = _TAGS.sub("", next(s for s in sent if s).splitlines()[0])[:60]
            figures += _median_p95(f"find: {kind}, {asked}", seconds, found)
            figures += _median_p95(
                f"find: {kind}, {asked}, CPU", cpu, "this process's (not the server's)"
            )
        return figures
    finally:
        await engine.dispose()


async def _load_only(database: Database, kind: str, repeats: int) -> list[Figure]:
    """The load alone: every piece of writing read and decrypted."""
    seconds = []
    for _ in range(repeats):
        began = time.perf_counter()
        async with database.transaction() as session:
            user = await clients.lock_user(session=session, user_id=CLIENT)
            assert user is not None
            read = await load_writings(session, user, _IDLE, Command("find", "x"), _FACTS)
        seconds.append(time.perf_counter() - began)
    return _median_p95(f"find: {kind}, reading it all", seconds, f"{len(read.pieces)} pieces")


def _rendered(effect: object, language: str) -> str:
    reply = effect.reply if isinstance(effect, Redraw) else effect
    return render(reply.text, language, **reply.args) if isinstance(reply, Reply) else ""


async def _fill(database: Database, weeks: int) -> int:
    """The client's years of writing, and another client's; how many pieces the client's."""
    chance = random.Random(17)
    first = date.today() - timedelta(weeks=weeks)
    pieces = 0
    async with database.transaction() as session:
        for user_id in (CLIENT, OTHER):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
            await clients.set_time_zone(session=session, user_id=user_id, time_zone="Europe/Berlin")
        for text in ("Sleep through the night", "Say no at work", "Call my sister more"):
            await goals.add_goal(session=session, user_id=CLIENT, text=text)
            pieces += 1
        for text in ("Did I say what I meant?", "What did I avoid?"):
            await goals.add_own_question(session=session, user_id=CLIENT, text=text)
            pieces += 1
        for part in ("warning_signs", "coping", "people_places", "contacts", "reasons"):
            words = " ".join(chance.choices(_SENTENCES, k=2))
            await safety.save_section(session=session, user_id=CLIENT, section=part, text=words)
            pieces += 1
    for week in range(weeks):
        async with database.transaction() as session:
            for user_id in (CLIENT, OTHER) if week % 10 == 0 else (CLIENT,):
                serial = week + 1 if user_id == CLIENT else week // 10 + 1
                await reflections.start_reflection(
                    session=session,
                    user_id=user_id,
                    serial=serial,
                    questions=["heard", "focus", "approach", "overall", *_OPEN],
                    session_date=first + timedelta(weeks=week),
                    source="reflect",
                )
                for question in ("heard", "focus", "approach", "overall"):
                    await reflections.put_answer(
                        session=session,
                        user_id=user_id,
                        serial=serial,
                        question=question,
                        rating=chance.randint(3, 10),
                    )
                for question in _OPEN:
                    words = " ".join(chance.choices(_SENTENCES, k=chance.randint(2, 8)))
                    await reflections.put_answer(
                        session=session,
                        user_id=user_id,
                        serial=serial,
                        question=question,
                        text=words,
                    )
                pieces += len(_OPEN) if user_id == CLIENT else 0
            if chance.random() < 0.6:
                at = datetime.combine(first + timedelta(weeks=week, days=3), datetime.min.time())
                await memos.add(
                    session=session,
                    user_id=CLIENT,
                    text=chance.choice(_SENTENCES),
                    at=at.replace(tzinfo=UTC),
                )
                pieces += 1
    return pieces


def _median_p95(name: str, seconds: list[float], note: str) -> list[Figure]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [
        Figure(
            f"{name} (median)", statistics.median(seconds) * 1000, "ms", f"< {TARGET_MS:.0f}", note
        ),
        Figure(f"{name} (p95)", p95 * 1000, "ms", f"< {TARGET_MS:.0f}", f"of {len(seconds)}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.find", description=__doc__)
    defaults = Options()
    parser.add_argument("--weeks", type=int, default=defaults.weeks, help="default: %(default)s")
    parser.add_argument(
        "--repeats", type=int, default=defaults.repeats, help="per query; default: %(default)s"
    )
    parser.add_argument(
        "--database", choices=[*KINDS, "both"], default=defaults.database,
        help="default: %(default)s",
    )  # fmt: skip
    given = parser.parse_args()
    options = Options(weeks=given.weeks, repeats=given.repeats, database=given.database)
    print(table(asyncio.run(run(options))))


if __name__ == "__main__":
    main()
