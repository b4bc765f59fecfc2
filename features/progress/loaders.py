"""Reading what how I've been and /progress read (features/progress/loaded.py), in the
turn's transaction; and, for the prompt job, the four to send with a note."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.loaded import Goals
from features.common.loaders import week_of
from features.common.questions import GOAL
from features.common.timezones import local_time
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, Press, Reply, State
from features.progress import asking
from features.progress.loaded import GoalRatings, PressedWeek, ProgressFacts
from storage import checkins, review_rows, wellbeing
from storage.models import Prompt, User

# The check-ins /progress counts: the last four weeks.
CHECKIN_DAYS = 28


async def load_pressed(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> PressedWeek:
    """The four of the session a pressed button names (no date: no such button)."""
    pressed = asking.parse(event.data) if isinstance(event, Press) else None
    if pressed is None:
        return PressedWeek()
    row = await wellbeing.for_session(
        session=session, user_id=user.id, session_date=pressed.session_date
    )
    return PressedWeek(pressed.session_date, week_of(row) if row is not None else None)


async def load_progress(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> ProgressFacts:
    """Every week rated, each active goal's ratings (its words loaded first) and the
    last four weeks' check-ins: three statements."""
    weeks = await wellbeing.history(session=session, user_id=user.id)
    rated = tuple(
        (row.session_date, week_of(row))
        for row in weeks
        if any(rating is not None for rating in week_of(row).given)
    )
    active = facts[Goals].texts
    points: dict[int, dict[date, int]] = {goal: {} for goal in active}
    if active:
        for day, question, rating in await review_rows.goal_ratings(
            session=session, user_id=user.id
        ):
            raw = question.removeprefix(GOAL)
            if raw.isdecimal() and int(raw) in points:
                points[int(raw)][day] = rating  # the latest of a day's reflections
    goals = tuple(
        GoalRatings(text, tuple(sorted(points[goal].items()))) for goal, text in active.items()
    )
    today = local_time(user.time_zone, facts.now).date() if user.time_zone else facts.now.date()
    found = await checkins.between(
        session=session,
        user_id=user.id,
        start=today - timedelta(days=CHECKIN_DAYS - 1),
        end=today,
    )
    faces = tuple(row.face for row in found if row.face is not None)
    return ProgressFacts(rated, goals, faces, today)


async def for_note(session: AsyncSession, prompt: Prompt) -> Reply | None:
    """The four to send after a preparation note, for its session: None when they are
    answered or skipped already."""
    row = await wellbeing.for_session(
        session=session, user_id=prompt.user_id, session_date=prompt.session_date
    )
    return asking.ask(prompt.session_date, week_of(row) if row is not None else None)


PRESSED = Need(PressedWeek, load_pressed)
PROGRESS = Need(ProgressFacts, load_progress)
