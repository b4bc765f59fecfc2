"""Reflections read back in the order of the sessions they look back on, whenever they
were written (a catch-up on an older session takes its place), never two made one; and the
session dates /reflect needn't offer again (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import clients, reflections, review_rows
from storage.db import Database


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
    return database


async def _reflection(database: Database, user_id: int, serial: int, day: date, heard: int) -> None:
    async with database.transaction() as session:
        await reflections.start_reflection(
            session=session, user_id=user_id, serial=serial, questions=["heard"],
            session_date=day, source="reflect",
        )  # fmt: skip
        await reflections.put_answer(
            session=session, user_id=user_id, serial=serial, question="heard", rating=heard
        )


async def test_a_catch_up_takes_its_sessions_place_and_one_date_keeps_two(database: Database):
    await _reflection(database, 1, 1, date(2026, 11, 24), 8)
    await _reflection(database, 1, 2, date(2026, 11, 17), 6)  # written later, an older session
    await _reflection(database, 1, 3, date(2026, 11, 26), 7)
    await _reflection(database, 1, 4, date(2026, 11, 26), 5)  # the same date: two sessions
    async with database.transaction() as session:
        rows = await review_rows.reflections_in(
            session=session, user_id=1, days=None, at_least=0, today=date(2026, 11, 27)
        )
    assert [(r.serial, r.session_date.day) for r in rows.reflections] == [
        (2, 17), (1, 24), (3, 26), (4, 26),
    ]  # fmt: skip


async def test_the_window_and_the_ratings_before_it_follow_the_sessions(database: Database):
    await _reflection(database, 1, 1, date(2026, 10, 6), 9)
    await _reflection(database, 1, 2, date(2026, 11, 24), 8)
    await _reflection(database, 1, 3, date(2026, 10, 13), 4)  # a catch-up, long after
    async with database.transaction() as session:
        rows = await review_rows.reflections_in(
            session=session, user_id=1, days=30, at_least=0, today=date(2026, 11, 26)
        )
    assert [r.serial for r in rows.reflections] == [2]
    # The last rating before the window is the latest session's (13 October), not the
    # latest written.
    assert rows.earlier == {"heard": 4}


async def test_the_session_dates_reflected_on_are_the_clients_own_since_a_day(
    database: Database,
):
    await _reflection(database, 1, 1, date(2026, 10, 6), 9)
    await _reflection(database, 1, 2, date(2026, 11, 17), 8)
    await _reflection(database, 1, 3, date(2026, 11, 17), 7)
    await _reflection(database, 2, 1, date(2026, 11, 24), 5)
    async with database.transaction() as session:
        found = await reflections.session_dates_since(
            session=session, user_id=1, since=date(2026, 11, 1)
        )
    assert found == {date(2026, 11, 17)}
