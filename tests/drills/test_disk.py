"""The bot's database on a disk that turns read-only or fills up while clients answer: a
clear line in the log (never their words), the client told kindly to try again later,
nothing half-written; once the disk recovers, their next message works and nothing
earlier is lost.

What works in this sandbox (as root): `chmod` doesn't stop root, and remounting a file
system read-only fails ("busy") while the bot holds the database open; `chattr +i` (ext4,
CAP_LINUX_IMMUTABLE) does stop writes to files already open, so it stands in for a disk
gone read-only. A small tmpfs (`mount -t tmpfs -o size=...`, CAP_SYS_ADMIN) fills up for
real. Each drill is skipped, saying why, where its tool isn't available.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from emulator import Emulator, SentMessage
from tests.drills.conftest import UNTHROTTLED
from tests.drills.scale import sized
from tests.support.players import onboard, press, the_four_ratings_given
from tests.support.process import BotProcess

# SQLite only: these drills fill or freeze the disk under the bot's SQLite file; a PostgreSQL
# server's disk is the server's, not something the bot's tests can fill.
CLIENTS = sized(3, 20)
LATER = "can't save anything right now"


async def test_a_read_only_disk_turns_answers_away_kindly_and_loses_nothing(
    emulator: Emulator, tmp_path: Path
):
    database = tmp_path / "data" / "bot.sqlite3"
    database.parent.mkdir()
    _require_chattr(tmp_path)
    bot = BotProcess(emulator, tmp_path, f"sqlite+aiosqlite:///{database}", UNTHROTTLED)
    await bot.start()
    try:
        users, questions = await _halfway(emulator, [9000 + n for n in range(CLIENTS)])
        with _immutable(database.parent, database, Path(f"{database}-wal")):
            await _turned_away(emulator, users, questions)
        await _carry_on(emulator, users, questions)
    finally:
        await bot.stop()
    _check(bot, database, users)


async def test_a_full_disk_turns_answers_away_kindly_and_loses_nothing(
    emulator: Emulator, tmp_path: Path
):
    disk = tmp_path / "disk"
    disk.mkdir()
    failed = await _run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk))
    if failed:
        pytest.skip(f"can't mount a small tmpfs here: {failed}")
    database = disk / "bot.sqlite3"
    bot = BotProcess(emulator, tmp_path, f"sqlite+aiosqlite:///{database}", UNTHROTTLED)
    try:
        await bot.start()
        users, questions = await _halfway(emulator, [9100 + n for n in range(CLIENTS)])
        with _full(disk, database):
            await _turned_away(emulator, users, questions)
        await _carry_on(emulator, users, questions)
        await bot.stop()
        _check(bot, database, users)
    finally:
        if bot.process is not None:
            await bot.stop()
        await _unmount(disk)


async def _halfway(emulator: Emulator, users: list[int]) -> tuple[list[int], list[SentMessage]]:
    """Each client rates the first four questions; returns the fifth (a text question)."""

    async def one(user: int) -> SentMessage:
        await onboard(emulator, user)
        return await the_four_ratings_given(emulator, user)

    return users, list(await asyncio.gather(*(one(user) for user in users)))


async def _turned_away(emulator: Emulator, users: list[int], questions: list[SentMessage]) -> None:
    """With the disk unwritable, each client's answer is refused kindly, and asked again."""

    async def one(user: int) -> None:
        await emulator.send_text(user, f"{user} wrote this while the disk was down")
        sorry = await emulator.next_message(user, timeout=30)
        assert LATER in (sorry.plain_text or ""), sorry.plain_text
        again = await emulator.next_message(user)
        assert "Question 5 of 10" in (again.plain_text or "")
        assert "So far you wrote" not in (again.plain_text or "")

    await asyncio.gather(*(one(user) for user in users))


async def _carry_on(emulator: Emulator, users: list[int], questions: list[SentMessage]) -> None:
    """The disk is back: each client writes their answer again and finishes."""

    async def one(user: int) -> None:
        await emulator.send_text(user, f"{user} wrote this once the disk was back")
        question = await emulator.next_message(user)
        assert (question.plain_text or "").startswith("Kept."), question.plain_text
        for _ in range(5):
            question = await press(emulator, user, question, "Skip")
        assert "Thank you for taking the time" in (question.plain_text or "")

    await asyncio.gather(*(one(user) for user in users))


def _check(bot: BotProcess, database: Path, users: list[int]) -> None:
    """Nothing half-written, nothing lost, no client's words in the log; a clear line."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for user in users:
        rows = bot.query(
            "SELECT question, rating, text, skipped FROM answers WHERE user_id = ? ORDER BY id",
            user,
        )
        answers = {q: (r, bot.decrypt(t), bool(s)) for q, r, t, s in rows}
        assert len(rows) == len(answers) == 10
        assert [answers[q][0] for q in ("heard", "focus", "approach", "overall")] == [7, 6, 8, 5]
        assert answers["progress"] == (None, f"{user} wrote this once the disk was back", False)
        assert bot.query("SELECT complete FROM reflections WHERE user_id = ?", user) == [(1,)]
    log = bot.log
    assert "while the disk was down" not in log and "once the disk was back" not in log
    refused = [line for line in log.splitlines() if "can't be written" in line]
    assert len(refused) >= len(users), log[-3000:]
    print("\n".join(refused[:2]))


async def _run(*command: str) -> str | None:
    """Run a command; None if it worked, else what it said."""
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    _, said = await process.communicate()
    return None if process.returncode == 0 else said.decode().strip() or "failed"


async def _unmount(disk: Path) -> None:
    """Unmount the small disk, once the last handle on it (this process's too) is gone."""
    for _ in range(50):
        gc.collect()  # a database connection left in a reference cycle holds the mount
        if await _run("umount", str(disk)) is None:
            return
        await asyncio.sleep(0.1)
    assert await _run("umount", "--lazy", str(disk)) is None


def _require_chattr(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    probe.write_text("x")
    made = subprocess.run(["chattr", "+i", str(probe)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i doesn't work here: {made.stderr.decode().strip()}")
    subprocess.run(["chattr", "-i", str(probe)], check=True)


@contextlib.contextmanager
def _immutable(*paths: Path) -> Iterator[None]:
    """Files nobody may write, root included, even through handles already open."""
    subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


@contextlib.contextmanager
def _full(disk: Path, database: Path) -> Iterator[None]:
    """Fill the disk to the last byte (after moving the write-ahead log into the database,
    so the bot's next write needs new space), then free it again."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 4096)
    try:
        yield
    finally:
        filler.unlink()
