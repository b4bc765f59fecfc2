"""Reading what the reflection's steps read (features/reflection/loaded.py), in the turn's
transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.loaded import ClientSchedule, Goals, OwnQuestions
from features.common.questions import is_rating
from features.common.timezones import local_time
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, NonText, Press, State, Step, Text
from features.reflection.flow import PRESS, REST, walked
from features.reflection.loaded import (
    AnswerView,
    OpenReflection,
    RecentRatings,
    ReflectedDates,
    ReflectionView,
    Walking,
)
from features.reflection.which import LOOKBACK
from storage import reflections
from storage.models import User

Part = TypeVar("Part")


async def load_walking(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> Walking:
    """The open reflection and its answers, at the question the client's state holds, and
    the client's active goals and own questions: one statement."""
    read = await reflections.open_with_answers(session=session, user_id=user.id)
    goals, own = Goals(read.goals), OwnQuestions(read.own_questions)
    row = read.reflection
    if row is None:
        return Walking(OpenReflection(), goals, own)
    view = ReflectionView(
        serial=row.serial,
        questions=tuple(row.questions),
        position=min(row.position, max(len(row.questions) - 1, 0)),
        session_date=row.session_date,
        answers={
            a.question: AnswerView(a.rating, a.text, a.skipped, a.danger) for a in read.answers
        },
    )
    return Walking(OpenReflection(walked(state, view)), goals, own)


def _part_of_walking(part: Callable[[Walking], Part]) -> Callable[..., Any]:
    """A loader of one part of `Walking`, taken from it when it was loaded already (as
    `READ` declares it, first), read on its own otherwise."""

    async def load(
        session: AsyncSession, user: User, state: State, event: Event, facts: Facts
    ) -> Part:
        walking = facts.get(Walking)
        if walking is None:
            walking = await load_walking(session, user, state, event, facts)
        return part(walking)

    return load


async def load_recent(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> RecentRatings:
    """Read only when the event may finish the client's reflection (its end compares
    ratings with them), or when they are not walking one."""
    walking = facts.get(OpenReflection)
    view = walking.view if walking is not None else None
    if state.step is Step.REFLECTING and view is not None and not _may_finish(view, event):
        return RecentRatings()
    up_to = view.session_date if view is not None else None
    found = await reflections.recent_ratings(session=session, user_id=user.id, up_to=up_to)
    return RecentRatings(found)


def _may_finish(view: ReflectionView, event: Event) -> bool:
    """Whether the event may finish the reflection: "Skip the rest" on any question, or
    an answer to the last one; not words written to a written last question (they are
    kept, and Done finishes) nor anything but text or a press."""
    if isinstance(event, Press) and _skips_the_rest(event):
        return True
    if view.position != len(view.questions) - 1:
        return False
    if isinstance(event, NonText):
        return False
    return not (isinstance(event, Text) and not is_rating(view.questions[view.position]))


async def load_reflected(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> ReflectedDates:
    """The session dates of the client's reflections over the weeks /reflect may offer:
    one statement, and none for a client without a schedule (their schedule is loaded
    first: see features/reflection/feature.py `CHOOSING`)."""
    found = facts.get(ClientSchedule)
    if found is None or found.schedule is None or user.time_zone is None:
        return ReflectedDates()
    today = local_time(user.time_zone, facts.now).date()
    since = today - LOOKBACK - timedelta(days=1)
    return ReflectedDates(
        frozenset(
            await reflections.session_dates_since(session=session, user_id=user.id, since=since)
        )
    )


def _skips_the_rest(press: Press) -> bool:
    return press.data.startswith(PRESS) and press.data.endswith(f":{REST}")


WALKING = Need(Walking, load_walking)
OPEN = Need(OpenReflection, _part_of_walking(lambda walking: walking.open))
GOALS = Need(Goals, _part_of_walking(lambda walking: walking.goals))
OWN_QUESTIONS = Need(OwnQuestions, _part_of_walking(lambda walking: walking.own_questions))
# The open reflection, its answers, the client's goals and own questions: one statement
# for the four (features.common.loaders reads goals and own questions apart, two).
READ: tuple[Need[Any], ...] = (WALKING, OPEN, GOALS, OWN_QUESTIONS)
RECENT = Need(RecentRatings, load_recent)
REFLECTED = Need(ReflectedDates, load_reflected)
