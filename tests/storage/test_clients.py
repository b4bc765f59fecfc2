"""Repository functions against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from storage import clients
from storage.db import session_factory
from storage.models import FlowState, User

BIG_TELEGRAM_ID = 7_999_999_999  # above 32 bits, as real ids are


async def test_a_new_client_is_created_once_with_their_language(engine: AsyncEngine):
    sessions = session_factory(engine)
    for _ in range(2):
        async with sessions() as session, session.begin():
            await clients.get_or_create_user(
                session=session, user_id=BIG_TELEGRAM_ID, chat_id=BIG_TELEGRAM_ID, language="de-AT"
            )
    async with sessions() as session:
        count = (await session.exec(select(func.count()).select_from(User))).one()
        user = await clients.get_user(session=session, user_id=BIG_TELEGRAM_ID)
    assert count == 1
    assert user is not None and user.language == "de" and user.active
    assert user.created_at.tzinfo is not None


async def test_the_language_a_client_chooses_is_kept(engine: AsyncEngine):
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="de")
        await clients.set_language(session=session, user_id=1, language="ru")
    async with sessions() as session:
        user = await clients.get_user(session=session, user_id=1)
    assert user is not None and user.language == "ru"


async def test_time_zone_and_flow_are_kept_across_sessions(engine: AsyncEngine):
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language=None)
        await clients.set_time_zone(session=session, user_id=1, time_zone="Europe/Berlin")
        flow = await clients.load_flow(session=session, user_id=1)
        assert flow.version == 0
        await clients.save_flow(session=session, flow=flow, step="ask_time_zone", data={"p": "x"})
    async with sessions() as session:
        user = await clients.get_user(session=session, user_id=1)
        flow = await clients.load_flow(session=session, user_id=1)
    assert user is not None and user.time_zone == "Europe/Berlin" and user.language == "en"
    assert (flow.step, flow.data, flow.version) == ("ask_time_zone", {"p": "x"}, 1)


async def test_a_rolled_back_turn_leaves_nothing_behind(engine: AsyncEngine):
    sessions = session_factory(engine)
    try:
        async with sessions() as session, session.begin():
            await clients.get_or_create_user(session=session, user_id=2, chat_id=2, language="en")
            flow = await clients.load_flow(session=session, user_id=2)
            await clients.save_flow(session=session, flow=flow, step="ask_time_zone", data={})
            raise RuntimeError("the process failed mid-turn")
    except RuntimeError:
        pass
    async with sessions() as session:
        assert await clients.get_user(session=session, user_id=2) is None
        assert await session.get(FlowState, 2) is None


async def test_blocking_marks_inactive_and_writing_again_reactivates(engine: AsyncEngine):
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=3, chat_id=3, language="en")
    async with sessions() as session, session.begin():
        assert await clients.set_active(session=session, user_id=3, active=False)
        assert not await clients.set_active(session=session, user_id=404, active=False)
    async with sessions() as session, session.begin():
        user = await clients.get_user(session=session, user_id=3)
        assert user is not None and not user.active
        await clients.get_or_create_user(session=session, user_id=3, chat_id=3, language="en")
    async with sessions() as session:
        user = await clients.get_user(session=session, user_id=3)
        assert user is not None and user.active


async def test_deleting_a_client_takes_their_flow_with_them(engine: AsyncEngine):
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=4, chat_id=4, language="en")
        flow = await clients.load_flow(session=session, user_id=4)
        await clients.save_flow(session=session, flow=flow, step="idle", data={})
    async with sessions() as session, session.begin():
        user = await clients.get_user(session=session, user_id=4)
        assert user is not None
        await session.delete(user)
    async with sessions() as session:
        assert await session.get(FlowState, 4) is None


async def test_concurrent_turns_of_one_client_are_serialized(engine: AsyncEngine):
    """Twenty turns at once, each reading and bumping the flow: none is lost."""
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=5, chat_id=5, language="en")

    async def turn(n: int) -> None:
        async with sessions() as session, session.begin():
            flow = await clients.load_flow(session=session, user_id=5)
            seen = list(flow.data.get("seen", []))
            await asyncio.sleep(0.001)  # let the others try to interleave
            await clients.save_flow(
                session=session, flow=flow, step="idle", data={"seen": [*seen, n]}
            )

    await asyncio.gather(*(turn(n) for n in range(20)))
    async with sessions() as session:
        flow = await clients.load_flow(session=session, user_id=5)
    assert sorted(flow.data["seen"]) == list(range(20))
    assert flow.version == 20
