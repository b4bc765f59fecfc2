"""An answer written whole, in one statement (SQLite and PostgreSQL): encrypted at rest,
replacing what it was, and only ever into the client's own reflection."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import clients, reflections
from storage.db import Database

SECRET = "marker-5d2b: what I could not say"


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
        await reflections.start_reflection(
            session=session, user_id=1, serial=1, questions=["heard", "helpful"],
            session_date=date(2026, 12, 1), source="reflect",
        )  # fmt: skip
    return database


async def _answers(database: Database) -> dict[str, tuple[object, ...]]:
    async with database.transaction() as session:
        reflection = await reflections.by_serial(session=session, user_id=1, serial=1)
        assert reflection is not None and reflection.id is not None
        found = await reflections.answers_to(session=session, reflection_id=reflection.id)
    return {a.question: (a.rating, a.text, a.skipped, a.danger, a.danger_shared) for a in found}


async def _raw_texts(engine: AsyncEngine) -> list[object]:
    async with engine.connect() as connection:
        return list((await connection.execute(text("SELECT text FROM answers"))).scalars())


async def test_an_answer_is_stored_encrypted_and_a_second_put_replaces_the_first(
    database: Database, engine: AsyncEngine
):
    async with database.transaction() as session:
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", text=SECRET
        )
    assert await _answers(database) == {"helpful": (None, SECRET, False, False, False)}
    (raw,) = await _raw_texts(engine)
    assert isinstance(raw, str) and "marker-5d2b" not in raw and raw.startswith("gAAAA")
    async with database.transaction() as session:
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", text=f"{SECRET}\n\nmore"
        )
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="heard", rating=7
        )
    assert await _answers(database) == {
        "helpful": (None, f"{SECRET}\n\nmore", False, False, False),
        "heard": (7, None, False, False, False),
    }
    raws = await _raw_texts(engine)
    assert len(raws) == 2 and not any("marker-5d2b" in str(raw) for raw in raws)
    async with database.transaction() as session:
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", skipped=True
        )
    assert (await _answers(database))["helpful"] == (None, None, True, False, False)


async def test_shared_words_of_danger_stay_shared_only_while_the_answer_is_flagged(
    database: Database,
):
    async with database.transaction() as session:
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", text="x", danger=True
        )
        reflection = await reflections.by_serial(session=session, user_id=1, serial=1)
        assert reflection is not None
        await reflections.share_danger(session=session, reflection=reflection)
        # More words to the same flagged answer: still shared.
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", text="x\n\ny", danger=True
        )
    assert (await _answers(database))["helpful"][3:] == (True, True)
    async with database.transaction() as session:  # cleared, then written afresh
        await reflections.put_answer(session=session, user_id=1, serial=1, question="helpful")
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", text="z", danger=True
        )
    assert (await _answers(database))["helpful"][3:] == (True, False)


async def test_an_answer_to_a_reflection_not_the_clients_is_refused_and_writes_nothing(
    database: Database, engine: AsyncEngine
):
    for user_id, serial in ((2, 1), (1, 2)):
        with pytest.raises(LookupError):
            async with database.transaction() as session:
                await reflections.put_answer(
                    session=session, user_id=user_id, serial=serial, question="helpful", text="x"
                )
    assert await _raw_texts(engine) == []
