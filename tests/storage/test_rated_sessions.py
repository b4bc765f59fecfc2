"""The last N sessions' ratings for the share page: only reflections that hold a rating,
the newest N by session date (a catch-up takes its session's place), oldest first, and
only the client's own (SQLite and PostgreSQL)."""

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


async def _reflection(
    database: Database, user_id: int, serial: int, day: date, answers: dict[str, int | str]
) -> None:
    async with database.transaction() as session:
        await reflections.start_reflection(
            session=session, user_id=user_id, serial=serial, questions=list(answers),
            session_date=day, source="reflect",
        )  # fmt: skip
        for question, answer in answers.items():
            await reflections.put_answer(
                session=session,
                user_id=user_id,
                serial=serial,
                question=question,
                **({"rating": answer} if isinstance(answer, int) else {"text": answer}),
            )


async def test_the_last_rated_sessions_oldest_first_with_their_ratings(database: Database):
    await _reflection(database, 1, 1, date(2026, 11, 3), {"heard": 5})
    await _reflection(database, 1, 2, date(2026, 11, 10), {"heard": 6, "goal:4": 3})
    await _reflection(database, 1, 3, date(2026, 11, 24), {"heard": 8, "overall": 7})
    await _reflection(database, 1, 4, date(2026, 11, 17), {"focus": 4})  # a catch-up
    await _reflection(database, 1, 5, date(2026, 11, 26), {"helpful": "words only"})
    await _reflection(database, 2, 1, date(2026, 11, 25), {"heard": 1})
    async with database.transaction() as session:
        found = await review_rows.rated_sessions(session=session, user_id=1, count=3)
        none = await review_rows.rated_sessions(session=session, user_id=1, count=0)
    assert [(r.session_date, ratings) for r, ratings in found] == [
        (date(2026, 11, 10), {"heard": 6, "goal:4": 3}),
        (date(2026, 11, 17), {"focus": 4}),
        (date(2026, 11, 24), {"heard": 8, "overall": 7}),
    ]
    assert none == []
