"""The client's own rating history (SQLite and PostgreSQL), which the end of a reflection
compares today's ratings with: per question, newest first, only finished reflections, only
the client's own, and only the last few."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import clients, reflections
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


async def _reflection(
    database: Database, user_id: int, serial: int, ratings: dict[str, int], *, finished: bool
) -> None:
    async with database.transaction() as session:
        await reflections.start_reflection(
            session=session, user_id=user_id, serial=serial, questions=list(ratings),
            session_date=date(2026, 11, serial), source="reflect",
        )  # fmt: skip
        for question, rating in ratings.items():
            await reflections.put_answer(
                session=session, user_id=user_id, serial=serial, question=question, rating=rating
            )
        if finished:
            await reflections.finish_serial(
                session=session, user_id=user_id, serial=serial, complete=True, position=None
            )


async def test_ratings_come_newest_first_from_the_last_finished_reflections_only(
    database: Database,
):
    for serial, heard in enumerate((1, 2, 3, 4, 5), start=1):
        await _reflection(database, 1, serial, {"heard": heard, "focus": 9}, finished=True)
    await _reflection(database, 1, 6, {"heard": 0}, finished=False)  # unfinished: not history
    await _reflection(database, 2, 1, {"heard": 10}, finished=True)  # someone else's
    async with database.transaction() as session:
        found = await reflections.recent_ratings(session=session, user_id=1)
    assert found == {"heard": [5, 4, 3, 2], "focus": [9, 9, 9, 9]}


async def test_a_catch_up_is_compared_with_the_sessions_before_its_own(database: Database):
    # Written in the order 3, 1, 2 November: serials say nothing of which session came first.
    async with database.transaction() as session:
        for serial, (day, heard) in enumerate(((3, 9), (1, 4), (2, 5)), start=1):
            await reflections.start_reflection(
                session=session, user_id=1, serial=serial, questions=["heard"],
                session_date=date(2026, 11, day), source="reflect",
            )  # fmt: skip
            await reflections.put_answer(
                session=session, user_id=1, serial=serial, question="heard", rating=heard
            )
            await reflections.finish_serial(
                session=session, user_id=1, serial=serial, complete=True, position=None
            )
        latest_first = await reflections.recent_ratings(session=session, user_id=1)
        before_the_2nd = await reflections.recent_ratings(
            session=session, user_id=1, up_to=date(2026, 11, 2)
        )
    assert latest_first == {"heard": [9, 5, 4]}
    assert before_the_2nd == {"heard": [5, 4]}
