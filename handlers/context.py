"""What handlers receive: a typed context that carries the bot's dependencies."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.logs import ClientTags
from features.kernel.clock import Clock, SystemClock
from features.privacy.access import CodeTags, Doorkeeper
from features.safety.crisis import CrisisData
from handlers.outbox import Outbox
from storage.db import Database


class Dependencies:
    """Attached once by the composition root; PTB creates it empty as `bot_data`."""

    def __init__(self) -> None:
        self.database: Database | None = None
        self.clock: Clock = SystemClock()
        self.crisis: CrisisData | None = None
        # Courtesy sends that nobody waits for; cancelled at shutdown.
        self.background: set[asyncio.Task[None]] = set()
        self.settings: Settings | None = None
        # Keyed by the deployment's encryption key once the app is built.
        self.client_tags = ClientTags()
        # Each chat's replies, sent after the turn that made them (handlers.outbox).
        self.outbox: Outbox | None = None
        self.code_tags = CodeTags(os.urandom(32))
        # Failed invite codes and refusals, per sender, in this process (features.privacy.access).
        self.doorkeeper = Doorkeeper()


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], Dependencies]):
    """The callback context of every handler, with typed access to the dependencies."""

    @property
    def database(self) -> Database:
        """The bot's database: `async with context.database.transaction() as session`."""
        database = self.bot_data.database
        if database is None:
            raise RuntimeError("the database is not attached; build the app with build_application")
        return database

    @property
    def clock(self) -> Clock:
        """What time it is (the system clock, or a test's)."""
        return self.bot_data.clock

    @property
    def crisis(self) -> CrisisData | None:
        """Phrases that suggest danger, and where to get help."""
        return self.bot_data.crisis

    def client_tag(self, user_id: int) -> str:
        """How the log names this client: a keyed hash of the id (bot.logs.ClientTags)."""
        return self.bot_data.client_tags(user_id)

    def in_background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run something nobody should wait for (not even shutdown: it is cancelled then)."""
        tasks = self.bot_data.background
        task = asyncio.get_running_loop().create_task(coroutine)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    @property
    def outbox(self) -> Outbox:
        """Where a turn leaves its replies, to go out in order after it (handlers.outbox)."""
        outbox = self.bot_data.outbox
        if outbox is None:
            raise RuntimeError("the outbox is not attached; build the app with build_application")
        return outbox

    @property
    def settings(self) -> Settings:
        """The configuration the bot was started with."""
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("settings are not attached; build the app with build_application")
        return settings
