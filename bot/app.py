"""The composition root: builds the Application, registers every handler in one ordered
list, and wires the database in. Nothing else in the project creates these objects."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import signal
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import ConfigError, Settings
from features.common.gazetteer import warm_up as warm_up_places
from features.kernel.clock import clock_for
from features.kernel.texts import plain
from features.privacy.access import CodeTags
from features.router import COMMAND_NAMES, MENU
from features.safety.crisis import CrisisData
from features.safety.crisis import load as load_crisis
from handlers import conversation, groups, membership
from handlers.context import BotContext, ClientTags, Dependencies
from handlers.errors import on_error
from handlers.flood import TurnAway
from handlers.http import AiohttpRequest
from handlers.metrics import Metrics
from handlers.ordering import PerClientOrder, SenderRate
from handlers.outbox import Outbox
from handlers.pacing import ChatPacing
from handlers.prompt_jobs import dispatch_due, plan_missing, prepare
from storage.crypto import attach_cipher, cipher_source, current_key
from storage.db import (
    SERVING,
    Database,
    create_engine,
    readable_by_others,
    sqlite_file,
    upgrade_schema,
)

logger = logging.getLogger(__name__)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    """Every handler, in the order PTB tries them: the first that matches an update wins."""
    private = filters.ChatType.PRIVATE
    return [
        # Messages the bot sees on someone else's behalf (a connected business account's
        # chats, a chat it was summoned to as a guest) are no client talking to it, even
        # in a private chat whose id may be a client's: ignored, nothing stored or sent.
        MessageHandler(
            filters.UpdateType.BUSINESS_MESSAGES | filters.UpdateType.GUEST_MESSAGE, groups.ignore
        ),
        # Groups and channels first, so nothing from them reaches a flow or the database.
        MessageHandler(~private & filters.COMMAND, groups.on_group_command),
        MessageHandler(~private, groups.ignore),
        ChatMemberHandler(membership.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
        # Edits before new messages: an edited text also matches the text filter.
        MessageHandler(filters.UpdateType.EDITED & private, conversation.on_edited),
        # Known commands, then unknown ones: both go to the flow, which answers each.
        CommandHandler(sorted(COMMAND_NAMES), conversation.on_command),
        MessageHandler(filters.COMMAND & private, conversation.on_command),
        MessageHandler(filters.TEXT & private, conversation.on_text),
        CallbackQueryHandler(conversation.on_press),
        # Service messages (a pinned message, a changed chat photo) are not the client talking.
        MessageHandler(filters.StatusUpdate.ALL, groups.ignore),
        # Last: anything else a client sends in private (stickers, photos, voice...).
        MessageHandler(filters.UpdateType.MESSAGE & private, conversation.on_non_text),
    ]


def build_application(settings: Settings, token: str) -> Application:  # type: ignore[type-arg]
    """The bot, wired to its database; `python -m bot` and the demo both run this."""
    # A client waits on this engine: every wait on the database is short (storage.db).
    engine = create_engine(settings.database_url, SERVING)
    key = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    # A key file is followed as it changes (rotate-key while the bot runs).
    attach_cipher(engine, cipher_source(key, settings.encryption_key_file))
    count_statements_if_benchmarked(engine)
    secret = current_key(key, settings.encryption_key_file)
    client_tags = ClientTags(secret)
    warn_if_readable_by_others(settings, key)

    database = Database(engine)
    clock = clock_for(settings.clock_file)

    async def on_startup(app: Application) -> None:  # type: ignore[type-arg]
        # Migrations on an engine of their own, whose statements may take long.
        migrating = create_engine(settings.database_url)
        # Data migrations encrypt what clients wrote before (topics, in 0005).
        attach_cipher(migrating, cipher_source(key, settings.encryption_key_file))
        try:
            await upgrade_schema(migrating)
        finally:
            await migrating.dispose()
        await prepare(database)
        await app.bot.set_my_commands(
            [BotCommand(command.name, plain(command.description)) for command in MENU]
        )
        # The table of places takes a second to read: now, not in a client's turn.
        await asyncio.to_thread(warm_up_places)
        # Everything loaded at start (PTB, SQLAlchemy, the flows) lives as long as the
        # process: out of the collector's sight, a full collection costs a fraction.
        gc.freeze()
        logger.info("Ready as @%s", app.bot.username)

    async def on_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        background = list(dependencies.background)
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await engine.dispose()
        # PTB leaves it open when the bot never got going (the Bot API unreachable at start).
        await app.bot.request.shutdown()
        await polls.shutdown()

    # One poll at a time (handlers.polling); a second connection for the acknowledgement
    # on stop, while a poll cut short closes its own.
    polls = AiohttpRequest(connection_pool_size=2)
    # Every sender's burst is counted as it arrives, admitted client or not.
    rate = SenderRate()
    order = PerClientOrder(rate=rate)
    metrics = Metrics()
    metrics.watch(engine)
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_url_for(settings.telegram_api_base_url))
        # Every Bot API call over aiohttp, polls included: httpx spends several times its
        # CPU on each (handlers.http says why; benchmarks/getupdates.py measures a poll).
        # The polls on a pool of their own: a long poll never holds a send's connection.
        .request(AiohttpRequest())
        .get_updates_request(polls)
        .context_types(ContextTypes(context=BotContext, bot_data=Dependencies))
        .concurrent_updates(order)
        # A flood wait for one chat delays that chat only (handlers.pacing says why).
        .rate_limiter(
            ChatPacing(settings.telegram_max_messages_per_second, max_retries=3, metrics=metrics)
        )
        # No Updater: handlers.polling acknowledges updates only after handling them.
        .updater(None)
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    dependencies: Dependencies = application.bot_data
    dependencies.database = database
    dependencies.clock = clock
    dependencies.crisis = load_crisis_data(settings.crisis_resources_file)
    dependencies.settings = settings.for_handlers()
    dependencies.client_tags = client_tags
    dependencies.outbox = Outbox()
    order.turned_away = TurnAway(application, dependencies.outbox)
    rate.queued = dependencies.outbox.queued  # a private chat's id is its client's
    order.urgent = dependencies.crisis.suggests_danger
    dependencies.code_tags = CodeTags(secret)
    dependencies.metrics = order.metrics = metrics
    application.add_handlers(handlers())
    application.add_error_handler(on_error)
    # The alarm clock for prompts; the prompts themselves live in the database.
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        dispatch_due, interval=settings.dispatch_interval_seconds, first=0.1, name="dispatch"
    )
    # Clients whose prompts went missing (a long outage) are planned after start, in batches.
    application.job_queue.run_repeating(plan_missing, interval=0.5, first=0.2, name="plan")
    return application


def warn_if_readable_by_others(settings: Settings, key: str | None) -> None:
    """One warning for each of the key file and the SQLite file that other users of this
    machine could read: together they are every client's words."""
    files = {"The key file": None if key else settings.encryption_key_file}
    if settings.database_url.startswith("sqlite"):
        files["The database file"] = sqlite_file(settings.database_url)
    for what, path in files.items():
        if path is not None and readable_by_others(path):
            logger.warning(
                "%s %s can be read by other users of this machine; make it private: chmod 600",
                what,
                path,
            )


def load_crisis_data(path: Path | None) -> CrisisData:
    """The crisis phrases and resources, or a ConfigError naming the file. An operator's
    file without phrases in a language the bundled file has is used as it is, with a
    warning: words of danger in that language would bring no help."""
    try:
        data = load_crisis(path)
        bundled = load_crisis(None).languages if path else data.languages
    except (OSError, ValueError, KeyError, TypeError) as problem:
        where = path or "the bundled crisis resources"
        raise ConfigError(
            f"CRISIS_RESOURCES_FILE {where} can't be used ({type(problem).__name__})"
        ) from None
    if missing := sorted(bundled - data.languages):
        logger.warning(
            "CRISIS_RESOURCES_FILE %s has no crisis phrases in %s: words of danger in them "
            "bring no help; copy them from features/safety/data/crisis.json",
            path,
            ", ".join(missing),
        )
    return data


def file_url_for(base_url: str) -> str:
    """Telegram serves files from /file/bot<token> beside /bot<token>; follow a custom base."""
    if base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return base_url.rstrip("/") + "/file"


def count_statements_if_benchmarked(engine: AsyncEngine) -> None:
    """For `python -m benchmarks` only: with BENCH_COUNT_SQL=<file>, count the statements
    this engine runs ("data": all but PRAGMAs and BEGIN) and its transactions ("begin",
    "commit"), and write the running totals to <file> as JSON on each SIGUSR1."""
    path = os.environ.get("BENCH_COUNT_SQL")
    if not path:
        return
    counts: Counter[str] = Counter()

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if not sql.lstrip()[:6].upper().startswith(("PRAGMA", "BEGIN")):
            counts["data"] += 1

    def write(*_: Any) -> None:
        fresh = Path(f"{path}.new")
        fresh.write_text(json.dumps(counts))
        fresh.replace(path)  # never read half-written

    event.listen(engine.sync_engine, "before_cursor_execute", statement)
    for kind in ("begin", "commit"):  # BEGIN is no statement on asyncpg: count the events
        event.listen(engine.sync_engine, kind, lambda _conn, kind=kind: counts.update([kind]))
    signal.signal(signal.SIGUSR1, write)
