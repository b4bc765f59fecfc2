"""/fit checks in the database (SQLite and PostgreSQL): stored per press, read back decoded,
and unreadable at rest."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import clients, fits
from storage.db import Database

NOW = datetime(2026, 11, 24, 18, 50, tzinfo=UTC)
LATER = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)


async def _client(database: Database, user_id: int = 1) -> None:
    async with database.transaction() as session:
        await clients.get_or_create_user(
            session=session, user_id=user_id, chat_id=user_id, language="en"
        )


async def test_a_check_is_stored_choice_by_choice_and_read_back(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    async with database.transaction() as session:
        await fits.start(session=session, user_id=1, serial=1, seeing_therapist=True, at=NOW)
    for item, choice in (("pref.style", "a"), ("q.feedback", "no"), ("pref.style", "both")):
        # One transaction per press, as the bot does: each survives on its own.
        async with database.transaction() as session:
            await fits.save_choice(session=session, user_id=1, serial=1, item=item, choice=choice)
    async with database.transaction() as session:
        open_check = await fits.open_check(session=session, user_id=1)
        assert await fits.latest_finished(session=session, user_id=1) is None
    assert open_check is not None
    assert open_check.answers == {"pref.style": "both", "q.feedback": "no"}
    assert (open_check.serial, open_check.seeing_therapist) == (1, True)
    assert open_check.started_at == NOW and open_check.finished_at is None

    async with database.transaction() as session:
        await fits.finish(session=session, user_id=1, serial=1, at=LATER)
    async with database.transaction() as session:
        assert await fits.open_check(session=session, user_id=1) is None
        finished = await fits.latest_finished(session=session, user_id=1)
    assert finished is not None and finished.finished_at == LATER
    assert finished.answers == {"pref.style": "both", "q.feedback": "no"}


async def test_the_latest_finished_check_and_all_of_them_oldest_first(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    await _client(database, 2)
    async with database.transaction() as session:
        for serial, seeing in ((1, False), (2, True), (3, True)):
            await fits.start(
                session=session, user_id=1, serial=serial, seeing_therapist=seeing, at=NOW
            )
            await fits.save_choice(
                session=session, user_id=1, serial=serial, item="pref.talk", choice=f"c{serial}"
            )
            if serial < 3:
                await fits.finish(session=session, user_id=1, serial=serial, at=LATER)
        # Someone else's check is never theirs.
        await fits.start(session=session, user_id=2, serial=9, seeing_therapist=True, at=NOW)
        await fits.finish(session=session, user_id=2, serial=9, at=LATER)
    async with database.transaction() as session:
        latest = await fits.latest_finished(session=session, user_id=1)
        every = await fits.finished_checks(session=session, user_id=1)
        still_open = await fits.open_check(session=session, user_id=1)
    assert latest is not None and latest.serial == 2
    assert [(c.serial, c.seeing_therapist, c.answers) for c in every] == [
        (1, False, {"pref.talk": "c1"}),
        (2, True, {"pref.talk": "c2"}),
    ]
    assert still_open is not None and still_open.serial == 3


async def test_a_check_that_does_not_exist_is_a_bug_not_a_new_row(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    with pytest.raises(LookupError):
        async with database.transaction() as session:
            await fits.save_choice(
                session=session, user_id=1, serial=5, item="q.goals", choice="no"
            )
    with pytest.raises(LookupError):
        async with database.transaction() as session:
            await fits.finish(session=session, user_id=1, serial=5, at=NOW)


async def test_the_choices_are_not_in_the_clear_in_the_database(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    async with database.transaction() as session:
        await fits.start(session=session, user_id=1, serial=1, seeing_therapist=True, at=NOW)
        await fits.save_choice(
            session=session, user_id=1, serial=1, item="q.feels_right", choice="somewhat"
        )
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM fit_checks"))).all()
    assert len(rows) == 1
    for secret in ("feels_right", "somewhat", "{"):
        assert secret not in repr(rows[0]), secret
    async with database.transaction() as session:
        check = await fits.open_check(session=session, user_id=1)
    assert check is not None and check.answers == {"q.feels_right": "somewhat"}
