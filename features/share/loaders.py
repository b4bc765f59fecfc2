"""Reading what /share offers and puts on the page, inside the turn's transaction."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.questions import GOAL
from features.kernel.feature import Need
from features.kernel.vocabulary import Command, Event, Facts, State
from features.share.choice import COUNTS, MAKE, pressed
from features.share.loaded import (
    NoteEntry,
    NoteOnOffer,
    PageMaterial,
    RatedSession,
    ShareFacts,
    WellbeingRow,
)
from storage import memos, notes, review_rows, wellbeing
from storage.models import Note, User

# The note's open questions: an answer to one of them is filed under it.
_NOTED = ("bring_up", "felt_right", "progress", "helpful", "not_helpful", "obstacles")


async def load_share(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> ShareFacts:
    """What there is to choose from; with Make the page, what goes on it."""
    found = pressed(event)
    if not (isinstance(event, Command) and event.name == "share") and found is None:
        return ShareFacts()
    every_goal = await review_rows.all_goals(session=session, user_id=user.id)
    words = {g.id: g.text for g in every_goal if g.id is not None}
    active = {g.id: g.text for g in every_goal if g.id is not None and g.retired_at is None}
    serial = await notes.last_serial(session=session, user_id=user.id)
    latest = await notes.by_serial(session=session, user_id=user.id, serial=serial)
    entries = await kept_entries(session, latest, words) if latest is not None else ()
    offered = (
        NoteOnOffer(latest.serial, latest.session_date, len(entries))
        if latest is not None and entries
        else None
    )
    rows = [
        row
        for row in await wellbeing.history(session=session, user_id=user.id)
        if any(getattr(row, part) is not None for part in wellbeing.PARTS)
    ]
    count = found[0].count if found is not None and found[1] == MAKE else max(COUNTS)
    rated = await review_rows.rated_sessions(session=session, user_id=user.id, count=count)
    page = None
    if found is not None and found[1] == MAKE:
        page = PageMaterial(
            note_items=entries,
            sessions=tuple(RatedSession(r.serial, r.session_date, ratings) for r, ratings in rated),
            wellbeing=tuple(
                WellbeingRow(row.session_date, row.myself, row.close, row.daily, row.overall)
                for row in rows[-count:]
            ),
        )
    return ShareFacts(offered, len(rated), min(len(rows), max(COUNTS)), active, page)


async def kept_entries(
    session: AsyncSession, note: Note, goals: dict[int, str]
) -> tuple[NoteEntry, ...]:
    """The items the client kept in a note, with their words and ratings read back. Words
    that raised a safety check are left out unless the client said yes to sharing them,
    as the note does."""
    refs = [(str(raw[0]), int(raw[1]), bool(raw[2]), raw) for raw in note.items]
    kept = [(kind, ref, raw) for kind, ref, included, raw in refs if included]
    answers = await notes.answers_by_id(
        session=session,
        user_id=note.user_id,
        ids=[ref for kind, ref, _ in kept if kind not in ("topic", "memo")],
    )
    memo_words = await memos.by_id(
        session=session, user_id=note.user_id, ids=[ref for kind, ref, _ in kept if kind == "memo"]
    )
    topics = await notes.topics_by_id(
        session=session, user_id=note.user_id, ids=[ref for kind, ref, _ in kept if kind == "topic"]
    )
    entries = []
    for kind, ref, raw in kept:
        if kind == "memo":
            memo = memo_words.get(ref)
            if memo is not None:
                entries.append(NoteEntry(kind, "bring_up", "bring_up", words=memo.text))
            continue
        if kind == "topic":
            topic = topics.get(ref)
            if topic is not None:
                goal_id = _goal_id(topic.question)
                entries.append(
                    NoteEntry(
                        kind,
                        "how",
                        topic.question,
                        rating=topic.rating,
                        goal_id=goal_id,
                        goal=goals.get(goal_id) if goal_id is not None else None,
                    )
                )
            continue
        answer = answers.get(ref)
        if answer is None:
            continue
        if kind in ("goal", "drop"):
            previous = raw[3] if len(raw) > 3 and isinstance(raw[3], int) else None
            goal_id = _goal_id(answer.question)
            entries.append(
                NoteEntry(
                    kind,
                    "progress" if kind == "goal" else "how",
                    answer.question,
                    rating=answer.rating,
                    previous=previous,
                    goal_id=goal_id,
                    goal=goals.get(goal_id) if goal_id is not None else None,
                )
            )
            continue
        if not answer.text or (answer.danger and not answer.danger_shared):
            continue  # words of danger reach the page only when the client said yes
        section = (
            "bring_up" if kind == "shared" or answer.question not in _NOTED else answer.question
        )
        entries.append(NoteEntry(kind, section, answer.question, words=answer.text))
    return tuple(entries)


def _goal_id(question: str) -> int | None:
    raw = question.removeprefix(GOAL)
    return int(raw) if question.startswith(GOAL) and raw.isdecimal() else None


SHARE: Need[Any] = Need(ShareFacts, load_share)
