"""What the bot counts for its operator, in Prometheus's format (served at /metrics by
handlers.health).

Nothing in a metric names a client: no ids, no tags, no words, no label whose values a
client could choose. Every label value is one of the constants below, so a metric's series
are a short fixed list whatever happens (tests/e2e/test_metrics.py scrapes after real
traffic and looks for ids, names and words).

One registry per application, not the library's global one: tests and the demo build
several applications in one process.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import clients
from storage.db import Database

logger = logging.getLogger(__name__)

UpdateOutcome = Literal["handled", "failed", "turned_away"]
UPDATE_OUTCOMES: tuple[UpdateOutcome, ...] = ("handled", "failed", "turned_away")
# stored: committed; repeat: delivered again, changed nothing; too_slow: past the turn's
# time limit, rolled back; failed: an error (the database, a bug), rolled back.
TurnOutcome = Literal["stored", "repeat", "too_slow", "failed"]
TURN_OUTCOMES: tuple[TurnOutcome, ...] = ("stored", "repeat", "too_slow", "failed")
# handlers.prompt_jobs: how a due prompt ended (or, flooded and failed, this try of it).
PromptOutcome = Literal[
    "sent", "missed", "failed", "given_up", "flooded", "blocked", "cancelled", "undeliverable"
]
PROMPT_OUTCOMES: tuple[PromptOutcome, ...] = (
    "sent", "missed", "failed", "given_up", "flooded", "blocked", "cancelled", "undeliverable",
)  # fmt: skip
# driver: a statement or connection failed (the driver's error); unreachable: a turn or job
# refused because the database stopped answering (storage.outage).
DatabaseErrorKind = Literal["driver", "unreachable"]

# A turn waits on the database and little else: most end in milliseconds; the top bucket
# is near the default time limit (TURN_TIMEOUT_SECONDS, 20 s).
TURN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0)
ACTIVE_WINDOW = timedelta(days=7)
# Clients active this week is one COUNT over flow_states (a row per client), asked at most
# once in this long, and given up on after ACTIVE_TIMEOUT_SECONDS: a scrape never waits on
# a slow database for long, and Prometheus asking every 15 s costs one query a minute.
ACTIVE_EVERY_SECONDS = 60.0
ACTIVE_TIMEOUT_SECONDS = 2.0


class Metrics:
    """The bot's counters, on a registry of its own."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry()
        self.updates = Counter(
            "reflection_updates",
            "Updates from Telegram, by how they ended (turned_away: past the sender's rate)",
            ["outcome"],
            registry=registry,
        )
        self.turns = Counter(
            "reflection_turns",
            "Turns (one update stored with the state it leads to), by outcome",
            ["outcome"],
            registry=registry,
        )
        self.turn_seconds = Histogram(
            "reflection_turn_seconds",
            "Time from the start of a turn to its commit (or its failure)",
            buckets=TURN_BUCKETS,
            registry=registry,
        )
        self.prompts = Counter(
            "reflection_prompts",
            "Prompts and notes the bot sends on its own, by outcome",
            ["outcome"],
            registry=registry,
        )
        self.flood_waits = Counter(
            "reflection_telegram_flood_waits",
            "429 answers (flood limits) from the Bot API",
            registry=registry,
        )
        self.retries = Counter(
            "reflection_telegram_retries",
            "Bot API calls tried again after a flood wait",
            registry=registry,
        )
        self.database_errors = Counter(
            "reflection_database_errors",
            "Database errors (driver: a failed statement or connection; unreachable: work "
            "refused while the database did not answer)",
            ["kind"],
            registry=registry,
        )
        self.active_clients = Gauge(
            "reflection_clients_active_week",
            "Clients whose conversation moved in the last 7 days (NaN: the database did "
            "not answer in time)",
            registry=registry,
        )
        self.last_poll = Gauge(
            "reflection_last_poll_timestamp_seconds",
            "When getUpdates last answered (polling mode; 0: not yet)",
            registry=registry,
        )
        self.last_post = Gauge(
            "reflection_last_webhook_update_timestamp_seconds",
            "When Telegram last posted an update that was handled (webhook mode; 0: not yet)",
            registry=registry,
        )
        Gauge(
            "reflection_build_info", "The running version", ["version"], registry=registry
        ).labels(_version()).set(1)
        # Every series present from the start, at 0: a rate() needs no first event.
        for outcome in UPDATE_OUTCOMES:
            self.updates.labels(outcome)
        for turn in TURN_OUTCOMES:
            self.turns.labels(turn)
        for prompt in PROMPT_OUTCOMES:
            self.prompts.labels(prompt)
        for kind in ("driver", "unreachable"):
            self.database_errors.labels(kind)
        # Monotonic moments, for /healthz (None: not yet).
        self.polled_at: float | None = None
        self.posted_at: float | None = None
        self._active_at: float | None = None

    def update(self, outcome: UpdateOutcome) -> None:
        self.updates.labels(outcome).inc()

    def turn(self, outcome: TurnOutcome, seconds: float) -> None:
        self.turns.labels(outcome).inc()
        self.turn_seconds.observe(seconds)

    def prompt(self, outcome: PromptOutcome, count: int = 1) -> None:
        if count:
            self.prompts.labels(outcome).inc(count)

    def database_error(self, kind: DatabaseErrorKind) -> None:
        self.database_errors.labels(kind).inc()

    def polled(self) -> None:
        """getUpdates answered."""
        self.polled_at = time.monotonic()
        self.last_poll.set(time.time())

    def posted(self) -> None:
        """Telegram posted an update, and it was handled."""
        self.posted_at = time.monotonic()
        self.last_post.set(time.time())

    def watch(self, engine: AsyncEngine) -> None:
        """Count the engine's failed statements and connections."""

        def failed(_context: Any) -> None:
            self.database_error("driver")

        event.listen(engine.sync_engine, "handle_error", failed)

    async def exposition(self, database: Database | None, now: Any) -> bytes:
        """The metrics in Prometheus's text format, clients active this week refreshed
        first (if due). `now` is the bot's clock (a test's, in tests)."""
        due = self._active_at is None or time.monotonic() - self._active_at >= ACTIVE_EVERY_SECONDS
        if database is not None and due:
            self._active_at = time.monotonic()
            try:
                async with asyncio.timeout(ACTIVE_TIMEOUT_SECONDS):
                    # Not a transaction: on SQLite ours take the write lock (storage.db).
                    async with database.engine.connect() as connection:
                        active = await clients.count_active(
                            connection=connection, since=now() - ACTIVE_WINDOW
                        )
                self.active_clients.set(active)
            except Exception as problem:  # no answer in time: unknown, not zero
                logger.debug("Counting active clients failed (%s)", type(problem).__name__)
                self.active_clients.set(float("nan"))
                self._active_at = None
        return generate_latest(self.registry)


def _version() -> str:
    try:
        return version("reflection-companion")
    except PackageNotFoundError:
        return "unknown"
