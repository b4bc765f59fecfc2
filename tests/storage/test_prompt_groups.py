"""Prompts handled a group at a time (a burst going out): still each claimed once."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from storage import clients, schedules
from storage.db import Database
from storage.models import Prompt, Schedule
from storage.schedules import Planned

NOW = datetime(2026, 11, 24, 17, 50, tzinfo=UTC)
TUESDAY = date(2026, 11, 24)
CLIENTS = range(1, 13)


async def _clients_with_a_prompt_each(database: Database) -> list[int]:
    async with database.transaction() as session:
        for client in CLIENTS:
            await clients.get_or_create_user(
                session=session, user_id=client, chat_id=client, language="en"
            )
        planned = [(client, Planned("reflection", TUESDAY, NOW)) for client in CLIENTS]
        await schedules.ensure_many(session=session, planned=planned)
        due = await schedules.due(session=session, now=NOW, limit=100)
    return [prompt.id for prompt in due if prompt.id is not None]


async def test_of_claimants_of_overlapping_groups_each_prompt_goes_to_exactly_one(
    engine: AsyncEngine,
):
    database = Database(engine)
    ids = await _clients_with_a_prompt_each(database)
    groups = [ids[start::3] + ids[:4] for start in range(3)] * 3  # every id wanted twice or more

    async def claim(group: list[int]) -> list[int]:
        async with database.transaction() as session:
            taken = await schedules.claim_many(session=session, prompt_ids=group)
        return [prompt.id for prompt in taken if prompt.id is not None]

    claimed = await asyncio.gather(*(claim(group) for group in groups))
    everyone = [prompt_id for taken in claimed for prompt_id in taken]
    assert sorted(everyone) == sorted(ids)  # each once, none left behind
    async with database.transaction() as session:
        rows = (await session.exec(select(Prompt.status, Prompt.attempts))).all()
    assert set(rows) == {("sending", 1)}


async def test_a_group_claim_takes_only_pending_prompts_and_returns_them_taken(
    engine: AsyncEngine,
):
    database = Database(engine)
    ids = await _clients_with_a_prompt_each(database)
    async with database.transaction() as session:
        await schedules.settle(session=session, prompt_id=ids[0], status="sent", sent_at=NOW)
        assert await schedules.claim(session=session, prompt_id=ids[1])
    async with database.transaction() as session:
        taken = await schedules.claim_many(session=session, prompt_ids=ids[:4])
        assert await schedules.claim_many(session=session, prompt_ids=[]) == []
    assert [prompt.id for prompt in taken] == ids[2:4]
    assert {(prompt.status, prompt.attempts) for prompt in taken} == {("sending", 1)}
    assert {prompt.user_id for prompt in taken} == {3, 4}


async def test_a_group_settles_alike_and_only_its_own_still_claimed_prompts(engine: AsyncEngine):
    database = Database(engine)
    ids = await _clients_with_a_prompt_each(database)
    async with database.transaction() as session:
        await schedules.claim_many(session=session, prompt_ids=ids[1:])
        await schedules.settle(session=session, prompt_id=ids[1], status="answered")
        await schedules.settle_many(session=session, prompt_ids=ids[:5], status="sent", sent_at=NOW)
        await schedules.settle_many(session=session, prompt_ids=[], status="failed")
    async with database.transaction() as session:
        rows = (await session.exec(select(Prompt.id, Prompt.status, Prompt.sent_at))).all()
    statuses = {prompt_id: (status, sent_at) for prompt_id, status, sent_at in rows}
    assert statuses[ids[0]] == ("pending", None)  # never claimed
    assert statuses[ids[1]] == ("answered", None)  # the client was quicker than the record
    assert all(statuses[prompt_id] == ("sent", NOW) for prompt_id in ids[2:5])
    assert all(statuses[prompt_id] == ("sending", None) for prompt_id in ids[5:])


async def test_planning_many_clients_at_once_creates_each_prompt_once(engine: AsyncEngine):
    database = Database(engine)
    await _clients_with_a_prompt_each(database)
    later = NOW + timedelta(days=7)
    again = [(client, Planned("reflection", TUESDAY, later)) for client in CLIENTS]
    week_on = TUESDAY + timedelta(days=7)
    nextweek = [(client, Planned("reflection", week_on, later)) for client in CLIENTS]
    async with database.transaction() as session:
        await schedules.ensure_many(session=session, planned=again + nextweek)
        await schedules.ensure_many(session=session, planned=[])
    async with database.transaction() as session:
        rows = (await session.exec(select(Prompt.user_id, Prompt.session_date, Prompt.due_at,
                                          Prompt.status))).all()  # fmt: skip
    assert len(rows) == 2 * len(CLIENTS)
    assert (1, TUESDAY, NOW, "pending") in rows  # the first planning stands
    assert (1, week_on, later, "pending") in rows


async def test_clients_come_with_their_schedule_or_none(engine: AsyncEngine):
    database = Database(engine)
    async with database.transaction() as session:
        for client in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=client, chat_id=client, language="en"
            )
        row = Schedule(user_id=1, weekdays=[1], start_time="17:00", anchor=TUESDAY)
        await schedules.save_schedule(session=session, schedule=row)
    async with database.transaction() as session:
        found = await schedules.clients_of(session=session, user_ids=[1, 2, 3, 1])
        ids = (await session.exec(select(Schedule.user_id).where(col(Schedule.user_id) == 1))).all()
    assert sorted(found) == [1, 2]
    user, schedule = found[1]
    assert user.id == 1 and schedule is not None and schedule.start_time == "17:00"
    assert found[2][1] is None
    assert ids == [1]
