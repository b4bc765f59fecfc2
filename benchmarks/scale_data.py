"""A SQLite database with many scheduled clients, for `benchmarks.scale`: the real schema
(the project's migrations), then rows written straight with sqlite3, not the ORM, so that
100,000 clients take seconds to make."""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db import create_engine, upgrade_schema

ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC")
# Every prompt is due in the future: the bot started on the database finds nothing to send.
FIRST_DUE_AFTER = timedelta(hours=1)
DUE_SPREAD = timedelta(days=7)
KINDS = ("reflection", "preparation")


def sqlite_url(path: Path) -> str:
    """The DATABASE_URL the bot is given for this file."""
    return f"sqlite+aiosqlite:///{path}"


async def make_database(path: Path, clients: int, now: datetime) -> None:
    """The schema by the project's own migrations, then `clients` scheduled clients."""
    engine = create_engine(sqlite_url(path))
    try:
        await upgrade_schema(engine)
    finally:
        await engine.dispose()
    if clients:
        await asyncio.to_thread(_fill, path, clients, now)


def _stamp(moment: datetime) -> str:
    """A UTC moment as SQLAlchemy stores it in SQLite: naive, with microseconds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _fill(path: Path, clients: int, now: datetime) -> None:
    stamp = _stamp(now)
    anchor = (now - timedelta(days=7)).date().isoformat()
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA synchronous = OFF")
        ids = range(1, clients + 1)
        connection.executemany(
            "INSERT INTO users (id, chat_id, time_zone, language, active, disabled_questions,"
            " created_at, updated_at) VALUES (?, ?, ?, 'en', 1, '[]', ?, ?)",
            ((i, i, ZONES[i % len(ZONES)], stamp, stamp) for i in ids),
        )
        connection.executemany(
            "INSERT INTO flow_states (user_id, step, data, version, recent_updates, updated_at)"
            " VALUES (?, 'idle', '{}', 0, '[]', ?)",
            ((i, stamp) for i in ids),
        )
        connection.executemany(
            "INSERT INTO schedules (user_id, weekdays, start_time, duration_minutes,"
            " every_weeks, anchor, skipped, extra, paused, reflection_delay_minutes,"
            " quiet_start, quiet_end, neutral_wording, updated_at)"
            " VALUES (?, ?, '17:00', 50, 1, ?, '[]', '[]', 0, 60, '22:00', '08:00', 0, ?)",
            ((i, f"[{i % 7}]", anchor, stamp) for i in ids),
        )
        connection.executemany(
            "INSERT INTO prompts (user_id, kind, session_date, due_at, status, attempts,"
            " created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)",
            _prompts(clients, now, stamp),
        )


def _prompts(clients: int, now: datetime, stamp: str) -> Iterator[tuple[object, ...]]:
    """Two pending prompts per client, in client order (as planning inserts them), their
    due times distinct and shuffled evenly over the next week."""
    slots = list(range(len(KINDS) * clients))
    random.Random(3).shuffle(slots)
    first = now + FIRST_DUE_AFTER
    step = DUE_SPREAD / len(slots)
    for number, slot in enumerate(slots):
        client, kind = divmod(number, len(KINDS))
        due_at = first + slot * step
        yield (client + 1, KINDS[kind], due_at.date().isoformat(), _stamp(due_at), stamp)


def moment_with_due(path: Path, due: int) -> datetime:
    """A `now` at which exactly `due` prompts are due (the due-th earliest due time)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        row = connection.execute(
            "SELECT due_at FROM prompts WHERE status = 'pending' ORDER BY due_at LIMIT 1 OFFSET ?",
            (max(due - 1, 0),),
        ).fetchone()
    moment = datetime.fromisoformat(row[0]).replace(tzinfo=UTC)
    return moment if due else moment - timedelta(seconds=1)


def query_plan(path: Path, sql: str, parameters: tuple[object, ...]) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN for a statement, one line per step."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        rows = connection.execute(f"EXPLAIN QUERY PLAN {sql}", parameters).fetchall()
    return [str(row[-1]) for row in rows]
