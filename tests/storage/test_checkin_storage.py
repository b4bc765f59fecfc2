"""The check-in between sessions in storage: its prompt planned once per local day, a line
added to the next note once, and /delete taking it all."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from storage import checkins, clients, schedules
from storage.db import Database
from storage.models import CheckIn, Prompt, User
from storage.schedules import Planned

NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
THURSDAY = date(2026, 11, 26)


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
    return database


async def test_a_line_goes_into_a_note_once_and_only_when_there_is_one(database: Database):
    async with database.transaction() as session:
        await checkins.put_face(session=session, user_id=1, day=THURSDAY, face=4, at=NOW)
        assert not await checkins.mark_noted(session=session, user_id=1, day=THURSDAY, at=NOW)
        await checkins.put_text(session=session, user_id=1, day=THURSDAY, text="a walk", at=NOW)
        assert await checkins.mark_noted(session=session, user_id=1, day=THURSDAY, at=NOW)
    async with database.transaction() as session:
        later = NOW + timedelta(minutes=1)
        assert not await checkins.mark_noted(session=session, user_id=1, day=THURSDAY, at=later)
        row = await checkins.on_day(session=session, user_id=1, day=THURSDAY)
        assert row is not None and row.noted_at == NOW and row.face == 4


async def test_a_days_check_in_prompt_is_planned_once_whatever_replans_it(database: Database):
    planned = Planned("checkin", THURSDAY, NOW)
    async with database.transaction() as session:
        await schedules.ensure(session=session, user_id=1, planned=[planned])
        await schedules.ensure_many(session=session, planned=[(1, planned), (1, planned)])
        (prompt,) = (await session.exec(select(Prompt))).all()
        assert prompt.id is not None
        assert await schedules.claim(session=session, prompt_id=prompt.id)
        # Sent, then the client changes their quiet hours: the plan again holds the same day.
        await schedules.replan(
            session=session,
            user_id=1,
            planned=[Planned("checkin", THURSDAY, NOW + timedelta(hours=1))],
        )
        rows = (await session.exec(select(Prompt.kind, Prompt.status))).all()
        assert [tuple(r) for r in rows] == [("checkin", "sending")]


async def test_delete_takes_the_check_ins_and_their_prompts(database: Database):
    async with database.transaction() as session:
        await checkins.put_text(session=session, user_id=1, day=THURSDAY, text="a walk", at=NOW)
        session.add(Prompt(user_id=1, kind="checkin", session_date=THURSDAY, due_at=NOW))
    async with database.transaction() as session:
        await session.exec(delete(User).where(col(User.id) == 1))  # what /delete does
    async with database.transaction() as session:
        for table in (CheckIn, Prompt):
            assert (await session.exec(select(table))).all() == []
