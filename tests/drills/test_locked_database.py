"""SQLite under contention: another process holds the write lock on the bot's database (a
backup, an operator's open sqlite3 shell) while clients answer. Their turns wait and are
tried again; nothing is lost, and no one is left without a reply or told to start over."""

from __future__ import annotations

import asyncio
import random
import sys
import time
from pathlib import Path

import pytest

from emulator import Emulator
from tests.drills.ledger import problems, read_reflections
from tests.drills.scale import sized
from tests.support.players import Person, everyone_finishes, onboard, plan_answers
from tests.support.process import BotProcess

CLIENTS = sized(6, 40)
# Longer than the bot's busy timeout (storage.db.SQLITE_BUSY_TIMEOUT_MS, 10 s): SQLite's own
# waiting runs out, and the bot must try the turn again itself.
LONG_LOCK = sized(12.0, 25.0)
SHORT_LOCK = 3.0
LOCKER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


# SQLite only: it drills the SQLite file's one write lock and its busy timeout, which a
# PostgreSQL server doesn't have (there, each client's row is locked by their own turn).
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_write_lock_held_by_another_process_delays_answers_but_loses_none(
    emulator: Emulator, drill_bot: BotProcess, rng: random.Random
):
    started = time.monotonic()
    bot = drill_bot
    await bot.start()
    users = [8000 + n for n in range(CLIENTS)]
    await asyncio.gather(*(onboard(emulator, user) for user in users))
    path = Path(bot.database_url.removeprefix("sqlite+aiosqlite:///"))

    long_lock = await _hold_write_lock(path, LONG_LOCK)
    people = [Person(emulator, u, plan_answers(u, rng), LONG_LOCK + 30) for u in users]
    reflecting = asyncio.ensure_future(
        everyone_finishes(people, [p.reflect() for p in people], within=sized(120, 600))
    )
    await long_lock.wait()
    await asyncio.sleep(rng.uniform(0.5, 2.0))  # and a short one, mid-reflection
    short_lock = await _hold_write_lock(path, SHORT_LOCK)
    await short_lock.wait()
    await reflecting
    await bot.stop()

    assert {p.user: p.nudges for p in people} == dict.fromkeys(users, 0)  # no one asked again
    sent = {user: [m.plain_text or "" for m in emulator.messages(user)] for user in users}
    told_to_retry = [u for u in users if any(t.startswith("Sorry, something") for t in sent[u])]
    assert told_to_retry == []
    stored = await read_reflections(bot.database_url, bot.workdir / "encryption.key", users)
    wrong = {p.user: found for p in people if (found := problems(p.plan, stored[p.user]))}
    assert wrong == {}
    texts = [want for p in people for want in p.plan.values() if isinstance(want, str)]
    assert not [text for text in texts if text in bot.log], "a client's words reached the log"
    print(
        f"lock drill: {CLIENTS} clients, locks of {LONG_LOCK:.0f} s and {SHORT_LOCK:.0f} s, "
        f"{sum(len(p.plan) for p in people)} answers checked, "
        f"{bot.log.count('database is locked')} turns tried again, longest wait for a reply "
        f"{max(p.longest_wait for p in people):.1f} s, {time.monotonic() - started:.0f} s"
    )


async def _hold_write_lock(path: Path, seconds: float) -> asyncio.subprocess.Process:
    """Another process takes the database's write lock and keeps it for `seconds`."""
    locker = await asyncio.create_subprocess_exec(
        sys.executable, "-c", LOCKER, str(path), str(seconds), stdout=asyncio.subprocess.PIPE
    )
    assert locker.stdout is not None
    assert await locker.stdout.readline() == b"locked\n"
    return locker
