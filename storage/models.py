"""The tables. Every table that holds something about a client references `users.id` with
ON DELETE CASCADE, so erasing a client is one statement and can't forget a table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey
from sqlmodel import Field, SQLModel

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
    language: str = Field(default="en", max_length=16)
    # False once the client blocked the bot; true again when they write.
    active: bool = Field(default=True)
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
    updated_at: datetime = Field(
        default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False)
    )
