"""The real bot, as a separate `python -m bot` process, against the Bot API emulator, and
the fixtures that start it (used by tests/e2e/conftest.py and tests/drills/conftest.py)."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from emulator import Emulator
from storage.crypto import cipher_from
from tests.support import databases as database
from tests.support.clock import Clock

STARTUP_TIMEOUT = 30.0
REPO = Path(__file__).resolve().parents[2]
# Webhook mode: the address Telegram would post to (the emulator posts to the bot's local
# port instead, never here) and the secret, one for the whole run, so replicas share it.
PUBLIC_WEBHOOK_URL = "https://reflection.example.org/telegram"
WEBHOOK_SECRET = secrets.token_urlsafe(24)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotProcess:
    """`python -m bot` in a subprocess, pointed at the emulator, with its own working
    directory (so no developer's .env is read) and its stderr kept for inspection.

    webhook=True runs it in webhook mode on a free local port (`webhook_url`, `health_url`);
    `start()` adds that port to the emulator's webhook targets. Replicas: several webhook
    BotProcesses on one workdir (one key file) and database_url, each with its own `name`
    (its log is <name>.log), started one after the other; the emulator takes them in turn.
    """

    def __init__(
        self,
        emulator: Emulator,
        workdir: Path,
        database_url: str,
        extra_env: dict[str, str] | None = None,
        *,
        webhook: bool = False,
        name: str = "bot",
    ) -> None:
        self.emulator = emulator
        self.workdir = workdir
        self.database_url = database_url
        self.extra_env = extra_env or {}
        self.log_path = workdir / f"{name}.log"
        self.webhook = webhook
        self.webhook_port = free_port() if webhook else None
        self.webhook_secret = WEBHOOK_SECRET if webhook else None
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    def environment(self, **overrides: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "DATABASE_", "ENCRYPTION_", "WEBHOOK_"))
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
        if self.webhook:
            env.update(
                WEBHOOK_URL=PUBLIC_WEBHOOK_URL,
                WEBHOOK_SECRET=WEBHOOK_SECRET,
                WEBHOOK_LISTEN="127.0.0.1",
                WEBHOOK_PORT=str(self.webhook_port),
            )
        env.update(self.extra_env)
        env.update(overrides)
        return env

    @property
    def webhook_url(self) -> str:
        """Where this bot takes Telegram's posts (webhook mode): its local port."""
        return f"http://127.0.0.1:{self.webhook_port}/telegram"

    @property
    def health_url(self) -> str:
        """This bot's health check (webhook mode)."""
        return f"http://127.0.0.1:{self.webhook_port}/healthz"

    async def start(self) -> None:
        """Start the bot and wait until it is about to poll (or, in webhook mode, listens).

        The emulator logs a call when it answers it, so a waiting long poll shows up only
        later; deleteWebhook is PTB's last call before polling starts. Updates sent before
        the first poll wait in the emulator's queue, as they would at Telegram. In webhook
        mode, setWebhook comes once the bot listens, and the emulator then posts them.
        """
        ready_call = "setWebhook" if self.webhook else "deleteWebhook"
        if self.webhook:
            self.emulator.add_webhook_target(self.webhook_url)
        polls_before = len(self.emulator.calls_to(ready_call))
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
        while len(self.emulator.calls_to(ready_call)) <= polls_before:
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
        """Read the bot's database directly, as an operator would, in SQLite's SQL on
        either database (tests.support.databases)."""
        return database.query(self.database_url, sql, *params)

    def database_bytes(self) -> bytes:
        """What a thief who copied the database would hold. SQLite: the file with its WAL
        and shared-memory files, as raw bytes (deleted rows' leftovers too). PostgreSQL,
        whose files are the server's: every row of every table as text, as a dump has it."""
        if database.on_sqlite(self.database_url):
            paths = sorted(self.workdir.glob("bot.sqlite3*"))
            return b"".join(path.read_bytes() for path in paths)
        return repr(database.every_row(self.database_url)).encode()

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


@pytest.fixture
async def clocked_bot(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[tuple[BotProcess, Clock]]:
    """A bot on a clock the test controls, dispatching prompts every 0.1 s (not started:
    set the clock first, then `await bot.start()`). Like every bot fixture here, once on
    SQLite and once on a fresh PostgreSQL database (tests/conftest.py `database_url`)."""
    clock = Clock(tmp_path / "clock")
    env = {"CLOCK_FILE": str(clock.path), "DISPATCH_INTERVAL_SECONDS": "0.1"}
    process = BotProcess(emulator, tmp_path, database_url, extra_env=env)
    yield process, clock
    if process.process is not None:
        await process.stop()


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path, database_url: str) -> AsyncIterator[BotProcess]:
    """A running bot on a fresh database (SQLite, then PostgreSQL); stopped (SIGTERM) at
    the end of the test."""
    process = BotProcess(emulator, tmp_path, database_url)
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
async def open_bot(
    open_emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[BotProcess]:
    """The running bot, against `open_emulator`."""
    process = BotProcess(open_emulator, tmp_path, database_url)
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()
