"""Reading what several features' steps read (features/common/loaded.py), in the turn's
transaction."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.loaded import (
    ClientSchedule,
    Goals,
    LastSerial,
    OwnQuestions,
    RecentWeeks,
    WeekRatings,
)
from features.common.session_times import PromptPreferences, SessionSchedule, sessions_between
from features.common.timezones import local_time
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State
from storage import goals, reflections, schedules, wellbeing
from storage.models import Schedule, User, Wellbeing

# How far back a reflection's start asks how the client has been: a month of weekly
# sessions, as far as /reflect offers missed ones.
WEEKS_ASKED_BACK = timedelta(days=35)


async def load_goals(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> Goals:
    found = await goals.active_goals(session=session, user_id=user.id)
    return Goals({goal.id: goal.text for goal in found if goal.id is not None})


async def load_own_questions(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> OwnQuestions:
    found = await goals.active_own_questions(session=session, user_id=user.id)
    return OwnQuestions({q.id: q.text for q in found if q.id is not None})


async def load_schedule(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> ClientSchedule:
    row = await schedules.get_schedule(session=session, user_id=user.id)
    if row is None or user.time_zone is None:
        return ClientSchedule()
    return ClientSchedule(
        schedule_of(row, user.time_zone), preferences_of(row), row.neutral_wording
    )


async def load_last_serial(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> LastSerial:
    return LastSerial(await reflections.last_serial(session=session, user_id=user.id))


async def load_recent_weeks(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> RecentWeeks:
    """How I've been over the sessions of the last weeks, and the days of those sessions:
    one statement, and none for a client without a schedule (their schedule is loaded
    first): the four are asked at the start of /reflect only about a session the bot
    knows of."""
    found = facts.get(ClientSchedule)
    if found is None or found.schedule is None or user.time_zone is None:
        return RecentWeeks()
    since = local_time(user.time_zone, facts.now).date() - WEEKS_ASKED_BACK
    rows = await wellbeing.history(session=session, user_id=user.id, since=since)
    held = sessions_between(
        found.schedule,
        facts.now - WEEKS_ASKED_BACK - timedelta(days=1),
        facts.now + timedelta(days=1),
    )
    days = frozenset(s.local_date for s in held if s.local_date >= since)
    return RecentWeeks(since, {row.session_date: week_of(row) for row in rows}, days)


def week_of(row: Wellbeing) -> WeekRatings:
    """The flows' view of a stored row of how I've been."""
    return WeekRatings(row.myself, row.close, row.daily, row.overall, row.skipped)


def schedule_of(row: Schedule, time_zone: str) -> SessionSchedule:
    """The pure schedule from its stored row."""
    return SessionSchedule(
        weekdays=tuple(row.weekdays),
        start=time.fromisoformat(row.start_time),
        time_zone=time_zone,
        anchor=row.anchor,
        duration=timedelta(minutes=row.duration_minutes),
        every_weeks=row.every_weeks,
        skipped=frozenset(date.fromisoformat(day) for day in row.skipped),
        extra=tuple(datetime.fromisoformat(moment) for moment in row.extra),
        paused=row.paused,
    )


def preferences_of(row: Schedule) -> PromptPreferences:
    """When the client wants to hear from the bot, from their stored row."""
    return PromptPreferences(
        reflection_delay=timedelta(minutes=row.reflection_delay_minutes),
        quiet_start=time.fromisoformat(row.quiet_start),
        quiet_end=time.fromisoformat(row.quiet_end),
        checkin_days=tuple(sorted(set(row.checkin_days))),
        checkin_time=time.fromisoformat(row.checkin_time) if row.checkin_time else None,
    )


GOALS = Need(Goals, load_goals)
OWN_QUESTIONS = Need(OwnQuestions, load_own_questions)
SCHEDULE = Need(ClientSchedule, load_schedule)
LAST_SERIAL = Need(LastSerial, load_last_serial)
RECENT_WEEKS = Need(RecentWeeks, load_recent_weeks)
