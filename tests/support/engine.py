"""The real bot in the test's own process: the Application `bot.app.build_application`
builds, started as `bot.serve` starts it (initialize, then the start-up work: migrations,
the command menu), on a SQLite file, against the Bot API emulator on 127.0.0.1.

Updates reach it the way polling hands them over (`handlers.ordering.handle_update`), one at a
time, fetched from the emulator with getUpdates; each call returns once the update's
replies have gone out. Nothing runs in the background: the job queue (prompts) is not
started, so every SQL statement and Bot API call seen during a step is that step's.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource
from sqlalchemy import event
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from emulator import Emulator, SentMessage
from handlers.ordering import handle_update
from storage.crypto import new_key
from tests.support import databases
from tests.support.players import button

# How long a step may take before the test fails, in seconds.
STEP_TIMEOUT = 10.0
# Calls that are the harness's, not the bot's answer to a step.
_NOT_A_REPLY = frozenset({"getupdates"})
_VERB = re.compile(r"\s*(\w+)")
_TABLE = re.compile(r'\b(?:INTO|UPDATE|FROM)\s+"?(\w+)"?', re.IGNORECASE)
_NAMED = re.compile(r'\b(?:INTO|UPDATE|FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@dataclass
class Cost:
    """What one step cost: the SQL the bot's engine ran (PRAGMAs left out; BEGIN and COMMIT
    counted apart from the data statements) and the Bot API calls the emulator received."""

    statements: list[str] = field(default_factory=list)
    begins: int = 0
    commits: int = 0
    rollbacks: int = 0
    calls: Counter[str] = field(default_factory=Counter)

    @property
    def data_statements(self) -> int:
        """Statements that read or write rows: everything but BEGIN, COMMIT and PRAGMAs."""
        return len(self.statements)

    def writes_to(self, table: str) -> bool:
        """Whether some statement inserted into or updated `table`."""
        for sql in self.statements:
            verb = _VERB.match(sql)
            target = _TABLE.search(sql)
            writes = verb is not None and verb.group(1).upper() in ("INSERT", "UPDATE")
            if writes and target is not None and target.group(1) == table:
                return True
        return False

    def tables(self) -> set[str]:
        """Every table some statement read or wrote (named after FROM, JOIN, INTO, UPDATE)."""
        return {name for sql in self.statements for name in _NAMED.findall(sql)}

    def summary(self) -> str:
        """One line: the counts, then each statement's opening words."""
        calls = ", ".join(f"{method} {n}" for method, n in sorted(self.calls.items()))
        heads = ", ".join(_head(sql) for sql in self.statements)
        return (
            f"{self.data_statements} data statements (+{self.begins} BEGIN, "
            f"{self.commits} COMMIT, {self.rollbacks} ROLLBACK); API: {calls}\n    {heads}"
        )


def _head(sql: str) -> str:
    """A statement as its verb and the table it names first: "SELECT users"."""
    verb, table = _VERB.match(sql), _TABLE.search(sql)
    return f"{verb.group(1) if verb else '?'} {table.group(1) if table else '?'}"


class InProcessBot:
    """The running Application and the emulator it talks to, with steps a client takes."""

    def __init__(self, emulator: Emulator, application: Application, database_url: str) -> None:  # type: ignore[type-arg]
        self.emulator = emulator
        self.application = application
        self.database_url = database_url
        self._offset: int | None = None
        self._cost: Cost | None = None
        engine = application.bot_data.database.engine.sync_engine
        event.listen(engine, "before_cursor_execute", self._on_statement)
        event.listen(engine, "commit", self._on_commit)
        event.listen(engine, "rollback", self._on_rollback)

    # --- what a client does ----------------------------------------------------------------

    async def say(self, user: int, text: str) -> Update:
        """The client writes `text`; returns once the bot has handled it and replied."""
        await self.emulator.send_text(user, text)
        return await self.handle_next()

    async def press(self, user: int, message: SentMessage, label: str) -> Update:
        """The client presses the button labelled `label` on `message`; returns once the
        bot has handled it and replied."""
        await self.emulator.press(user, message, button(message, label))
        return await self.handle_next()

    async def handle_next(self) -> Update:
        """Fetch the one update waiting at the emulator and handle it."""
        updates = await self.fetch()
        assert len(updates) == 1, f"expected one update waiting, found {len(updates)}"
        await self.handle(updates[0])
        return updates[0]

    async def fetch(self) -> list[Update]:
        """The updates waiting at the emulator, acknowledging those fetched before."""
        updates = list(await self.application.bot.get_updates(offset=self._offset, timeout=0))
        if updates:
            self._offset = max(update.update_id for update in updates) + 1
        return updates

    async def handle(self, update: Update) -> None:
        """Handle one update as polling does, then wait until its replies have gone out."""
        async with asyncio.timeout(STEP_TIMEOUT):
            assert await handle_update(self.application, update)
            # Waits for every delivery queued so far; the outbox takes more afterwards.
            await self.application.bot_data.outbox.close(grace=STEP_TIMEOUT)

    # --- what it cost ----------------------------------------------------------------------

    async def statements_of(self, action: Callable[[], Awaitable[object]]) -> Cost:
        """Run `action` (a step, say `lambda: bot.press(...)`) and return what it cost: the
        SQL the bot's engine ran and the Bot API calls the emulator received meanwhile."""
        calls_before = len(self.emulator.calls)
        self._cost = cost = Cost()
        try:
            await action()
        finally:
            self._cost = None
        for call in self.emulator.calls[calls_before:]:
            if call.method.lower() not in _NOT_A_REPLY:
                cost.calls[call.method] += 1
        return cost

    def _on_statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        cost = self._cost
        if cost is None:
            return
        verb = _head(statement).split()[0].upper()
        if verb == "PRAGMA":
            return
        if verb == "BEGIN":
            cost.begins += 1
        else:
            cost.statements.append(statement)

    def _on_commit(self, _conn: Any) -> None:
        if self._cost is not None:
            self._cost.commits += 1

    def _on_rollback(self, _conn: Any) -> None:
        if self._cost is not None:
            self._cost.rollbacks += 1

    # --- reading it back -------------------------------------------------------------------

    def query(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        """Read the bot's database directly, as an operator would."""
        return databases.query(self.database_url, sql, *params)


def settings_for(emulator: Emulator, workdir: Path, **overrides: Any) -> Settings:
    """The bot's settings as its environment would give them, pointed at the emulator and a
    SQLite file in `workdir`; no .env and no environment variable is read."""
    values: dict[str, Any] = {
        "telegram_bot_token": SecretStr(emulator.token),
        "telegram_api_base_url": emulator.base_url,
        "database_url": f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}",
        "encryption_key": SecretStr(new_key()),
        "encryption_key_file": workdir / "encryption.key",
        "log_level": "DEBUG",
        **overrides,
    }
    return _Given(**values)


class _Given(Settings):
    """Settings from the values given alone: no .env, no environment variables."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


@contextlib.asynccontextmanager
async def bot_in_process(emulator: Emulator, settings: Settings) -> AsyncIterator[InProcessBot]:
    """The bot built and started as `python -m bot` does (bot.serve), without polling and
    without the job queue; shut down as it is on SIGTERM."""
    token = settings.require_token()
    application = build_application(settings, token)
    try:
        async with application:  # initialize: getMe
            assert application.post_init is not None
            await application.post_init(application)  # migrations, the command menu
            try:
                yield InProcessBot(emulator, application, settings.database_url)
            finally:
                await application.bot_data.outbox.close()
    finally:
        assert application.post_shutdown is not None
        await application.post_shutdown(application)
        # The start-up work freezes what it loaded out of the collector's sight (for a
        # long-lived process); a test process lets it go again.
        gc.unfreeze()


async def reflecting(bot: InProcessBot, user: int) -> SentMessage:
    """A new client, onboarded (/start, Berlin, "Later" for the sessions), then /reflect;
    returns the first question."""
    emulator = bot.emulator
    await bot.say(user, "/start")
    await bot.say(user, "Berlin")
    days = emulator.messages(user)[-1]
    assert "Which days" in (days.plain_text or "")
    await bot.press(user, days, "Later")
    await bot.say(user, "/reflect")
    question = emulator.messages(user)[-1]
    assert "Question 1 of" in (question.plain_text or "")
    return question
