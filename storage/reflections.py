"""Reflections and their answers. Like every repository module: functions take the session
as a keyword argument and never commit; the turn that calls them commits once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Integer,
    String,
    Table,
    and_,
    cast,
    func,
    literal,
    literal_column,
    null,
    union_all,
    update,
)
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.crypto import EncryptedText
from storage.models import Answer, Goal, OwnQuestion, Reflection, Topic
from storage.types import utc_now

# How many finished reflections a client's "recent average" rating looks back over.
RECENT_REFLECTIONS = 4


@dataclass(frozen=True, slots=True)
class OpenRow:
    """The open reflection as read with its answers (`open_with_answers`)."""

    id: int
    serial: int
    questions: list[str]
    position: int
    session_date: date


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer to the open reflection, its text decrypted."""

    question: str
    rating: int | None
    text: str | None
    skipped: bool
    danger: bool


@dataclass(frozen=True, slots=True)
class OpenReading:
    """What walking a reflection reads, in one statement: the open reflection (None: none)
    and its answers, and the client's active goals and own questions (id -> their words,
    oldest first)."""

    reflection: OpenRow | None = None
    answers: tuple[AnswerRow, ...] = ()
    goals: dict[int, str] = field(default_factory=dict)
    own_questions: dict[int, str] = field(default_factory=dict)


# The parts of `open_with_answers`, in the order they come back.
_REFLECTION, _ANSWER, _GOAL, _OWN = range(4)


async def open_with_answers(*, session: AsyncSession, user_id: int) -> OpenReading:
    """The client's open reflection (their latest one not finished) and its answers, and
    their active goals and own questions (as storage.goals lists them), in ONE statement:
    a UNION ALL of four parts, each row tagged with its part. Every part has the same
    columns, NULL (cast to the column's type) where it has nothing; the texts go through
    their column's type, so they come back decrypted."""
    open_id = (
        select(col(Reflection.id))
        .where(col(Reflection.user_id) == user_id, col(Reflection.finished_at).is_(None))
        .order_by(col(Reflection.serial).desc())
        .limit(1)
        .scalar_subquery()
    )

    def part(kind: int, row_id: Any, **given: Any) -> Any:
        columns: dict[str, ColumnElement[Any]] = {
            "serial": cast(null(), Integer),
            "position": cast(null(), Integer),
            "questions": cast(null(), JSON),
            "session_date": cast(null(), Date),
            "question": cast(null(), String),
            "rating": cast(null(), Integer),
            "text": cast(null(), EncryptedText),
            "skipped": cast(null(), Boolean),
            "danger": cast(null(), Boolean),
            **given,
        }
        labelled = [column.label(name) for name, column in columns.items()]
        return select(
            literal_column(str(kind), Integer).label("kind"), row_id.label("id"), *labelled
        )

    reflection = part(
        _REFLECTION,
        col(Reflection.id),
        serial=col(Reflection.serial),
        position=col(Reflection.position),
        questions=col(Reflection.questions),
        session_date=col(Reflection.session_date),
    ).where(col(Reflection.id) == open_id)
    answers = part(
        _ANSWER,
        col(Answer.id),
        question=col(Answer.question),
        rating=col(Answer.rating),
        text=col(Answer.text),
        skipped=col(Answer.skipped),
        danger=col(Answer.danger),
    ).where(col(Answer.reflection_id) == open_id)
    goals = part(_GOAL, col(Goal.id), text=col(Goal.text)).where(
        col(Goal.user_id) == user_id, col(Goal.retired_at).is_(None)
    )
    own = part(_OWN, col(OwnQuestion.id), text=col(OwnQuestion.text)).where(
        col(OwnQuestion.user_id) == user_id, col(OwnQuestion.retired_at).is_(None)
    )
    everything = union_all(reflection, answers, goals, own).subquery("reading")
    statement = sa_select(everything).order_by(everything.c.kind, everything.c.id)
    found: OpenRow | None = None
    answered: list[AnswerRow] = []
    goal_texts: dict[int, str] = {}
    own_texts: dict[int, str] = {}
    # sqlmodel's `exec` is typed for its own selects only; a core select of a union is run alike.
    for row in (await session.exec(statement)).all():  # type: ignore[call-overload]
        if row.kind == _REFLECTION:
            found = OpenRow(row.id, row.serial, list(row.questions), row.position, row.session_date)
        elif row.kind == _ANSWER:
            answered.append(
                AnswerRow(row.question, row.rating, row.text, bool(row.skipped), bool(row.danger))
            )
        elif row.kind == _GOAL:
            goal_texts[row.id] = row.text
        else:
            own_texts[row.id] = row.text
    return OpenReading(found, tuple(answered), goal_texts, own_texts)


async def last_serial(*, session: AsyncSession, user_id: int) -> int:
    """The serial of the client's newest reflection (0 before the first)."""
    statement = select(func.max(Reflection.serial)).where(col(Reflection.user_id) == user_id)
    return (await session.exec(statement)).one() or 0


async def session_dates_since(*, session: AsyncSession, user_id: int, since: date) -> set[date]:
    """The session dates of the client's reflections on sessions from `since` on."""
    statement = (
        select(col(Reflection.session_date))
        .where(col(Reflection.user_id) == user_id, col(Reflection.session_date) >= since)
        .distinct()
    )
    return set((await session.exec(statement)).all())


async def by_serial(*, session: AsyncSession, user_id: int, serial: int) -> Reflection | None:
    """One of the client's reflections by its serial."""
    statement = select(Reflection).where(
        col(Reflection.user_id) == user_id, col(Reflection.serial) == serial
    )
    return (await session.exec(statement)).first()


async def answers_to(*, session: AsyncSession, reflection_id: int) -> list[Answer]:
    """Every answer given in a reflection."""
    statement = select(Answer).where(col(Answer.reflection_id) == reflection_id)
    return list((await session.exec(statement)).all())


async def recent_ratings(
    *, session: AsyncSession, user_id: int, up_to: date | None = None
) -> dict[str, list[int]]:
    """The client's ratings per question over their last few finished reflections, the
    most recent session first (of sessions up to `up_to`, if given: a catch-up on an older
    session is compared with the sessions before it): what today's are compared with."""
    finished = [col(Reflection.user_id) == user_id, col(Reflection.complete).is_(True)]
    if up_to is not None:
        finished.append(col(Reflection.session_date) <= up_to)
    recent = (
        select(Reflection.id)
        .where(*finished)
        .order_by(col(Reflection.session_date).desc(), col(Reflection.serial).desc())
        .limit(RECENT_REFLECTIONS)
    )
    statement = (
        select(Answer.question, Answer.rating)
        .join(Reflection, col(Reflection.id) == col(Answer.reflection_id))
        .where(
            col(Answer.reflection_id).in_(recent.scalar_subquery()),
            col(Answer.rating).is_not(None),
        )
        .order_by(col(Reflection.session_date).desc(), col(Reflection.serial).desc())
    )
    ratings: dict[str, list[int]] = defaultdict(list)
    for question, rating in (await session.exec(statement)).all():
        if rating is not None:
            ratings[question].append(rating)
    return dict(ratings)


async def start_reflection(
    *,
    session: AsyncSession,
    user_id: int,
    serial: int,
    questions: list[str],
    session_date: date,
    source: str,
) -> Reflection:
    """A new reflection on its first question."""
    reflection = Reflection(
        user_id=user_id,
        serial=serial,
        questions=questions,
        session_date=session_date,
        source=source,
    )
    session.add(reflection)
    await session.flush()
    return reflection


async def move_to(*, session: AsyncSession, user_id: int, serial: int, position: int) -> None:
    """Remember which question of their open reflection the client is on (while they walk
    it, their conversation state holds the place; this keeps it when they leave)."""
    await session.exec(
        update(Reflection)
        .where(
            col(Reflection.user_id) == user_id,
            col(Reflection.serial) == serial,
            col(Reflection.finished_at).is_(None),
        )
        .values(position=position, updated_at=utc_now())
    )


async def finish(
    *, session: AsyncSession, reflection: Reflection, complete: bool, position: int | None = None
) -> None:
    """Close a reflection: complete when the client reached its end (`position`, the
    question they ended on, if it moved since it was last kept)."""
    reflection.finished_at = utc_now()
    reflection.complete = complete
    if position is not None:
        reflection.position = position
    session.add(reflection)


async def finish_serial(
    *, session: AsyncSession, user_id: int, serial: int, complete: bool, position: int | None
) -> None:
    """`finish` for the client's `serial`-th reflection, in one statement, without reading
    it first."""
    values: dict[str, object] = {"finished_at": utc_now(), "complete": complete}
    if position is not None:
        values["position"] = position
    result = await session.exec(
        update(Reflection)
        .where(col(Reflection.user_id) == user_id, col(Reflection.serial) == serial)
        .values(**values)
    )
    if result.rowcount != 1:
        # The flow only closes reflections it was shown; this is a bug, not bad input.
        raise LookupError(f"reflection {serial} of this client does not exist")


async def put_answer(
    *,
    session: AsyncSession,
    user_id: int,
    serial: int,
    question: str,
    rating: int | None = None,
    text: str | None = None,
    skipped: bool = False,
    danger: bool = False,
) -> None:
    """The whole answer to a question of the client's `serial`-th reflection, replacing
    what it was, in one statement: INSERT ... SELECT the reflection by its serial (the
    client's own, never another's) ... ON CONFLICT on the one answer per question, so no
    read comes before it. The caller computed the answer from the one it read (messages
    joined, the danger flag kept). What the client agreed to share stays shared only while
    the answer is still flagged. The text goes through its column's type: encrypted."""
    table = Answer.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    c, now = table.c, utc_now()
    given = {
        "question": question,
        "rating": rating,
        "text": text,
        "skipped": skipped,
        "danger": danger,
        "danger_shared": False,
        "answered_at": now,
        "updated_at": now,
    }
    found = select(
        col(Reflection.id),
        col(Reflection.user_id),
        *(literal(v, c[k].type) for k, v in given.items()),
    ).where(col(Reflection.user_id) == user_id, col(Reflection.serial) == serial)
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    upsert = insert(table).from_select(["reflection_id", "user_id", *given], found)
    upsert = upsert.on_conflict_do_update(
        index_elements=[c.reflection_id, c.question],
        set_={
            "rating": upsert.excluded.rating,
            "text": upsert.excluded.text,
            "skipped": upsert.excluded.skipped,
            "danger": upsert.excluded.danger,
            "danger_shared": and_(c.danger_shared, upsert.excluded.danger),
            "updated_at": upsert.excluded.updated_at,
        },
    )
    result = await session.exec(upsert)
    if result.rowcount != 1:
        # The flow only answers reflections it was shown; this is a bug, not bad input.
        raise LookupError(f"reflection {serial} of this client does not exist")


async def share_danger(*, session: AsyncSession, reflection: Reflection) -> None:
    """The client agreed to bring what they wrote about being in danger, in this
    reflection, to their therapist: their notes may hold it now."""
    assert reflection.id is not None
    await session.exec(
        update(Answer)
        .where(col(Answer.reflection_id) == reflection.id, col(Answer.danger).is_(True))
        .values(danger_shared=True)
    )


async def add_topics(
    *,
    session: AsyncSession,
    user_id: int,
    reflection: Reflection,
    ratings: list[tuple[str, int]],
    declined_at: datetime | None = None,
) -> None:
    """Put ratings on the client's list to raise at the next session, or (`declined_at`)
    keep that the client said "Not now" to raising them."""
    for question, rating in ratings:
        session.add(
            Topic(
                user_id=user_id,
                reflection_id=reflection.id,
                question=question,
                rating=rating,
                declined_at=declined_at,
            )
        )


async def mark_raised(*, session: AsyncSession, topic_ids: list[int], at: datetime) -> None:
    """These topics went into a preparation note the client received."""
    if topic_ids:
        await session.exec(update(Topic).where(col(Topic.id).in_(topic_ids)).values(raised_at=at))
