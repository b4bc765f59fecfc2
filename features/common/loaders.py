"""Reading what several features' steps read (features/common/loaded.py), in the turn's
transaction."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.loaded import ClientSchedule, Goals, LastSerial, OwnQuestions
from features.common.session_times import PromptPreferences, SessionSchedule
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State
from storage import goals, reflections, schedules
from storage.models import Schedule, User


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
