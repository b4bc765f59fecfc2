"""How I've been and the check-ins: one row per session date or day, each client's own, the
check-in's words encrypted."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import checkins, clients, wellbeing
from storage.db import Database

SECRET = "marker-5e2a: a hard day at work"
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
TUESDAY = date(2026, 12, 1)


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
    return database


async def test_four_ratings_make_one_row_per_session_and_a_press_again_changes_it(
    database: Database,
):
    async with database.transaction() as session:
        for part, rating in zip(wellbeing.PARTS, (3, 5, 4, 6), strict=True):
            await wellbeing.put_rating(
                session=session, user_id=1, session_date=TUESDAY, part=part, rating=rating,
                source="note", at=NOW,
            )  # fmt: skip
        await wellbeing.put_rating(
            session=session, user_id=1, session_date=TUESDAY, part="overall", rating=7,
            source="note", at=NOW,
        )  # fmt: skip
        await wellbeing.skip(
            session=session, user_id=2, session_date=TUESDAY, source="reflect", at=NOW
        )
    async with database.transaction() as session:
        mine = await wellbeing.history(session=session, user_id=1)
        theirs = await wellbeing.history(session=session, user_id=2)
    assert [(r.myself, r.close, r.daily, r.overall, r.skipped) for r in mine] == [
        (3, 5, 4, 7, False)
    ]
    assert [(r.overall, r.skipped, r.source) for r in theirs] == [(None, True, "reflect")]


async def test_a_rating_out_of_range_or_of_no_part_is_refused(database: Database):
    async with database.transaction() as session:
        for part, rating in (("overall", 11), ("overall", -1), ("mood", 5)):
            with pytest.raises(ValueError):
                await wellbeing.put_rating(
                    session=session, user_id=1, session_date=TUESDAY, part=part,
                    rating=rating, source="note", at=NOW,
                )  # fmt: skip


async def test_a_check_in_keeps_its_face_and_words_encrypted_one_per_day(
    engine: AsyncEngine, database: Database
):
    async with database.transaction() as session:
        await checkins.put_face(session=session, user_id=1, day=TUESDAY, face=2, at=NOW)
        await checkins.put_face(session=session, user_id=1, day=TUESDAY, face=3, at=NOW)
        await checkins.put_text(session=session, user_id=1, day=TUESDAY, text=SECRET, at=NOW)
        await checkins.put_face(session=session, user_id=2, day=TUESDAY, face=5, at=NOW)
        with pytest.raises(ValueError):
            await checkins.put_face(session=session, user_id=1, day=TUESDAY, face=6, at=NOW)
    async with engine.connect() as connection:
        raw = (await connection.execute(text("SELECT text FROM checkins"))).scalars().all()
    assert any(raw) and all("marker-5e2a" not in str(value) for value in raw)
    async with database.transaction() as session:
        mine = await checkins.between(session=session, user_id=1, start=TUESDAY, end=TUESDAY)
    assert [(c.face, c.text) for c in mine] == [(3, SECRET)]
