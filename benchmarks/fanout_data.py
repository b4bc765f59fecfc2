"""Clients for `benchmarks.fanout`: all in one time zone with a session on the same Tuesday at
17:00, planned by the bot's own code, so every one's reflection prompt comes due at 18:50."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import col, select

import features.router  # noqa: F401  (installs the catalogue that plain() reads)
from features.common.loaders import preferences_of, schedule_of
from features.kernel.texts import plain
from features.schedule import prompts
from features.schedule.planning import REFLECTION, plan
from storage import clients as repo
from storage import schedules
from storage.db import Database, create_engine, upgrade_schema
from storage.models import Prompt, Schedule, User

TIME_ZONE = "Europe/Berlin"
SESSION_DAY = date(2026, 11, 24)  # a Tuesday
_BERLIN = ZoneInfo(TIME_ZONE)
# Planned during the session, as the bot plans after a client sets their schedule: its
# reflection prompt (17:00 + 50 min + the default hour) is the one prompt due by 18:50.
PLANNED_AT = datetime(2026, 11, 24, 17, 30, tzinfo=_BERLIN)
DUE_AT = datetime(2026, 11, 24, 18, 50, tzinfo=_BERLIN)
# The bot's clock: before the fan-out, then a moment after every prompt came due.
BEFORE = DUE_AT - timedelta(minutes=5)
AFTER = DUE_AT + timedelta(seconds=1)
CHUNK = 500


def prompt_first_line() -> str:
    """The first line of the prompt the clients get, from the catalogue the bot renders."""
    reply = prompts.reflection_prompt(1, SESSION_DAY, False, reminder=False)
    return plain(reply.text, "en", **reply.args).splitlines()[0]


async def seed(database_url: str, client_ids: Sequence[int]) -> None:
    """The schema by the project's migrations; then each client as onboarding leaves them:
    a user with a time zone and a weekly Tuesday 17:00 schedule, prompts planned by the
    bot's planning code. Written a chunk of clients at a time (one by one took a minute)."""
    # The bot is given plain postgresql:// and picks its driver; so must we.
    engine = create_engine(database_url.replace("postgresql://", "postgresql+asyncpg://", 1))
    try:
        await upgrade_schema(engine)
        database = Database(engine)
        for start in range(0, len(client_ids), CHUNK):
            chunk = client_ids[start : start + CHUNK]
            users = [{"id": client, "chat_id": client, "time_zone": TIME_ZONE} for client in chunk]
            rows = [Schedule(user_id=client, weekdays=[SESSION_DAY.weekday()], start_time="17:00",
                             duration_minutes=50, every_weeks=1, anchor=SESSION_DAY)
                    for client in chunk]  # fmt: skip
            planned = [
                (row.user_id, item)
                for row in rows
                for item in plan(schedule_of(row, TIME_ZONE), preferences_of(row), PLANNED_AT)
            ]
            async with database.transaction() as session:
                await repo.insert_all_if_absent(session, User, users)
                await repo.insert_all_if_absent(session, Schedule, [r.model_dump() for r in rows])
                await schedules.ensure_many(session=session, planned=planned)
        async with database.transaction() as session:
            due = select(func.count()).select_from(Prompt).where(col(Prompt.due_at) <= AFTER)
            found = (await session.exec(due)).one()
            at_once = due.where(col(Prompt.due_at) == DUE_AT, col(Prompt.kind) == REFLECTION)
            together = (await session.exec(at_once)).one()
    finally:
        await engine.dispose()
    if not found == together == len(client_ids):
        raise RuntimeError(
            f"{found} prompts due by {AFTER}, {together} of them reflection prompts due at "
            f"{DUE_AT}; expected {len(client_ids)} and {len(client_ids)}"
        )
