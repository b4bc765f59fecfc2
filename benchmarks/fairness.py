"""Fairness under a burst: how long another client waits while one floods the bot.

The real bot (`python -m bot`, long polling, SQLite) runs for a practice (ALLOWED_USER_IDS
lists two clients). The emulator holds it to Telegram's flood limits: 30 messages/s
overall, one a second in a chat after a burst of three. One admitted client sends
`burst` messages at once, a stranger who is not admitted sends as many, and then the
other admitted client sends /help: the figure is the time until its answer arrives. Also
counted: what the flooding client and the stranger got back.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.processes import BotDidNotStart, bot_environment, running_bot
from emulator import Emulator, FloodLimit, NoMessageError

logger = logging.getLogger(__name__)

FLOODER, OTHER, STRANGER = 51_001, 51_002, 51_003
# The old bot took about 100 s; anything slower than this counts as no answer.
REPLY_TIMEOUT = 240.0


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks fairness` was asked for."""

    burst: int = 100
    rounds: int = 2


async def run(options: Options) -> list[Figure]:
    """The figures: the other client's wait in each round, and what the flooders got."""
    figures: list[Figure] = []
    for number in range(1, options.rounds + 1):
        try:
            waited, flooder, stranger = await _round(options)
        except BotDidNotStart as problem:
            logger.warning("fairness not measured: %s", str(problem).splitlines()[0])
            return [Figure("fairness: other client's /help", None, "s", "<= 2")]
        note = (
            f"round {number}: {options.burst} messages from a client (who got {flooder} "
            f"back) and from a stranger (who got {stranger})"
        )
        figures.append(Figure("fairness: other client's /help", waited, "s", "<= 2", note))
    return figures


async def _round(options: Options) -> tuple[float | None, int, int]:
    limit = FloodLimit(per_second=30, per_chat_per_second=1, per_chat_burst=3)
    with tempfile.TemporaryDirectory(prefix="bench-fairness-") as tmp:
        workdir = Path(tmp)
        async with Emulator(bot_username="benchmark_bot", flood_limit=limit) as emulator:
            overrides = {
                "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}",
                "ENCRYPTION_KEY_FILE": str(workdir / "encryption.key"),
                "ALLOWED_USER_IDS": f"{FLOODER},{OTHER}",
            }
            env = bot_environment(emulator, overrides)
            async with running_bot(emulator, ("bot",), workdir, env):
                # Both clients have talked to the bot before: the bot is warm.
                for user in (FLOODER, OTHER):
                    await emulator.send_text(user, "/help")
                    await emulator.next_message(user, timeout=30)
                await asyncio.sleep(1.5)  # the chats' flood budgets refill
                for number in range(options.burst):
                    await emulator.send_text(FLOODER, f"message {number}")
                for number in range(options.burst):
                    await emulator.send_text(STRANGER, f"hello {number}")
                started = time.monotonic()
                await emulator.send_text(OTHER, "/help")
                try:
                    await emulator.next_message(OTHER, timeout=REPLY_TIMEOUT)
                    waited: float | None = time.monotonic() - started
                except NoMessageError:
                    waited = None
                await _settled(emulator)
                flooder = len(emulator.messages(FLOODER)) - 1
                stranger = len(emulator.messages(STRANGER))
    return waited, flooder, stranger


async def _settled(emulator: Emulator, quiet: float = 3.0, most: float = 120.0) -> None:
    """Until the bot has sent nothing for `quiet` seconds (at most `most`): what the
    flooders got back, once the bot has answered them at one message a second."""
    deadline = time.monotonic() + most
    count = -1
    while time.monotonic() < deadline:
        now = sum(1 for call in emulator.calls if call.method.lower() != "getupdates")
        if now == count:
            return
        count = now
        await asyncio.sleep(quiet)
