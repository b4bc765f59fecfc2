"""Encryption at rest for everything a client writes (answers, goals, their own questions,
the topics they mean to raise).

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package) through MultiFernet:
the first key encrypts, every key listed decrypts, so a new key can be put in front and old
rows read until they are re-encrypted. Ratings and timestamps stay plain, to be queried.

Each engine carries its own cipher (`attach_cipher`), looked up by the column type through
the engine's dialect: no process-wide key, so tests and tools can open two databases with
different keys side by side.
"""

from __future__ import annotations

import base64
import os
import weakref
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.types import TypeDecorator

_CIPHERS: weakref.WeakKeyDictionary[Dialect, MultiFernet] = weakref.WeakKeyDictionary()


class KeyProblem(Exception):
    """The encryption key is missing, malformed or unreadable; the message says which."""


class UnreadableText(Exception):
    """A stored text could not be decrypted with the configured keys."""


def cipher_from(keys: str | None, key_file: Path) -> MultiFernet:
    """The cipher from ENCRYPTION_KEY (comma-separated, newest first), or from the key file,
    which is created (readable by its owner only) the first time."""
    return _multi(*_listed_keys(keys, key_file))


def current_key(keys: str | None, key_file: Path) -> bytes:
    """The key that encrypts now (the first listed), as raw bytes: to derive keys for other
    purposes from (the log's client tags), never to be used as it is."""
    listed, where = _listed_keys(keys, key_file)
    _multi(listed, where)  # the same checks as for the cipher
    return base64.urlsafe_b64decode(listed[0])


def _listed_keys(keys: str | None, key_file: Path) -> tuple[list[str], str]:
    """The keys, newest first, and where they came from (for messages)."""
    if keys:
        return [key.strip() for key in keys.split(",") if key.strip()], "ENCRYPTION_KEY"
    if not key_file.exists():
        _create_key_file(key_file)
    try:
        lines = key_file.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError) as problem:
        kind = type(problem).__name__
        raise KeyProblem(f"the key file {key_file} can't be read ({kind})") from None
    return lines, f"the key file {key_file}"


def new_key() -> str:
    """A fresh random key, as ENCRYPTION_KEY and the key file hold them."""
    return Fernet.generate_key().decode("ascii")


def attach_cipher(engine: AsyncEngine, cipher: MultiFernet) -> None:
    """Encrypt and decrypt the engine's EncryptedText columns with this cipher."""
    _CIPHERS[engine.sync_engine.dialect] = cipher


class EncryptedText(TypeDecorator[str]):
    """Text stored encrypted; the database sees only a Fernet token."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return _cipher(dialect).encrypt(value.encode("utf-8")).decode("ascii")

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        try:
            return _cipher(dialect).decrypt(str(value).encode("ascii")).decode("utf-8")
        except InvalidToken:
            # Never the text itself in the message: it would end up in a log.
            raise UnreadableText(
                "a stored text can't be decrypted: is ENCRYPTION_KEY the key it was written with?"
            ) from None


def attached_cipher(dialect: Dialect) -> MultiFernet | None:
    """The cipher attached to the engine of this dialect, if any (for data migrations,
    which run on the bot's own connection)."""
    return _CIPHERS.get(dialect)


def _cipher(dialect: Dialect) -> MultiFernet:
    cipher = _CIPHERS.get(dialect)
    if cipher is None:
        raise RuntimeError("no cipher attached to this engine: call storage.crypto.attach_cipher")
    return cipher


def _multi(keys: list[str], where: str) -> MultiFernet:
    if not keys:
        raise KeyProblem(f"{where} holds no key")
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, UnicodeEncodeError):
        raise KeyProblem(
            f"{where} doesn't hold a valid key (make one: python -m bot new-key)"
        ) from None


def _create_key_file(path: Path) -> None:
    """A new key in a file only its owner can read, created atomically (never overwritten)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it a moment ago
    except OSError as problem:
        raise KeyProblem(f"the key file {path} can't be created ({problem.strerror})") from None
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(new_key() + "\n")


async def rotate(engine: AsyncEngine, cipher: MultiFernet) -> int:
    """Re-encrypt every encrypted text with the cipher's first key (old keys must still be
    listed after it to read the rows). One transaction: all or nothing. Returns the count."""
    from sqlalchemy import select, update
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (every table on the metadata)

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
                    await connection.execute(
                        update(table)
                        .where(key == row_id)
                        .values({column.name: type_coerce(fresh, raw)})
                    )
                    count += 1
    return count
