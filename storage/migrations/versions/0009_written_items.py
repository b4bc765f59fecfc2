"""written_items: words a client added to their next note outside a reflection

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "written_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_written_items_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_written_items")),
    )
    with op.batch_alter_table("written_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_written_items_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("written_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_written_items_user_id"))
    op.drop_table("written_items")
