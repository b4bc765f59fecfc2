"""Notes for the next session: which answers and topics each holds, and which the client
left out. Functions take the session as a keyword argument and never commit."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Answer, Note, Prompt, Topic

# An item as kept: [kind, id, included, rating before (drops and goals)].
Item = list[Any]
# How many of the newest notes say what was left out: a note looks back three months at
# most, a few notes a month.
RECENT_NOTES = 40


async def last_serial(*, session: AsyncSession, user_id: int) -> int:
    """The serial of the client's newest note (0 before the first)."""
    statement = select(func.max(Note.serial)).where(col(Note.user_id) == user_id)
    return (await session.exec(statement)).one() or 0


async def create(
    *,
    session: AsyncSession,
    user_id: int,
    serial: int,
    items: list[tuple[str, int, int | None, bool]],
    session_date: date | None,
    prompt_id: int | None = None,
) -> Note:
    """Keep a new note holding these items: (kind, id, rating before, included)."""
    note = Note(
        user_id=user_id,
        serial=serial,
        prompt_id=prompt_id,
        session_date=session_date,
        items=[[kind, ref, included, previous] for kind, ref, previous, included in items],
    )
    session.add(note)
    await session.flush()
    return note


async def left_out(*, session: AsyncSession, user_id: int) -> set[tuple[str, int]]:
    """The items (kind, id) the client left out of the last note that held them: a new
    note leaves them out too, until the client puts them back."""
    statement = (
        select(Note.items)
        .where(col(Note.user_id) == user_id)
        .order_by(col(Note.serial).desc())
        .limit(RECENT_NOTES)
    )
    seen: set[tuple[str, int]] = set()
    out: set[tuple[str, int]] = set()
    for items in (await session.exec(statement)).all():
        for item in items:
            key = (str(item[0]), int(item[1]))
            if key not in seen:
                seen.add(key)
                if not item[2]:
                    out.add(key)
    return out


async def by_serial(*, session: AsyncSession, user_id: int, serial: int) -> Note | None:
    """One of the client's notes."""
    statement = select(Note).where(col(Note.user_id) == user_id, col(Note.serial) == serial)
    return (await session.exec(statement)).first()


async def for_prompt(*, session: AsyncSession, prompt_id: int) -> Note | None:
    """The note a scheduled preparation prompt carries, if it was made already."""
    statement = select(Note).where(col(Note.prompt_id) == prompt_id)
    return (await session.exec(statement)).first()


async def toggle(*, session: AsyncSession, user_id: int, serial: int, index: int) -> None:
    """Leave an item out, or put it back (a note that is final doesn't change)."""
    note = await by_serial(session=session, user_id=user_id, serial=serial)
    if note is None or note.final_at is not None or not 0 <= index < len(note.items):
        return
    items = [list(item) for item in note.items]
    items[index][2] = not items[index][2]
    note.items = items  # a new list, so the JSON column is seen as changed
    session.add(note)


async def finish(*, session: AsyncSession, user_id: int, serial: int, at: datetime) -> None:
    """The client is happy with the note."""
    note = await by_serial(session=session, user_id=user_id, serial=serial)
    if note is not None and note.final_at is None:
        note.final_at = at
        session.add(note)


async def answers_by_id(
    *, session: AsyncSession, user_id: int, ids: list[int]
) -> dict[int, Answer]:
    """The client's answers with these ids."""
    if not ids:
        return {}
    statement = select(Answer).where(col(Answer.user_id) == user_id, col(Answer.id).in_(ids))
    return {a.id: a for a in (await session.exec(statement)).all() if a.id is not None}


async def topics_by_id(*, session: AsyncSession, user_id: int, ids: list[int]) -> dict[int, Topic]:
    """The client's topics with these ids."""
    if not ids:
        return {}
    statement = select(Topic).where(col(Topic.user_id) == user_id, col(Topic.id).in_(ids))
    return {t.id: t for t in (await session.exec(statement)).all() if t.id is not None}


async def previous_note_sent(
    *, session: AsyncSession, user_id: int, before: date
) -> datetime | None:
    """When the note for the last session before `before` was sent."""
    statement = (
        select(Prompt.sent_at)
        .where(
            col(Prompt.user_id) == user_id,
            col(Prompt.kind) == "preparation",
            col(Prompt.session_date) < before,
            col(Prompt.sent_at).is_not(None),
        )
        .order_by(col(Prompt.sent_at).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def topics_to_raise(*, session: AsyncSession, user_id: int, since: datetime) -> list[Topic]:
    """Topics still to raise, and those raised by a note sent since `since` (the note for
    the coming session, which /note shows again)."""
    statement = (
        select(Topic)
        .where(
            col(Topic.user_id) == user_id,
            col(Topic.declined_at).is_(None),
            or_(col(Topic.raised_at).is_(None), col(Topic.raised_at) > since),
        )
        .order_by(col(Topic.id))
    )
    return list((await session.exec(statement)).all())


async def declined_since(
    *, session: AsyncSession, user_id: int, since: datetime
) -> set[tuple[int | None, str]]:
    """(reflection id, question) of the ratings the client said "Not now" to raising,
    declined since `since`."""
    statement = select(Topic.reflection_id, Topic.question).where(
        col(Topic.user_id) == user_id,
        col(Topic.declined_at).is_not(None),
        col(Topic.declined_at) > since,
    )
    rows = (await session.exec(statement)).all()
    return {(reflection, question) for reflection, question in rows}
