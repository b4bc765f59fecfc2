"""The tables. Every table that holds something about a client references `users.id` with
ON DELETE CASCADE, so erasing a client is one statement and can't forget a table."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.crypto import EncryptedText
from storage.types import UTCDateTime, utc_now

# Names for constraints, so Alembic migrations (and SQLite batch mode) can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class User(SQLModel, table=True):
    """A client: one Telegram user talking to the bot in their private chat."""

    __tablename__ = "users"

    # Telegram ids need 52 bits: BigInteger on PostgreSQL.
    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    time_zone: str | None = Field(default=None, max_length=64)
    # The ISO country code the client chose for crisis help (/country); None: go by the
    # time zone.
    country: str | None = Field(default=None, max_length=2)
    language: str = Field(default="en", max_length=16)
    # False once the client blocked the bot; true again when they write.
    active: bool = Field(default=True)
    # How they were let in: "listed", "invite:<keyed hash of the code>", "open", or
    # "revoked" (features.privacy.access); None for clients from before it was kept.
    admission: str | None = Field(default=None, max_length=80)
    # Built-in reflection questions the client turned off (/questions).
    disabled_questions: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    created_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False)
    )


class FlowState(SQLModel, table=True):
    """Where a client is in a conversation: the step and what it has gathered so far.

    It lives in the database, not in memory, so a restart or a second replica sees it.
    """

    __tablename__ = "flow_states"

    user_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    step: str = Field(default="idle", max_length=64)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Bumped on every save; lets a writer detect that someone else moved the flow on.
    version: int = Field(default=0)
    # The client's last few update ids, stored with the turn they caused: Telegram delivers
    # an update again if the bot died before acknowledging it, and a repeat must change
    # nothing. A short list, not one "last id", because webhooks may deliver out of order.
    recent_updates: list[int] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    # Words the client wrote that a step holds for a moment, until they choose what to do
    # with them (features.kernel.vocabulary.SEALED): encrypted, never in `data`'s plain JSON.
    sealed: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    updated_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False)
    )


def _client_id() -> Any:
    """The owning client's id: deleting the client deletes the row."""
    return Field(
        sa_column=Column(
            BigInteger, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


def _moment(nullable: bool = False) -> Any:
    if nullable:
        return Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    return Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class Reflection(SQLModel, table=True):
    """One sitting of reflection questions about one session.

    The questions are fixed when it starts, so turning a question off or adding a goal
    midway doesn't shift what "question 3" means; `position` is where the client is.
    """

    __tablename__ = "reflections"
    __table_args__ = (UniqueConstraint("user_id", "serial"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    # The client's n-th reflection: buttons carry it, so a button from an older one is known.
    serial: int
    # The client's local date of the session reflected on.
    session_date: date
    source: str = Field(default="reflect", max_length=16)
    questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    position: int = Field(default=0)
    started_at: datetime = _moment()
    updated_at: datetime = _moment()
    # Set when the client reached the end, or left it to start a new one (complete False).
    finished_at: datetime | None = _moment(nullable=True)
    complete: bool = Field(default=False)


class Answer(SQLModel, table=True):
    """The client's answer to one question of one reflection: a rating, text, or a skip.

    One row per question and reflection (a unique key), so a double press or a replayed
    update can't store an answer twice; text written in several messages is one answer.
    """

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("reflection_id", "question"),)

    id: int | None = Field(default=None, primary_key=True)
    reflection_id: int = Field(
        sa_column=Column(ForeignKey("reflections.id", ondelete="CASCADE"), nullable=False)
    )
    user_id: int = _client_id()
    question: str = Field(max_length=32)
    rating: int | None = Field(default=None)
    text: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    skipped: bool = Field(default=False)
    # Words in it suggested the client may be in danger: a note leaves it out unless the
    # client said yes to bringing it to their therapist (`danger_shared`).
    danger: bool = Field(default=False)
    danger_shared: bool = Field(default=False)
    answered_at: datetime = _moment()
    updated_at: datetime = _moment()


class Goal(SQLModel, table=True):
    """A therapy goal in the client's own words; retired goals stay for their history."""

    __tablename__ = "goals"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    text: str = Field(sa_column=Column(EncryptedText, nullable=False))
    created_at: datetime = _moment()
    updated_at: datetime = _moment()
    retired_at: datetime | None = _moment(nullable=True)


class OwnQuestion(SQLModel, table=True):
    """A question the client added to their reflection, asked after the built-in ones."""

    __tablename__ = "own_questions"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    text: str = Field(sa_column=Column(EncryptedText, nullable=False))
    created_at: datetime = _moment()
    retired_at: datetime | None = _moment(nullable=True)


class Memo(SQLModel, table=True):
    """Something the client wants to bring up at their next session, kept for their next
    note at their choice: words written outside a question, or a gap /fit found."""

    __tablename__ = "memos"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    text: str = Field(sa_column=Column(EncryptedText, nullable=False))
    created_at: datetime = _moment()


class Topic(SQLModel, table=True):
    """A rating that dropped, offered for the next session: agreed to raise, or declined
    ("Not now", `declined_at`).

    Which question it is, encrypted: what a client means to raise with their therapist is
    theirs ("I don't feel heard"); the rating stays plain, as every rating does."""

    __tablename__ = "topics"
    __table_args__ = (Index("ix_topics_open", "user_id", "raised_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    reflection_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("reflections.id", ondelete="SET NULL"), nullable=True),
    )
    question: str = Field(sa_column=Column(EncryptedText, nullable=False))
    rating: int | None = Field(default=None)
    created_at: datetime = _moment()
    # When it went into a preparation note the client used; None while still to raise.
    raised_at: datetime | None = _moment(nullable=True)
    # When the client said "Not now" to raising it: kept so that no note raises it anyway.
    declined_at: datetime | None = _moment(nullable=True)


class Schedule(SQLModel, table=True):
    """A client's usual sessions (weekdays, local time, length, how often) and when they
    want to hear from the bot around them. Times are the client's local wall-clock times."""

    __tablename__ = "schedules"

    user_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    weekdays: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    start_time: str = Field(max_length=5)  # "17:00"
    duration_minutes: int = Field(default=50)
    every_weeks: int = Field(default=1)  # 0: not regular (one-off sessions only)
    anchor: date
    skipped: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    extra: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    paused: bool = Field(default=False)
    reflection_delay_minutes: int = Field(default=60)
    quiet_start: str = Field(default="22:00", max_length=5)
    quiet_end: str = Field(default="08:00", max_length=5)
    # What the bot sends on its own says nothing of therapy (a lock screen shows it): the
    # default; false once the client chose plain wording in /schedule.
    neutral_wording: bool = Field(default=True)
    # The one-minute check-in between sessions, opt-in: the local weekdays (0 Monday) it is
    # asked on, at `checkin_time`; empty: off.
    checkin_days: list[int] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    checkin_time: str | None = Field(default=None, max_length=5)
    updated_at: datetime = _moment()


class Prompt(SQLModel, table=True):
    """A message the bot will send, or sent, around one session: the reflection prompt, its
    one reminder, or the preparation note.

    The unique key (client, kind, session date) means none is created twice, however often
    it is planned; `status` moves pending -> sending by a conditional update (the claim), so
    two dispatchers or a restart can never send one twice.
    """

    __tablename__ = "prompts"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "session_date"),
        Index("ix_prompts_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    kind: str = Field(max_length=16)  # reflection, reminder, preparation
    session_date: date
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # pending, sending, sent, missed, cancelled, answered, skipped, undeliverable, failed
    status: str = Field(default="pending", max_length=16)
    attempts: int = Field(default=0)
    sent_at: datetime | None = _moment(nullable=True)
    created_at: datetime = _moment()


class Wellbeing(SQLModel, table=True):
    """How I've been: the client's own four 0-10 ratings of the week before a session (in
    myself, in close relationships, in work, study or daily life, overall), one row per
    session date. A rating is None until answered (or when skipped); `skipped` is set when
    the client skipped the four as a whole. Ratings stay plain and queryable, as every
    rating does."""

    __tablename__ = "wellbeing"
    __table_args__ = (UniqueConstraint("user_id", "session_date"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    # The client's local date of the session these ratings lead up to.
    session_date: date
    myself: int | None = Field(default=None)
    close: int | None = Field(default=None)
    daily: int | None = Field(default=None)
    overall: int | None = Field(default=None)
    skipped: bool = Field(default=False)
    # Where it was asked: "note" (with the note before a session), "reflect" (at the start
    # of /reflect).
    source: str = Field(default="note", max_length=16)
    answered_at: datetime = _moment()
    updated_at: datetime = _moment()


class CheckIn(SQLModel, table=True):
    """The one-minute check-in between sessions: how the day is going (1 to 5, the five
    faces) and an optional line in the client's words, encrypted. One per local day."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    # The client's local date.
    day: date
    face: int | None = Field(default=None)
    text: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    # When the client chose to add the line to their next note (a memo holds a copy then):
    # set once, so a second tap of "Add to my next note" adds nothing twice.
    noted_at: datetime | None = _moment(nullable=True)
    created_at: datetime = _moment()
    updated_at: datetime = _moment()


class Note(SQLModel, table=True):
    """A note for a session: which of the client's answers and topics it holds and which
    the client left out. Only references: the words stay in `answers` (or `memos`), encrypted.

    `items` is a list of [kind, id, included, rating before]: kind "answer" (an open
    answer), "memo" (something the client kept for the note outside a question), "goal" (a
    goal's latest rating), "topic", or in older notes "drop" (a rating answer lower than the
    one before). A scheduled note is tied to its
    prompt (unique), so a retried send reuses the same note and the client's choices.
    """

    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("user_id", "serial"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    # The client's n-th note: its buttons carry it, so a button from an older one is known.
    serial: int
    prompt_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("prompts.id", ondelete="SET NULL"), nullable=True, unique=True),
    )
    # The session the note is for, when known (a scheduled note).
    session_date: date | None = None
    items: list[Any] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _moment()
    # When the client pressed Done: the note is final and has no buttons any more.
    final_at: datetime | None = _moment(nullable=True)


class FitCheck(SQLModel, table=True):
    """One walk through /fit: what the client looks for in a therapist and what they
    experience with theirs. `answers` maps item ids to choices, as encrypted JSON: whether
    a therapist feels right is as private as anything the client writes."""

    __tablename__ = "fit_checks"
    __table_args__ = (UniqueConstraint("user_id", "serial"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _client_id()
    # The client's n-th check: its buttons carry it, so a button from an older one is known.
    serial: int
    # False: done before the first session, as "what am I looking for?".
    seeing_therapist: bool = Field(default=True)
    answers: str = Field(default="{}", sa_column=Column(EncryptedText, nullable=False))
    started_at: datetime = _moment()
    finished_at: datetime | None = _moment(nullable=True)


class SafetyPlan(SQLModel, table=True):
    """The client's own safety plan (/safetyplan): what they wrote for each part, by part
    key, as encrypted JSON: it is as private as anything they write."""

    __tablename__ = "safety_plans"

    user_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    sections: str = Field(default="{}", sa_column=Column(EncryptedText, nullable=False))
    created_at: datetime = _moment()
    updated_at: datetime = _moment()
