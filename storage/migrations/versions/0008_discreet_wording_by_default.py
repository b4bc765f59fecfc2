"""discreet wording by default

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:00:00.000000

What the bot sends on its own is discreet unless a client chose otherwise. Plain wording was
the default until now and could not be told apart from a choice of it (discreet wording had
to be switched on, and off again): every client starts discreet, and /schedule says so.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE schedules SET neutral_wording = :on").bindparams(on=True))


def downgrade() -> None:
    pass  # nothing to undo: discreet wording is a choice a client may keep
