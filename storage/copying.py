"""Copying a whole deployment's database into another (`python -m bot copy-db`): from the
SQLite file to PostgreSQL when one process is no longer enough, or back.

Every table of the metadata is copied, parents before children (the metadata's dependency
order, so no hand-kept list can forget a table added later), a batch of rows at a time, in
one transaction on the target: a copy that fails leaves the target as it was. Encrypted
texts are copied as stored, never decrypted: the same key reads them in the new database.
Rows keep their ids (buttons and notes refer to them); PostgreSQL's sequences are then
moved past them, so the bot's next insert gets a fresh id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, bindparam, func, select, text, type_coerce
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import SQLModel

from storage.crypto import EncryptedText
from storage.models import User  # and with it every table on the metadata

# Rows read and written per round trip.
BATCH = 1000


class TargetNotEmpty(Exception):
    """The target database already holds data; the message says how much, never what."""


class CopyFailed(Exception):
    """A table could not be copied; the message names the table and the kind of error,
    never a value (a driver's own message may quote one)."""


async def copy_everything(source: AsyncEngine, target: AsyncEngine) -> dict[str, int]:
    """Every row of every table from `source` into `target`, whose schema must be the
    newest and which must hold no rows. Returns the rows copied, by table, in the order
    copied. The source is read in one transaction (on PostgreSQL a repeatable-read one),
    so the copy is of one moment even if something writes meanwhile."""
    tables = SQLModel.metadata.sorted_tables
    reader = source
    if source.dialect.name == "postgresql":
        reader = source.execution_options(isolation_level="REPEATABLE READ")
    copied: dict[str, int] = {}
    async with reader.begin() as reading, target.begin() as writing:
        await _refuse_unless_empty(writing, tables)
        for table in tables:
            try:
                copied[table.name] = await _copy_table(reading, writing, table)
            except SQLAlchemyError as problem:
                orig = getattr(problem, "orig", None)
                code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
                # SQLAlchemy's class is the DB-API's kind (IntegrityError) on every version;
                # the driver's own (asyncpg's ForeignKeyViolationError, from SQLAlchemy 2.1
                # on) is not: the code says the rest.
                kind = type(problem).__name__ + (f" {code}" if code else "")
                raise CopyFailed(f"copying the table {table.name} failed ({kind})") from None
        if target.dialect.name == "postgresql":
            await _move_sequences_past_copied_ids(writing, tables)
    return copied


async def _refuse_unless_empty(writing: AsyncConnection, tables: list[Table]) -> None:
    held = {table.name: await _count(writing, table) for table in tables}
    clients = held.get(str(User.__tablename__), 0)
    if clients:
        raise TargetNotEmpty(f"the target database already holds {clients} clients")
    if any(held.values()):
        rows = sum(held.values())
        raise TargetNotEmpty(f"the target database is not empty ({rows} rows)")


async def _count(connection: AsyncConnection, table: Table) -> int:
    return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


async def _copy_table(reading: AsyncConnection, writing: AsyncConnection, table: Table) -> int:
    """One table, a batch at a time; encrypted columns as their stored tokens."""
    columns = list(table.columns)
    # Bound by other names than the columns': SQLAlchemy keeps those for itself.
    insert = table.insert().values({c.name: _stored(bindparam(f"v_{c.name}"), c) for c in columns})
    rows = await reading.stream(select(*(_stored(c, c).label(c.name) for c in columns)))
    count = 0
    async for batch in rows.partitions(BATCH):
        await writing.execute(insert, [{f"v_{k}": v for k, v in r._mapping.items()} for r in batch])
        count += len(batch)
    return count


def _stored(value: ColumnElement[Any], column: Any) -> ColumnElement[Any]:
    """The value as the column holds it: an encrypted text's token, past the column type's
    own encryption (as `storage.key_rotation.rotate` reads them); anything else as its type."""
    if isinstance(column.type, EncryptedText):
        return type_coerce(value, column.type.impl_instance)
    return type_coerce(value, column.type)


async def _move_sequences_past_copied_ids(writing: AsyncConnection, tables: list[Table]) -> None:
    """Set each id sequence after the largest id copied (or to 1 for an empty table)."""
    quote = writing.dialect.identifier_preparer.quote
    for table in tables:
        for column in table.primary_key.columns:
            found = await writing.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            sequence = found.scalar_one_or_none()
            if sequence is None:
                continue  # a key given from outside (a Telegram id), not a sequence
            await writing.execute(
                text(
                    f"SELECT setval(:sequence, coalesce(max({quote(column.name)}), 0) + 1, false) "
                    f"FROM {quote(table.name)}"
                ),
                {"sequence": sequence},
            )
