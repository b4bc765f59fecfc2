"""What the pure flows may know, read from the database inside the turn's transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from features.kernel.vocabulary import (
    AnswerView,
    Client,
    Facts,
    FitView,
    PromptView,
    ReflectionView,
)
from features.review import loaders
from features.review.flow import Wanted
from features.schedule.planning import preferences_of, schedule_of
from storage import fits, reflections, safety, schedules
from storage import goals as preferences
from storage.models import Reflection, User


def client_of(user: User) -> Client:
    """The flows' view of a client's profile."""
    return Client(
        time_zone=user.time_zone,
        language=user.language,
        disabled_questions=frozenset(user.disabled_questions),
        country=user.country,
    )


async def load_facts(
    session: AsyncSession,
    user: User,
    now: datetime,
    *,
    full: bool,
    prompt_id: int | None = None,
    fit: bool = False,
    wanted: Wanted | None = None,
    safety_plan: bool = False,
) -> Facts:
    """The profile alone, or (`full`) the open reflection, goals, own questions, recent
    ratings and schedule as well, the prompt a pressed button names, and (`fit`) the
    client's open and last finished /fit checks; (`safety_plan`) their safety plan."""
    client = client_of(user)
    plan = await safety.get_plan(session=session, user_id=user.id) if safety_plan else None
    if not full:
        return Facts(client, now, safety_plan=plan)
    goals = await preferences.active_goals(session=session, user_id=user.id)
    own = await preferences.active_own_questions(session=session, user_id=user.id)
    reflection = await reflections.open_reflection(session=session, user_id=user.id)
    facts = Facts(
        client,
        now,
        reflection=await _view(session, reflection) if reflection is not None else None,
        last_serial=await reflections.last_serial(session=session, user_id=user.id),
        goals={goal.id: goal.text for goal in goals if goal.id is not None},
        own_questions={q.id: q.text for q in own if q.id is not None},
        recent_ratings=await reflections.recent_ratings(session=session, user_id=user.id),
        safety_plan=plan,
    )
    row = await schedules.get_schedule(session=session, user_id=user.id)
    if row is not None and user.time_zone is not None:
        facts = replace(
            facts,
            schedule=schedule_of(row, user.time_zone),
            prompt_prefs=preferences_of(row),
            neutral_wording=row.neutral_wording,
        )
    if prompt_id is not None:
        found = await schedules.of_client(session=session, user_id=user.id, prompt_id=prompt_id)
        if found is not None and found.id is not None:
            sent_at = found.sent_at or found.due_at
            view = PromptView(found.id, found.kind, found.session_date, found.status, sent_at)
            facts = replace(facts, prompt=view)
    if fit:
        facts = replace(
            facts,
            fit=_fit_view(await fits.open_check(session=session, user_id=user.id)),
            last_fit=_fit_view(await fits.latest_finished(session=session, user_id=user.id)),
        )
    if wanted is not None:
        facts = await loaders.load(session, user, facts, wanted)
    return facts


def _fit_view(found: fits.FitRecord | None) -> FitView | None:
    """A /fit check as the flow sees it."""
    if found is None:
        return None
    return FitView(
        found.serial, found.seeing_therapist, found.answers, found.started_at, found.finished_at
    )


async def _view(session: AsyncSession, reflection: Reflection) -> ReflectionView:
    assert reflection.id is not None
    answers = await reflections.answers_to(session=session, reflection_id=reflection.id)
    return ReflectionView(
        serial=reflection.serial,
        questions=tuple(reflection.questions),
        position=min(reflection.position, max(len(reflection.questions) - 1, 0)),
        session_date=reflection.session_date,
        answers={a.question: AnswerView(a.rating, a.text, a.skipped, a.danger) for a in answers},
    )
