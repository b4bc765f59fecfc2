"""Storing what a flow decided, inside the turn's transaction."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.flow.core import (
    AddGoal,
    AddOwnQuestion,
    AddText,
    AddTopics,
    ClearAnswer,
    EditGoal,
    FinishReflection,
    MoveTo,
    RemoveOwnQuestion,
    RetireGoal,
    SaveRating,
    SaveTimeZone,
    SetQuestionEnabled,
    SkipQuestion,
    StartReflection,
    Storage,
)
from storage import preferences, reflections, repo
from storage.models import Reflection, User

logger = logging.getLogger(__name__)


class EffectStore:
    """Applies one turn's storage effects for one client, in order."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self._session = session
        self._user = user
        self._reflections: dict[int, Reflection] = {}

    async def apply(self, effect: Storage) -> None:
        """Store one effect."""
        session, user_id = self._session, self._user.id
        match effect:
            case SaveTimeZone(time_zone=zone):
                await repo.set_time_zone(session=session, user_id=user_id, time_zone=zone)
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
            case FinishReflection(serial=serial, complete=complete):
                reflection = await self._reflection(serial)
                await reflections.finish(session=session, reflection=reflection, complete=complete)
            case AddTopics(serial=serial, ratings=ratings):
                reflection = await self._reflection(serial)
                await reflections.add_topics(
                    session=session, user_id=user_id, reflection=reflection, ratings=list(ratings)
                )
            case AddGoal(text=text):
                await preferences.add_goal(session=session, user_id=user_id, text=text)
            case EditGoal(goal_id=goal_id, text=text):
                await preferences.edit_goal(
                    session=session, user_id=user_id, goal_id=goal_id, text=text
                )
            case RetireGoal(goal_id=goal_id):
                await preferences.retire_goal(session=session, user_id=user_id, goal_id=goal_id)
            case SetQuestionEnabled(question=question, enabled=enabled):
                await preferences.set_question_enabled(
                    session=session, user=self._user, question=question, enabled=enabled
                )
            case AddOwnQuestion(text=text):
                await preferences.add_own_question(session=session, user_id=user_id, text=text)
            case RemoveOwnQuestion(question_id=question_id):
                await preferences.remove_own_question(
                    session=session, user_id=user_id, question_id=question_id
                )

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
            case AddText(question=question, text=text):
                await reflections.add_text(
                    session=session, reflection=reflection, question=question, text=text
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
