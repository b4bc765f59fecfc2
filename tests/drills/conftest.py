"""The drills' fixtures: the emulator, a bot process on a fresh database, a seeded random
generator whose seed is printed, and the drill's size (quick, or long with DRILLS=long).
Every drill is marked `drill`, so the quick tier can leave them out.

The bot fixtures run each drill on SQLite and on PostgreSQL (tests/conftest.py
`database_url`), like the end-to-end tests. Drills of SQLite's own failures stay on SQLite
only, saying why where they are: a write lock on the file (test_locked_database.py) and a
full or read-only disk under the file (test_disk.py); a PostgreSQL server's disk is not
the bot's to fill."""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from emulator import Emulator
from tests.support.clock import Clock
from tests.support.process import BotProcess
from tests.support.process import emulator as emulator  # the fixture, found here by pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.drill)


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> random.Random:
    """A random generator for the drill; its seed is printed so a failure can be replayed."""
    seed = int(os.environ.get("DRILL_SEED") or random.SystemRandom().randrange(2**32))
    print(f"\n{request.node.name}: DRILL_SEED={seed}")
    return random.Random(seed)


# The emulator sets no flood limit; Telegram's 30 messages/s would make the drills slow
# without testing anything more (the benchmarks measure sending at the limit).
UNTHROTTLED = {"TELEGRAM_MAX_MESSAGES_PER_SECOND": "1000"}


@pytest.fixture
async def drill_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcess]:
    """A bot on a fresh database, not yet started; stopped at the end if still running."""
    process = BotProcess(emulator, tmp_path, database_url, extra_env=UNTHROTTLED)
    yield process
    if process.process is not None:
        await process.stop()


@pytest.fixture
async def clocked_drill_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[tuple[BotProcess, Clock]]:
    """A bot on a clock the test sets, dispatching prompts every 0.1 s; not yet started."""
    clock = Clock(tmp_path / "clock")
    env = {"CLOCK_FILE": str(clock.path), "DISPATCH_INTERVAL_SECONDS": "0.1", **UNTHROTTLED}
    process = BotProcess(emulator, tmp_path, database_url, extra_env=env)
    yield process, clock
    if process.process is not None:
        await process.stop()
