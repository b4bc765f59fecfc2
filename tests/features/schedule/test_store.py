"""The schedule's store: each change to the sessions stored, and the prompts planned again."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from features.kernel.profile import SaveTimeZone
from features.schedule.effects import (
    AddExtraSession,
    ClosePrompts,
    SaveSchedule,
    SetNeutralWording,
    SetPaused,
    SetQuietHours,
    SetReflectionDelay,
    SkipNextSession,
    SnoozePrompt,
)
from storage import schedules
from storage.db import Database
from storage.models import Prompt, Schedule
from tests.support.stores import a_client, store

# Monday 23 November 2026, 10:00 in Berlin; sessions on Tuesdays at 17:00 for 50 minutes.
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TUESDAY = date(2026, 11, 24)
WEEKLY = SaveSchedule((1,), "17:00", 50, 1)


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    database = Database(engine)
    await a_client(database, time_zone="Europe/Berlin")
    return database


async def _schedule(database: Database) -> Schedule:
    async with database.transaction() as session:
        row = await schedules.get_schedule(session=session, user_id=1)
        assert row is not None
        return row


async def _pending(database: Database) -> dict[tuple[str, date], datetime]:
    async with database.transaction() as session:
        pending = select(Prompt).where(col(Prompt.user_id) == 1, col(Prompt.status) == "pending")
        rows = (await session.exec(pending)).all()
    return {(row.kind, row.session_date): row.due_at for row in rows}


async def test_a_schedule_saved_plans_the_next_sessions_prompts(database: Database):
    await store(database, MONDAY, WEEKLY)
    row = await _schedule(database)
    assert (row.weekdays, row.start_time, row.anchor) == ([1], "17:00", TUESDAY)
    pending = await _pending(database)
    # The reflection an hour after the session ends (17:50 Berlin + 60 min = 17:50 UTC).
    assert pending[("reflection", TUESDAY)] == datetime(2026, 11, 24, 17, 50, tzinfo=UTC)


async def test_pausing_drops_the_pending_prompts_and_resuming_plans_them_again(
    database: Database,
):
    await store(database, MONDAY, WEEKLY)
    await store(database, MONDAY, SetPaused(True))
    assert (await _schedule(database)).paused
    assert await _pending(database) == {}
    await store(database, MONDAY, SetPaused(False))
    assert ("reflection", TUESDAY) in await _pending(database)


async def test_skipping_leaves_the_next_session_out(database: Database):
    await store(database, MONDAY, WEEKLY, SkipNextSession())
    assert (await _schedule(database)).skipped == ["2026-11-24"]
    pending = await _pending(database)
    assert ("reflection", TUESDAY) not in pending
    assert ("reflection", date(2026, 12, 1)) in pending


async def test_the_reflection_delay_moves_the_prompt(database: Database):
    await store(database, MONDAY, WEEKLY, SetReflectionDelay(120))
    assert (await _schedule(database)).reflection_delay_minutes == 120
    due = (await _pending(database))[("reflection", TUESDAY)]
    assert due == datetime(2026, 11, 24, 18, 50, tzinfo=UTC)


async def test_quiet_hours_are_set_and_cleared(database: Database):
    await store(database, MONDAY, WEEKLY, SetQuietHours(time(23), time(7)))
    row = await _schedule(database)
    assert (row.quiet_start, row.quiet_end) == ("23:00", "07:00")
    await store(database, MONDAY, SetQuietHours(None, None))
    row = await _schedule(database)
    assert (row.quiet_start, row.quiet_end) == ("00:00", "00:00")


async def test_neutral_wording_is_switched(database: Database):
    await store(database, MONDAY, WEEKLY, SetNeutralWording(True))
    assert (await _schedule(database)).neutral_wording
    await store(database, MONDAY, SetNeutralWording(False))
    assert not (await _schedule(database)).neutral_wording


async def test_an_extra_session_is_added_once_and_planned(database: Database):
    today_at_noon = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)  # 12:00 in Berlin
    extra = AddExtraSession(today_at_noon)
    await store(database, MONDAY, WEEKLY, extra, extra)
    assert (await _schedule(database)).extra == ["2026-11-23T11:00:00+00:00"]
    # Its reflection prompt: an hour after it ends (12:50 Berlin + 60 min = 12:50 UTC).
    due = (await _pending(database))[("reflection", date(2026, 11, 23))]
    assert due == datetime(2026, 11, 23, 12, 50, tzinfo=UTC)


async def test_a_change_without_a_schedule_stores_nothing(database: Database):
    await store(database, MONDAY, SetPaused(True), SkipNextSession(), SetQuietHours(None, None))
    async with database.transaction() as session:
        assert await schedules.get_schedule(session=session, user_id=1) is None


async def test_a_new_time_zone_plans_the_prompts_at_the_same_wall_clock_times(
    database: Database,
):
    await store(database, MONDAY, WEEKLY)
    ctx = await store(database, MONDAY, SaveTimeZone("Europe/London"))
    assert ctx.user.time_zone == "Europe/London"
    # 17:50 in London is an hour later than 17:50 in Berlin.
    due = (await _pending(database))[("reflection", TUESDAY)]
    assert due == datetime(2026, 11, 24, 18, 50, tzinfo=UTC)


async def _sent_prompt(database: Database, at: datetime) -> int:
    async with database.transaction() as session:
        prompt = Prompt(user_id=1, kind="reflection", session_date=TUESDAY, due_at=at,
                        status="sent", sent_at=at)  # fmt: skip
        session.add(prompt)
        await session.flush()
        assert prompt.id is not None
        return prompt.id


async def test_a_snoozed_prompt_comes_again_after_the_hours_chosen(database: Database):
    await store(database, MONDAY, WEEKLY, SetPaused(True))
    sent_at = datetime(2026, 11, 24, 17, 50, tzinfo=UTC)  # 18:50 in Berlin
    prompt_id = await _sent_prompt(database, sent_at)
    await store(database, sent_at, SnoozePrompt(prompt_id, 2))
    assert (await _pending(database))[("reflection", TUESDAY)] == sent_at + timedelta(hours=2)


async def test_a_snooze_into_the_quiet_hours_comes_when_they_end(database: Database):
    await store(database, MONDAY, WEEKLY, SetPaused(True))
    sent_at = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)  # 20:30 in Berlin
    prompt_id = await _sent_prompt(database, sent_at)
    # Two hours later is 22:30 Berlin, inside the quiet hours (22:00 to 08:00).
    await store(database, sent_at, SnoozePrompt(prompt_id, 2))
    due = (await _pending(database))[("reflection", TUESDAY)]
    assert due == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 08:00 Berlin


async def test_an_answered_prompt_closes_its_session_and_its_reminder(database: Database):
    await store(database, MONDAY, WEEKLY, SetPaused(True))
    sent_at = datetime(2026, 11, 24, 17, 50, tzinfo=UTC)
    prompt_id = await _sent_prompt(database, sent_at)
    await store(database, sent_at, ClosePrompts(TUESDAY, "answered"))
    async with database.transaction() as session:
        prompt = await session.get(Prompt, prompt_id)
        assert prompt is not None and prompt.status == "answered"
