"""How I've been and /progress against a real database (SQLite and PostgreSQL): the four
kept by the turn's store functions, what a press and /progress read, goal ratings in session
order, the check-ins of the last four weeks, and what a note's four read."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from features.common.loaded import ClientSchedule, Goals, RecentWeeks, WeekRatings
from features.common.loaders import load_recent_weeks
from features.common.session_times import SessionSchedule
from features.kernel.store import StoreContext
from features.kernel.vocabulary import Client, Command, Facts, Press, State
from features.progress.effects import RateWeek, SkipWeek
from features.progress.loaders import for_note, load_pressed, load_progress
from features.progress.store import rate_week, skip_week
from storage import checkins, clients, goals, reflections
from storage.db import Database
from storage.models import Prompt

NOW = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
TUESDAY = date(2026, 12, 1)


async def _client(database: Database, user_id: int = 1) -> None:
    async with database.transaction() as session:
        user = await clients.get_or_create_user(
            session=session, user_id=user_id, chat_id=user_id, language="en"
        )
        user.time_zone = "Europe/Berlin"


async def test_the_four_kept_by_the_turn_and_read_by_a_press(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    await _client(database, 2)
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=1)
        assert user is not None
        ctx = StoreContext(session, user, NOW)
        await rate_week(RateWeek(TUESDAY, "myself", 6, "note"), ctx)
        await rate_week(RateWeek(TUESDAY, "close", 0, "note"), ctx)
        await skip_week(SkipWeek(date(2026, 11, 24), "reflect"), ctx)
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=1)
        other = await clients.get_user(session=session, user_id=2)
        assert user is not None and other is not None
        facts = Facts(Client("Europe/Berlin"), NOW)
        pressed = await load_pressed(session, user, State(), Press("hb:2026-12-01:2:5"), facts)
        assert pressed.session_date == TUESDAY
        assert pressed.week == WeekRatings(6, 0, None, None)
        theirs = await load_pressed(session, other, State(), Press("hb:2026-12-01:2:5"), facts)
        assert theirs.week is None  # only ever the client's own
        forged = await load_pressed(session, user, State(), Press("hb:nonsense"), facts)
        assert forged.session_date is None


async def test_reflect_reads_recent_weeks_only_with_a_schedule(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=1)
        assert user is not None
        ctx = StoreContext(session, user, NOW)
        await skip_week(SkipWeek(date(2026, 11, 24), "note"), ctx)
        await rate_week(RateWeek(date(2026, 9, 1), "overall", 5, "note"), ctx)  # long ago
    schedule = SessionSchedule(
        weekdays=(1,), start=datetime(2026, 1, 1, 17).time(), time_zone="Europe/Berlin",
        anchor=date(2026, 11, 3),
    )  # fmt: skip
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=1)
        assert user is not None
        bare = Facts(Client("Europe/Berlin"), NOW)
        assert await load_recent_weeks(session, user, State(), Command("reflect"), bare) == (
            RecentWeeks()
        )
        facts = bare.having(ClientSchedule(schedule))
        weeks = await load_recent_weeks(session, user, State(), Command("reflect"), facts)
    assert list(weeks.weeks) == [date(2026, 11, 24)]
    assert date(2026, 11, 3) in weeks.sessions and date(2026, 11, 30) not in weeks.sessions
    assert not weeks.unsettled(date(2026, 11, 24))  # skipped: answered for that week
    assert weeks.unsettled(TUESDAY)
    assert not weeks.unsettled(date(2026, 11, 30))  # a Monday: no session to ask about
    assert not weeks.unsettled(date(2026, 9, 1))  # too long ago to ask about


async def test_progress_reads_weeks_goal_ratings_in_order_and_recent_check_ins(
    engine: AsyncEngine,
):
    database = Database(engine)
    await _client(database)
    await _client(database, 2)
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=1)
        assert user is not None
        goal = await goals.add_goal(session=session, user_id=1, text="Sleep better")
        gone = await goals.add_goal(session=session, user_id=1, text="Set aside")
        await session.flush()
        ctx = StoreContext(session, user, NOW)
        for day, rating in ((date(2026, 11, 17), 4), (date(2026, 11, 24), 6)):
            await rate_week(RateWeek(day, "overall", rating, "note"), ctx)
        await skip_week(SkipWeek(TUESDAY, "note"), ctx)  # skipped: nothing to show
        for serial, (day, rating) in enumerate(
            ((date(2026, 11, 17), 3), (date(2026, 11, 24), 5), (date(2026, 11, 24), 6)), 1
        ):
            await reflections.start_reflection(
                session=session, user_id=1, serial=serial, session_date=day,
                questions=[f"goal:{goal.id}", f"goal:{gone.id}"], source="reflect",
            )  # fmt: skip
            await reflections.put_answer(
                session=session, user_id=1, serial=serial, question=f"goal:{goal.id}",
                rating=rating, text=None,
            )  # fmt: skip
        await checkins.put_face(session=session, user_id=1, day=date(2026, 11, 30), face=4, at=NOW)
        await checkins.put_face(session=session, user_id=1, day=date(2026, 10, 1), face=1, at=NOW)
        await checkins.put_text(
            session=session, user_id=1, day=date(2026, 11, 29), text="no face", at=NOW
        )
        await checkins.put_face(session=session, user_id=2, day=date(2026, 11, 30), face=2, at=NOW)
        assert goal.id is not None
        await goals.retire_goal(session=session, user_id=1, goal_id=gone.id or 0)
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=1)
        assert user is not None
        facts = Facts(Client("Europe/Berlin"), NOW).having(Goals({goal.id: "Sleep better"}))
        read = await load_progress(session, user, State(), Command("progress"), facts)
    assert [(day, week.overall) for day, week in read.weeks] == [
        (date(2026, 11, 17), 4),
        (date(2026, 11, 24), 6),
    ]
    [sleep] = read.goals
    # The latest of a day's two reflections counts for that day.
    assert sleep.points == ((date(2026, 11, 17), 3), (date(2026, 11, 24), 6))
    assert read.faces == (4,)  # the last four weeks, the client's own, with a face
    assert read.today == TUESDAY


async def test_a_note_brings_the_four_until_they_are_settled(engine: AsyncEngine):
    database = Database(engine)
    await _client(database)
    async with database.transaction() as session:
        prompt = Prompt(
            user_id=1, kind="preparation", session_date=TUESDAY, due_at=NOW, status="sending"
        )
        session.add(prompt)
        await session.flush()
        asked = await for_note(session, prompt)
        assert asked is not None and asked.text == "how.ask"
        user = await clients.get_user(session=session, user_id=1)
        assert user is not None
        await skip_week(SkipWeek(TUESDAY, "note"), StoreContext(session, user, NOW))
        assert await for_note(session, prompt) is None
