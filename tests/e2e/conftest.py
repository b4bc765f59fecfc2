"""The real bot, as a separate `python -m bot` process, against the Bot API emulator."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from emulator import Emulator
from storage.crypto import cipher_from

STARTUP_TIMEOUT = 30.0
REPO = Path(__file__).resolve().parents[2]


class BotProcess:
    """`python -m bot` in a subprocess, pointed at the emulator, with its own working
    directory (so no developer's .env is read) and its stderr kept for inspection."""

    def __init__(
        self,
        emulator: Emulator,
        workdir: Path,
        database_url: str,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.emulator = emulator
        self.workdir = workdir
        self.database_url = database_url
        self.extra_env = extra_env or {}
        self.log_path = workdir / "bot.log"
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    def environment(self, **overrides: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "DATABASE_", "ENCRYPTION_"))
        }
        env.update(
            TELEGRAM_BOT_TOKEN=self.emulator.token,
            TELEGRAM_API_BASE_URL=self.emulator.base_url,
            DATABASE_URL=self.database_url,
            ENCRYPTION_KEY_FILE=str(self.workdir / "encryption.key"),
            # DEBUG on purpose: even then, nothing a client writes may reach the log.
            LOG_LEVEL="DEBUG",
            PYTHONUNBUFFERED="1",
            PYTHONPATH=str(REPO),
        )
        env.update(self.extra_env)
        env.update(overrides)
        return env

    async def start(self) -> None:
        """Start the bot and wait until it is about to poll.

        The emulator logs a call when it answers it, so a waiting long poll shows up only
        later; deleteWebhook is PTB's last call before polling starts. Updates sent before
        the first poll wait in the emulator's queue, as they would at Telegram.
        """
        polls_before = len(self.emulator.calls_to("deleteWebhook"))
        self.starts += 1
        log = self.log_path.open("a")
        log.write(f"--- start {self.starts}\n")
        log.flush()
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=self.workdir, env=self.environment(),
            stdout=log, stderr=log,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while len(self.emulator.calls_to("deleteWebhook")) <= polls_before:
            if self.process.returncode is not None:
                raise AssertionError(f"the bot exited at start:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot did not start polling:\n{self.log}")
            await asyncio.sleep(0.05)

    async def stop(self, sig: int = signal.SIGTERM) -> int:
        """Stop the bot with a signal and return its exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(sig)
        code = await asyncio.wait_for(self.process.wait(), timeout=20)
        self.process = None
        return code

    @property
    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def query(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        """Read the bot's SQLite database directly, as an operator would."""
        path = self.database_url.removeprefix("sqlite+aiosqlite:///")
        with sqlite3.connect(path) as connection:
            return connection.execute(sql, params).fetchall()

    def database_bytes(self) -> bytes:
        """The SQLite database with its WAL and shared-memory files, as raw bytes."""
        return b"".join(path.read_bytes() for path in sorted(self.workdir.glob("bot.sqlite3*")))

    def decrypt(self, stored: object) -> str | None:
        """A client's text as stored (encrypted), read with the bot's key file."""
        if stored is None:
            return None
        cipher = cipher_from(None, self.workdir / "encryption.key")
        return cipher.decrypt(str(stored).encode()).decode()


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(bot_username="reflection_test_bot") as emu:
        yield emu


class Clock:
    """The bot's clock (CLOCK_FILE): the test sets the time, the bot reads it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self, moment: datetime) -> None:
        assert moment.tzinfo is not None
        # Written aside and renamed into place: the bot must never read a half-written time.
        fresh = self.path.with_suffix(".new")
        fresh.write_text(moment.isoformat())
        fresh.replace(self.path)


@pytest.fixture
async def clocked_bot(
    emulator: Emulator, tmp_path: Path
) -> AsyncIterator[tuple[BotProcess, Clock]]:
    """A bot on a clock the test controls, dispatching prompts every 0.1 s (not started:
    set the clock first, then `await bot.start()`)."""
    clock = Clock(tmp_path / "clock")
    env = {"CLOCK_FILE": str(clock.path), "DISPATCH_INTERVAL_SECONDS": "0.1"}
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    process = BotProcess(emulator, tmp_path, url, extra_env=env)
    yield process, clock
    if process.process is not None:
        await process.stop()


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """A running bot on a fresh SQLite database; stopped (SIGTERM) at the end of the test."""
    process = BotProcess(emulator, tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()


@pytest.fixture
async def open_emulator() -> AsyncIterator[Emulator]:
    """An emulator that delivers every update type, whatever the bot's allowed_updates."""
    async with Emulator(bot_username="reflection_test_bot", ignore_allowed_updates=True) as emu:
        yield emu


@pytest.fixture
async def open_bot(open_emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """The running bot, against `open_emulator`."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    process = BotProcess(open_emulator, tmp_path, url)
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()
