"""how each client was admitted; the topics a client means to raise, encrypted

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:40:00.000000

The topics' question moves from plain text to a Fernet token, so the rows already there
are encrypted here, with the key the bot runs with. The bot upgrades its schema on start
with its cipher attached (storage.db.upgrade_schema); the `alembic` command line attaches
it from the same settings (storage/migrations/env.py). Without a key and with topics to
encrypt, the migration stops rather than leave them plain.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.crypto import attached_cipher

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_topics = sa.table("topics", sa.column("id", sa.Integer()), sa.column("question", sa.Text()))


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("admission", sa.String(length=80), nullable=True))
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.alter_column(
            "question", existing_type=sa.String(length=32), type_=sa.Text(), existing_nullable=False
        )
    _recode_topics(encrypt=True)


def downgrade() -> None:
    _recode_topics(encrypt=False)
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.alter_column(
            "question", existing_type=sa.Text(), type_=sa.String(length=32), existing_nullable=False
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("admission")


def _recode_topics(*, encrypt: bool) -> None:
    """Every topic's question encrypted (or, going down, decrypted) with the bot's key."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_topics.c.id, _topics.c.question)).all()
    if not rows:
        return
    cipher = attached_cipher(bind.dialect)
    if cipher is None:
        raise RuntimeError(
            "topics must be encrypted with the bot's key: upgrade by starting the bot "
            "(python -m bot), which holds it"
        )
    for row_id, stored in rows:
        if encrypt:
            value = cipher.encrypt(str(stored).encode("utf-8")).decode("ascii")
        else:
            value = cipher.decrypt(str(stored).encode("ascii")).decode("utf-8")
        bind.execute(sa.update(_topics).where(_topics.c.id == row_id).values(question=value))
