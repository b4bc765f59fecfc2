"""Prompts in the database: planned once, claimed once, due by index."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import clients, schedules
from storage.db import Database
from storage.schedules import Planned

NOW = datetime(2026, 11, 24, 17, 50, tzinfo=UTC)
TUESDAY = date(2026, 11, 24)


async def _client_with_prompt(database: Database) -> int:
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        planned = [Planned("reflection", TUESDAY, NOW)]
        await schedules.ensure(session=session, user_id=1, planned=planned)
        (prompt,) = await schedules.due(session=session, now=NOW, limit=10)
    assert prompt.id is not None
    return prompt.id


async def test_of_many_concurrent_claimants_exactly_one_wins(engine: AsyncEngine):
    database = Database(engine)
    prompt_id = await _client_with_prompt(database)

    async def claim() -> bool:
        async with database.transaction() as session:
            return await schedules.claim(session=session, prompt_id=prompt_id)

    wins = await asyncio.gather(*(claim() for _ in range(12)))
    assert wins.count(True) == 1


async def test_planning_twice_creates_each_prompt_once(engine: AsyncEngine):
    database = Database(engine)
    await _client_with_prompt(database)
    async with database.transaction() as session:
        later = [Planned("reflection", TUESDAY, NOW + timedelta(hours=3))]
        await schedules.ensure(session=session, user_id=1, planned=later)
        assert len(await schedules.due(session=session, now=NOW + timedelta(days=1), limit=10)) == 1


async def test_a_claimed_prompt_is_no_longer_due_and_an_interrupted_one_is_not_resent(
    engine: AsyncEngine,
):
    database = Database(engine)
    prompt_id = await _client_with_prompt(database)
    async with database.transaction() as session:
        assert await schedules.claim(session=session, prompt_id=prompt_id)
        assert await schedules.due(session=session, now=NOW, limit=10) == []
    async with database.transaction() as session:
        assert await schedules.interrupted(session=session) == 1  # the process died mid-send
    async with database.transaction() as session:
        assert await schedules.due(session=session, now=NOW + timedelta(days=9), limit=10) == []


async def test_only_what_is_due_is_read(engine: AsyncEngine):
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        planned = [
            Planned("reflection", TUESDAY + timedelta(days=7 * n), NOW + timedelta(days=7 * n))
            for n in range(5)
        ]
        await schedules.ensure(session=session, user_id=1, planned=planned)
        due = await schedules.due(session=session, now=NOW + timedelta(days=8), limit=10)
    assert [prompt.session_date for prompt in due] == [TUESDAY, TUESDAY + timedelta(days=7)]
