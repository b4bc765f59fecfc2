"""`python -m bot backup PATH` beside the running bot: on SQLite a copy that holds what the
clients wrote (readable with the key, kept elsewhere), taken while they go on writing; on
PostgreSQL one line pointing to pg_dump."""

from __future__ import annotations

import asyncio
import sqlite3
import sys

from emulator import Emulator
from tests.e2e.reviewing import reflect
from tests.support import databases as database
from tests.support.players import onboard
from tests.support.process import BotProcess

FIRST, SECOND = 5101, 5102
WORDS = {"progress": "Backed up while the bot ran", "helpful": "Saying it out loud"}


async def _backup(bot: BotProcess, name: str) -> tuple[int, str, str]:
    command = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "backup", str(bot.workdir / name),
        cwd=bot.workdir, env=bot.environment(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    said, problem = await asyncio.wait_for(command.communicate(), timeout=60)
    assert command.returncode is not None
    return command.returncode, said.decode(), problem.decode()


async def test_a_backup_while_the_bot_runs_holds_what_clients_wrote(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, FIRST)
    await reflect(emulator, FIRST, (8, 9, 8, 9), dict(WORDS))
    if not database.on_sqlite(bot.database_url):
        code, said, problem = await _backup(bot, "copy")
        assert code == 2 and not said
        assert problem.startswith("Cannot back up: for PostgreSQL, use pg_dump")
        assert len(problem.strip().splitlines()) == 1
        return

    # Another client onboards while the copy is made: the bot goes on writing.
    onboarding = asyncio.create_task(onboard(emulator, SECOND))
    code, said, problem = await _backup(bot, "backup.sqlite3")
    await onboarding
    assert code == 0, problem
    assert "must not be kept beside it" in said and "encryption.key" in said
    assert "The key file is in" in said  # the test keeps both in one folder; so it says

    with sqlite3.connect(bot.workdir / "backup.sqlite3") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        users = {user for (user,) in copy.execute("SELECT id FROM users")}
        stored = copy.execute(
            "SELECT text FROM answers WHERE user_id = ? AND text IS NOT NULL", (FIRST,)
        ).fetchall()
    assert FIRST in users
    assert sorted(bot.decrypt(text) or "" for (text,) in stored) == sorted(WORDS.values())
    assert not any(word.encode() in (bot.workdir / "backup.sqlite3").read_bytes()
                   for word in WORDS.values())  # fmt: skip
