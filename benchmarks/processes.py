"""The bot under test as a subprocess: clean environment, own directory, always stopped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import socket
import sys
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from emulator import Emulator

REPO = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Webhook mode: the address Telegram would post to (the emulator posts to the bot's local
# port instead, never there) and the secret, one per run, so that replicas share it.
PUBLIC_WEBHOOK_URL = "https://reflection.example.org/telegram"
WEBHOOK_SECRET = secrets.token_urlsafe(24)


class BotDidNotStart(RuntimeError):
    """The bot exited or never started polling; the message ends with its log."""


@dataclass(frozen=True)
class BotProcess:
    """A running bot: its pid and where its output goes."""

    pid: int
    log_path: Path

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS

    def log_tail(self, lines: int = 20) -> str:
        """The end of the bot's output, for a failure report."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def bot_environment(emulator: Emulator, overrides: Mapping[str, str]) -> dict[str, str]:
    """The parent's environment without any TELEGRAM_*/DATABASE_*/ENCRYPTION_*/WEBHOOK_*,
    pointed at the emulator (set ENCRYPTION_KEY_FILE in `overrides` to keep the key in a
    temp folder)."""
    prefixes = ("TELEGRAM_", "DATABASE_", "ENCRYPTION_", "WEBHOOK_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update(
        TELEGRAM_BOT_TOKEN=emulator.token,
        TELEGRAM_API_BASE_URL=emulator.base_url,
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(REPO),
    )
    env.update(overrides)
    return env


def webhook_environment() -> tuple[dict[str, str], str]:
    """Settings for the bot in webhook mode on a free local port, and the local URL the
    emulator is to post to (`Emulator.add_webhook_target`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {
        "WEBHOOK_URL": PUBLIC_WEBHOOK_URL,
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }
    return env, f"http://127.0.0.1:{port}/telegram"


@contextlib.asynccontextmanager
async def running_bot(
    emulator: Emulator,
    module: Sequence[str],
    workdir: Path,
    env: Mapping[str, str],
) -> AsyncIterator[BotProcess]:
    """`python -m <module...>` in `workdir`, ready once it has called deleteWebhook (PTB's
    last call before polling) or, in webhook mode (WEBHOOK_URL in `env`), setWebhook (made
    once it listens); stopped on leaving: SIGTERM, then SIGKILL."""
    ready_call = "setWebhook" if env.get("WEBHOOK_URL") else "deleteWebhook"
    polls_before = len(emulator.calls_to(ready_call))
    log_path = workdir / "bot.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", *module, cwd=workdir, env=dict(env), stdout=log, stderr=log
        )
    bot = BotProcess(process.pid, log_path)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while len(emulator.calls_to(ready_call)) <= polls_before:
            if process.returncode is not None or time.monotonic() > deadline:
                raise BotDidNotStart(f"{' '.join(module)} did not start:\n{bot.log_tail()}")
            await asyncio.sleep(0.05)
        yield bot
    finally:
        await _stop(process)


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    try:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
    finally:
        # Also reached when cancelled (a second Ctrl-C): never leave the bot behind.
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
