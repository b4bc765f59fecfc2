"""Memos for the next note, and words a step holds sealed with the flow state: encrypted,
read back whole, each client's only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from features.kernel.engine import state_of
from features.kernel.vocabulary import SEALED, Step
from storage import clients, memos
from storage.db import Database

SECRET = "marker-91c4: tell her about the hard session"
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
    return database


async def test_a_memo_is_stored_encrypted_and_read_back_by_its_client_only(
    engine: AsyncEngine, database: Database
):
    async with database.transaction() as session:
        kept = await memos.add(session=session, user_id=1, text=SECRET, at=NOW)
        await memos.add(session=session, user_id=2, text="someone else's", at=NOW)
    async with engine.connect() as connection:
        raw = (await connection.execute(text("SELECT text FROM memos"))).scalars().all()
    assert raw and all("marker-91c4" not in str(value) for value in raw)
    async with database.transaction() as session:
        since = await memos.since(session=session, user_id=1, since=NOW - timedelta(days=1))
        later = await memos.since(session=session, user_id=1, since=NOW)
        assert kept.id is not None
        mine = await memos.by_id(session=session, user_id=1, ids=[kept.id, kept.id + 1])
        theirs = await memos.by_id(session=session, user_id=2, ids=[kept.id])
    assert [memo.text for memo in since] == [SECRET] and later == []
    assert {ref: memo.text for ref, memo in mine.items()} == {kept.id: SECRET}
    assert theirs == {}


async def test_words_held_by_a_step_are_sealed_apart_from_the_plain_state(
    engine: AsyncEngine, database: Database
):
    async with database.transaction() as session:
        flow = await clients.load_flow(session=session, user_id=1)
        await clients.save_flow(
            session=session, flow=flow, step="offer_memo", data={"n": 1}, sealed=SECRET
        )
    async with engine.connect() as connection:
        row = (await connection.execute(text("SELECT data, sealed FROM flow_states"))).one()
    assert "marker-91c4" not in repr(row) and row.sealed
    async with database.transaction() as session:
        state = state_of(await clients.load_flow(session=session, user_id=1))
        assert state.step is Step.OFFER_MEMO and state.data == {"n": 1, SEALED: SECRET}
        flow = await clients.load_flow(session=session, user_id=1)
        await clients.save_flow(session=session, flow=flow, step="idle", data={})
    async with database.transaction() as session:
        flow = await clients.load_flow(session=session, user_id=1)
        assert flow.sealed is None and SEALED not in state_of(flow).data
