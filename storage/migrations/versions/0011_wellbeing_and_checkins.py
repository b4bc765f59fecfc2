"""wellbeing (how I've been) and checkins; schedules.checkin_days and checkin_time

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wellbeing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.id", name="fk_wellbeing_user_id_users", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("myself", sa.Integer(), nullable=True),
        sa.Column("close", sa.Integer(), nullable=True),
        sa.Column("daily", sa.Integer(), nullable=True),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_wellbeing"),
        sa.UniqueConstraint("user_id", "session_date", name="uq_wellbeing_user_id"),
    )
    op.create_index("ix_wellbeing_user_id", "wellbeing", ["user_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.id", name="fk_checkins_user_id_users", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("face", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.UniqueConstraint("user_id", "day", name="uq_checkins_user_id"),
    )
    op.create_index("ix_checkins_user_id", "checkins", ["user_id"])
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("checkin_days", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("checkin_time", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_column("checkin_time")
        batch_op.drop_column("checkin_days")
    op.drop_index("ix_checkins_user_id", table_name="checkins")
    op.drop_table("checkins")
    op.drop_index("ix_wellbeing_user_id", table_name="wellbeing")
    op.drop_table("wellbeing")
