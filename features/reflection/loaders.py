"""Reading what the reflection's steps read (features/reflection/loaded.py), in the turn's
transaction."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State, Step
from features.reflection.flow import walked
from features.reflection.loaded import AnswerView, OpenReflection, RecentRatings, ReflectionView
from storage import reflections
from storage.models import User


async def load_open(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> OpenReflection:
    """The open reflection and its answers, at the question the client's state holds."""
    row = await reflections.open_reflection(session=session, user_id=user.id)
    if row is None:
        return OpenReflection()
    assert row.id is not None
    answers = await reflections.answers_to(session=session, reflection_id=row.id)
    view = ReflectionView(
        serial=row.serial,
        questions=tuple(row.questions),
        position=min(row.position, max(len(row.questions) - 1, 0)),
        session_date=row.session_date,
        answers={a.question: AnswerView(a.rating, a.text, a.skipped, a.danger) for a in answers},
    )
    return OpenReflection(walked(state, view))


async def load_recent(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> RecentRatings:
    """Read only when the client is on the last question of their reflection (its end
    compares ratings with them), or not walking one."""
    walking = facts.get(OpenReflection)
    view = walking.view if walking is not None else None
    if state.step is Step.REFLECTING and view is not None and not _last(view):
        return RecentRatings()
    return RecentRatings(await reflections.recent_ratings(session=session, user_id=user.id))


def _last(view: ReflectionView) -> bool:
    return view.position == len(view.questions) - 1


OPEN = Need(OpenReflection, load_open)
RECENT = Need(RecentRatings, load_recent)
