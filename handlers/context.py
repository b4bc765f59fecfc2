"""What handlers receive: a typed context that carries the bot's dependencies."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from telegram.ext import CallbackContext, ExtBot

from features.kernel.clock import Clock, SystemClock
from features.privacy.access import CodeTags, Doorkeeper
from features.safety.crisis import CrisisData
from handlers.metrics import Metrics
from handlers.outbox import Outbox
from storage.db import Database


@dataclass(frozen=True, slots=True)
class HandlerSettings:
    """The part of the configuration handlers read (bot.config.Settings builds it)."""

    turn_timeout_seconds: float
    prompt_grace_hours: float
    telegram_max_messages_per_second: float
    allowed_ids: frozenset[int] = frozenset()
    invites: tuple[str, ...] = ()
    access_strict: bool = False

    @property
    def restricted(self) -> bool:
        """Whether only listed clients and invite holders may start."""
        return bool(self.allowed_ids or self.invites)


class ClientTags:
    """Names a client in the log: the same client always gets the same tag, so an operator
    can follow them through the log, and without the deployment's key a tag leads back to
    no one (HMAC-SHA256 of the user id, keyed by a key derived from the encryption key)."""

    LENGTH = 12  # hex characters: enough to tell a practice's clients apart, short to read

    def __init__(self, secret: bytes | None = None) -> None:
        """`secret` is the deployment's encryption key; None makes tags that hold for this
        process only (for tools and tests that run no deployment)."""
        # A key of its own, so a tag reveals nothing about the encryption key.
        self._key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"client tags in logs"
        ).derive(secret if secret is not None else os.urandom(32))

    def __call__(self, user_id: int) -> str:
        """The tag for this user id, as it appears in the log."""
        digest = hmac.new(self._key, str(user_id).encode("ascii"), hashlib.sha256)
        return digest.hexdigest()[: self.LENGTH]


class Dependencies:
    """Attached once by the composition root; PTB creates it empty as `bot_data`."""

    def __init__(self) -> None:
        self.database: Database | None = None
        self.clock: Clock = SystemClock()
        self.crisis: CrisisData | None = None
        # Courtesy sends that nobody waits for; cancelled at shutdown.
        self.background: set[asyncio.Task[None]] = set()
        self.settings: HandlerSettings | None = None
        # Keyed by the deployment's encryption key once the app is built.
        self.client_tags = ClientTags()
        # Each chat's replies, sent after the turn that made them (handlers.outbox).
        self.outbox: Outbox | None = None
        self.code_tags = CodeTags(os.urandom(32))
        # Failed invite codes and refusals, per sender, in this process (features.privacy.access).
        self.doorkeeper = Doorkeeper()
        # What /metrics counts (handlers.metrics); no client is named in it.
        self.metrics = Metrics()


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
        """How the log names this client: a keyed hash of the id (ClientTags)."""
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
    def settings(self) -> HandlerSettings:
        """The configuration the bot was started with."""
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("settings are not attached; build the app with build_application")
        return settings
