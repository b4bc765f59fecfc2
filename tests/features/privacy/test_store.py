"""Erasing a client: every row about them gone, in one statement, and the turn told."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from features.goals.effects import AddGoal
from features.privacy.effects import EraseClient
from features.progress.effects import RateWeek
from features.reflection.effects import StartReflection
from features.schedule.effects import SaveSchedule
from storage import checkins
from storage.db import Database
from tests.support.databases import query
from tests.support.stores import a_client, store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Tables the changes below write, by the column naming their client.
TABLES = {
    "users": "id",
    "flow_states": "user_id",
    "goals": "user_id",
    "reflections": "user_id",
    "schedules": "user_id",
    "prompts": "user_id",
    "wellbeing": "user_id",
    "checkins": "user_id",
}


async def test_erasing_a_client_leaves_no_row_of_theirs_and_others_untouched(
    engine: AsyncEngine, database_url: str
):
    database = Database(engine)
    for user_id in (1, 2):
        await a_client(database, user_id, time_zone="Europe/Berlin")
        await store(
            database,
            NOW,
            AddGoal("sleep better"),
            StartReflection(1, ("helpful",), date(2026, 11, 23)),
            SaveSchedule((1,), "17:00", 50, 1),
            RateWeek(date(2026, 11, 24), "overall", 6, "note"),
            user_id=user_id,
        )
        async with database.transaction() as session:
            await checkins.put_text(
                session=session, user_id=user_id, day=date(2026, 11, 23), text="a hard day", at=NOW
            )
    ctx = await store(database, NOW, EraseClient(), user_id=1)
    assert ctx.erased
    for table, owner in TABLES.items():
        held = {user_id for (user_id,) in query(database_url, f"SELECT {owner} FROM {table}")}
        assert held == {2}, table


async def test_a_store_that_erases_nothing_leaves_the_turn_going_on(engine: AsyncEngine):
    database = Database(engine)
    await a_client(database)
    ctx = await store(database, NOW, AddGoal("rest"))
    assert not ctx.erased
