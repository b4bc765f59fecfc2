"""Key rotation: every encrypted text re-encrypted with the newest key.

Apart from storage.crypto because it reads every table (storage.models), while the tables
use crypto's column type: one import each way would be a cycle.
"""

from __future__ import annotations

from cryptography.fernet import MultiFernet
from sqlalchemy import select, type_coerce, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (every table on the metadata)
from storage.crypto import EncryptedText


async def rotate(engine: AsyncEngine, cipher: MultiFernet) -> int:
    """Re-encrypt every encrypted text with the cipher's first key (old keys must still be
    listed after it to read the rows). One transaction: all or nothing. Returns the count."""
    count = 0
    async with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, EncryptedText):
                    continue
                (key,) = table.primary_key.columns
                # Read and write the raw tokens, past the column type's own encryption.
                raw = column.type.impl_instance
                rows = await connection.execute(
                    select(key, type_coerce(column, raw)).where(column.is_not(None))
                )
                for row_id, token in rows.all():
                    fresh = cipher.rotate(str(token).encode("ascii")).decode("ascii")
                    # Only if unchanged since read: a running bot may have written the row
                    # meanwhile (with a key still listed, so it stays readable); writing
                    # the old text back over it would lose what the client added.
                    done = await connection.execute(
                        update(table)
                        .where(key == row_id, type_coerce(column, raw) == token)
                        .values({column.name: type_coerce(fresh, raw)})
                    )
                    count += done.rowcount
    return count
