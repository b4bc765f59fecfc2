"""Reading what /learned and /find show, inside the turn's transaction: the client's own
words, decrypted as their rows are read, kept in the turn's memory only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.timezones import local_time
from features.kernel.feature import Need
from features.kernel.vocabulary import Command, Event, Facts, Press, State
from features.learned import learned
from features.learned.loaded import (
    ANSWER,
    GOAL,
    MEMO,
    OWN_QUESTION,
    PLAN,
    Learned,
    LearnedItems,
    Piece,
    Writings,
)
from storage import writings
from storage.models import User

# The questions whose answers /learned gathers.
GATHERED = ("helpful", "bring_up")


async def load_learned(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> LearnedItems:
    """What helped and what to bring up: all of it for /learned, up to the newest answer
    and memo the first page counted for a page button."""
    if isinstance(event, Command):
        asked = learned.Wanted()
    elif isinstance(event, Press):
        found = learned.wanted(event.data)
        if found is None:
            return LearnedItems()
        asked = found
    else:
        return LearnedItems()
    answers = await writings.answers_with_words(
        session=session, user_id=user.id, questions=GATHERED, upto=asked.upto_answer
    )
    memos = await writings.memos(session=session, user_id=user.id, upto=asked.upto_memo)
    # Words of danger the client didn't agree to share stay out of a list gathered for
    # them unasked, as they stay out of a note; /summary and /find still show them.
    shown = [a for a in answers if not a.danger or a.danger_shared]
    pieces = [Piece(ANSWER, a.question, a.text, a.session_date) for a in shown]
    pieces += [Piece(MEMO, MEMO, m.text, _day(user, m.at)) for m in memos]
    return LearnedItems(
        Learned(
            pieces=_newest_first(pieces),
            held_back=len(answers) - len(shown),
            upto_answer=_upto(asked.upto_answer, (a.answer_id for a in answers)),
            upto_memo=_upto(asked.upto_memo, (m.ref for m in memos)),
        )
    )


async def load_writings(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> Writings:
    """Everything the client wrote: answers, goals, own questions, memos and safety plan."""
    answers = await writings.answers_with_words(session=session, user_id=user.id)
    goals = await writings.goals(session=session, user_id=user.id)
    own = await writings.own_questions(session=session, user_id=user.id)
    memos = await writings.memos(session=session, user_id=user.id)
    plan = await writings.safety_plan(session=session, user_id=user.id)
    pieces = [Piece(ANSWER, a.question, a.text, a.session_date) for a in answers]
    pieces += [Piece(GOAL, str(g.ref), g.text, _day(user, g.at)) for g in goals]
    pieces += [Piece(OWN_QUESTION, str(q.ref), q.text, _day(user, q.at)) for q in own]
    pieces += [Piece(MEMO, MEMO, m.text, _day(user, m.at)) for m in memos]
    if plan is not None:
        changed = _day(user, plan.updated_at)
        pieces += [
            Piece(PLAN, part, text, changed, dated=False) for part, text in plan.parts.items()
        ]
    return Writings(
        pieces=_newest_first(pieces),
        goals={g.ref: g.text for g in goals},
        own_questions={q.ref: q.text for q in own},
    )


LEARNED = Need(LearnedItems, load_learned)
WRITINGS = Need(Writings, load_writings)


def _newest_first(pieces: list[Piece]) -> tuple[Piece, ...]:
    # Stable: within a day, the order read (a session's answers in the order asked).
    return tuple(sorted(pieces, key=lambda piece: piece.day, reverse=True))


def _upto(asked: int | None, refs: Iterable[int]) -> int:
    return asked if asked is not None else max(refs, default=0)


def _day(user: User, at: datetime) -> date:
    moment = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return local_time(user.time_zone, moment).date() if user.time_zone else moment.date()
