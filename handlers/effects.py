"""Storing what a flow decided, inside the turn's transaction."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.session_times import (
    NOT_REGULAR,
    first_session_date,
    next_session,
    out_of_quiet_hours,
    without_session,
)
from features.fit.effects import FinishFit, SaveFitChoice, StartFit
from features.goals.effects import (
    AddGoal,
    AddOwnQuestion,
    EditGoal,
    RemoveOwnQuestion,
    RetireGoal,
    SetQuestionEnabled,
)
from features.kernel.profile import SaveTimeZone
from features.kernel.vocabulary import Change
from features.privacy.effects import EraseClient
from features.reflection.effects import (
    AddText,
    AddTopics,
    ClearAnswer,
    FinishReflection,
    MoveTo,
    SaveRating,
    ShareDanger,
    SkipQuestion,
    StartReflection,
)
from features.review.effects import CreateNote, FinishNote, ToggleNoteItem
from features.safety.effects import SaveCountry, SaveSafetyPlan
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
from features.schedule.planning import preferences_of, schedule_of
from features.schedule.plans import plan_prompts
from storage import clients, fits, goals, notes, reflections, safety, schedules
from storage.models import Reflection, Schedule, User

logger = logging.getLogger(__name__)

ScheduleChange = (
    SkipNextSession
    | SetPaused
    | SetNeutralWording
    | SetReflectionDelay
    | SetQuietHours
    | AddExtraSession
)


class EffectStore:
    """Applies one turn's storage effects for one client, in order."""

    def __init__(self, session: AsyncSession, user: User, now: datetime) -> None:
        self._session = session
        self._user = user
        self._now = now
        self._reflections: dict[int, Reflection] = {}

    async def apply(self, effect: Change) -> None:
        """Store one effect."""
        session, user_id = self._session, self._user.id
        match effect:
            case SaveTimeZone(time_zone=zone):
                await clients.set_time_zone(session=session, user_id=user_id, time_zone=zone)
                self._user.time_zone = zone
                row = await schedules.get_schedule(session=session, user_id=user_id)
                if row is not None:  # the same wall-clock times, in the new zone
                    await plan_prompts(session, row, zone, self._now, afresh=True)
            case SaveCountry(country=country):
                await clients.set_country(session=session, user_id=user_id, country=country)
                self._user.country = country
            case EraseClient():
                # Every table about a client references users.id ON DELETE CASCADE.
                await session.exec(delete(User).where(col(User.id) == user_id))
            case (
                SaveSchedule()
                | SkipNextSession()
                | SetPaused()
                | SetNeutralWording()
                | SetReflectionDelay()
                | SetQuietHours()
                | AddExtraSession()
            ):
                await self._schedule(effect)
            case ClosePrompts(session_date=day, status=status):
                await schedules.close_session_prompts(
                    session=session, user_id=user_id, session_date=day, status=status
                )
            case SnoozePrompt(prompt_id=prompt_id, hours=hours):
                due = self._now + timedelta(hours=hours)
                row = await schedules.get_schedule(session=session, user_id=user_id)
                if row is not None and self._user.time_zone is not None:
                    due = out_of_quiet_hours(due, self._user.time_zone, preferences_of(row))
                await schedules.snooze(
                    session=session, user_id=user_id, prompt_id=prompt_id, due_at=due
                )
            case StartReflection():
                self._reflections[effect.serial] = await reflections.start_reflection(
                    session=session,
                    user_id=user_id,
                    serial=effect.serial,
                    questions=list(effect.questions),
                    session_date=effect.session_date,
                    source=effect.source,
                )
            case SaveRating() | AddText() | ClearAnswer() | SkipQuestion() | MoveTo():
                await self._answer(effect)
            case ShareDanger(serial=serial):
                reflection = await self._reflection(serial)
                await reflections.share_danger(session=session, reflection=reflection)
            case SaveSafetyPlan(section=section, text=text):
                await safety.save_section(
                    session=session, user_id=user_id, section=section, text=text
                )
            case FinishReflection(serial=serial, complete=complete):
                reflection = await self._reflection(serial)
                await reflections.finish(session=session, reflection=reflection, complete=complete)
            case AddTopics(serial=serial, ratings=ratings):
                reflection = await self._reflection(serial)
                await reflections.add_topics(
                    session=session, user_id=user_id, reflection=reflection, ratings=list(ratings)
                )
            case AddGoal(text=text):
                await goals.add_goal(session=session, user_id=user_id, text=text)
            case EditGoal(goal_id=goal_id, text=text):
                await goals.edit_goal(session=session, user_id=user_id, goal_id=goal_id, text=text)
            case RetireGoal(goal_id=goal_id):
                await goals.retire_goal(session=session, user_id=user_id, goal_id=goal_id)
            case SetQuestionEnabled(question=question, enabled=enabled):
                await goals.set_question_enabled(
                    session=session, user=self._user, question=question, enabled=enabled
                )
            case AddOwnQuestion(text=text):
                await goals.add_own_question(session=session, user_id=user_id, text=text)
            case CreateNote(serial=serial, items=items, session_date=day):
                await notes.create(
                    session=session,
                    user_id=user_id,
                    serial=serial,
                    items=list(items),
                    session_date=day,
                )
            case ToggleNoteItem(serial=serial, index=index):
                await notes.toggle(session=session, user_id=user_id, serial=serial, index=index)
            case FinishNote(serial=serial):
                await notes.finish(session=session, user_id=user_id, serial=serial, at=self._now)
            case RemoveOwnQuestion(question_id=question_id):
                await goals.remove_own_question(
                    session=session, user_id=user_id, question_id=question_id
                )
            case StartFit(serial=serial, seeing_therapist=seeing):
                await fits.start(
                    session=session,
                    user_id=user_id,
                    serial=serial,
                    seeing_therapist=seeing,
                    at=self._now,
                )
            case SaveFitChoice(serial=serial, item=item, choice=choice):
                await fits.save_choice(
                    session=session, user_id=user_id, serial=serial, item=item, choice=choice
                )
            case FinishFit(serial=serial):
                await fits.finish(session=session, user_id=user_id, serial=serial, at=self._now)

    async def _schedule(self, effect: SaveSchedule | ScheduleChange) -> None:
        session, user = self._session, self._user
        zone = user.time_zone
        row = await schedules.get_schedule(session=session, user_id=user.id)
        if isinstance(effect, SaveSchedule):
            start = time.fromisoformat(effect.start)
            regular = effect.every_weeks != NOT_REGULAR and effect.weekdays and zone is not None
            anchor = (
                first_session_date(effect.weekdays, start, zone, self._now)
                if regular and zone is not None
                else self._now.date()
            )
            row = row or Schedule(user_id=user.id, start_time=effect.start, anchor=anchor)
            row.weekdays = list(effect.weekdays)
            row.start_time = effect.start
            row.duration_minutes = effect.duration_minutes
            row.every_weeks = effect.every_weeks
            row.anchor = anchor
            row.skipped, row.extra = [], []
        elif row is None:
            return
        elif isinstance(effect, SkipNextSession) and zone is not None:
            current = schedule_of(row, zone)
            upcoming = next_session(current, self._now)
            if upcoming is not None:
                changed = without_session(current, upcoming)
                row.skipped = sorted(day.isoformat() for day in changed.skipped)
                row.extra = [moment.isoformat() for moment in changed.extra]
        elif isinstance(effect, SetPaused):
            row.paused = effect.paused
        elif isinstance(effect, SetNeutralWording):
            row.neutral_wording = effect.on
        elif isinstance(effect, SetReflectionDelay):
            row.reflection_delay_minutes = effect.minutes
        elif isinstance(effect, SetQuietHours):
            # Equal start and end means no quiet hours.
            quiet_from, quiet_to = effect.start, effect.end
            row.quiet_start, row.quiet_end = (
                (f"{quiet_from:%H:%M}", f"{quiet_to:%H:%M}")
                if quiet_from is not None and quiet_to is not None
                else ("00:00", "00:00")
            )
        elif isinstance(effect, AddExtraSession):
            row.extra = sorted({*row.extra, effect.at.isoformat()})
        await schedules.save_schedule(session=session, schedule=row)
        await plan_prompts(session, row, zone, self._now, afresh=True)

    async def _answer(
        self, effect: SaveRating | AddText | ClearAnswer | SkipQuestion | MoveTo
    ) -> None:
        session = self._session
        reflection = await self._reflection(effect.serial)
        match effect:
            case SaveRating(question=question, rating=rating):
                await reflections.save_rating(
                    session=session, reflection=reflection, question=question, rating=rating
                )
            case AddText(question=question, text=text, danger=danger):
                await reflections.add_text(
                    session=session,
                    reflection=reflection,
                    question=question,
                    text=text,
                    danger=danger,
                )
            case ClearAnswer(question=question):
                await reflections.clear_answer(
                    session=session, reflection=reflection, question=question
                )
            case SkipQuestion(question=question):
                await reflections.skip(session=session, reflection=reflection, question=question)
            case MoveTo(position=position):
                await reflections.move_to(session=session, reflection=reflection, position=position)

    async def _reflection(self, serial: int) -> Reflection:
        if serial not in self._reflections:
            found = await reflections.by_serial(
                session=self._session, user_id=self._user.id, serial=serial
            )
            if found is None:
                # The flow only names reflections it was shown; this is a bug, not bad input.
                raise LookupError(f"reflection {serial} of this client does not exist")
            self._reflections[serial] = found
        return self._reflections[serial]
