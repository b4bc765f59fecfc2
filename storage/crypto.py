"""Encryption at rest for everything a client writes (answers, goals, their own questions,
the topics they mean to raise).

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package) through MultiFernet:
the first key encrypts, every key listed decrypts, so a new key can be put in front and old
rows read until they are re-encrypted. Ratings and timestamps stay plain, to be queried.

Each engine carries its own cipher (`attach_cipher`), looked up by the column type through
the engine's dialect: no process-wide key, so tests and tools can open two databases with
different keys side by side. The running bot's cipher follows its key file (`KeyFile`), so
`python -m bot rotate-key` needs no restart.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import time
import weakref
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.types import TypeDecorator

logger = logging.getLogger(__name__)


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


class KeyFile:
    """The key file's keys, read again when the file changes: `rotate-key` run while the bot
    runs writes a new key in front of the old ones (replacing the file whole), and this
    process then encrypts with the new key and reads rows of either. A text that can't be
    decrypted makes it look at once, so a row just re-encrypted is never unreadable."""

    # How often the file is looked at while nothing fails (s): until then new texts are
    # encrypted with the previous key, which stays listed, so they stay readable.
    LOOK_EVERY = 1.0

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = self._stamp_now()
        self._cipher = cipher_from(None, path)
        self._looked_at = time.monotonic()

    def cipher(self) -> MultiFernet:
        """The cipher from the keys the file holds now (looked at every LOOK_EVERY s)."""
        now = time.monotonic()
        if now - self._looked_at >= self.LOOK_EVERY:
            self._looked_at = now
            self.reload()
        return self._cipher

    def reload(self) -> bool:
        """Read the file again if it changed; whether the keys did."""
        stamp = self._stamp_now()
        if stamp == self._stamp:
            return False
        try:
            cipher = cipher_from(None, self.path)
        except KeyProblem as problem:
            # Half edited by hand, say: the keys in use stay, and the next look tries again.
            logger.warning(
                "The key file changed but can't be used (%s); keeping the keys in use", problem
            )
            return False
        self._stamp, self._cipher = stamp, cipher
        logger.info("The key file changed: its first key encrypts from now on, all decrypt")
        return True

    def _stamp_now(self) -> tuple[int, int, int] | None:
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_ino, found.st_mtime_ns, found.st_size


def cipher_source(keys: str | None, key_file: Path) -> MultiFernet | KeyFile:
    """For the running bot: the keys in ENCRYPTION_KEY (fixed for the life of the process),
    or the key file, followed as it changes."""
    if keys:
        return cipher_from(keys, key_file)
    cipher_from(None, key_file)  # checks it, and makes one the first time
    return KeyFile(key_file)


_CIPHERS: weakref.WeakKeyDictionary[Dialect, MultiFernet | KeyFile] = weakref.WeakKeyDictionary()


def new_key() -> str:
    """A fresh random key, as ENCRYPTION_KEY and the key file hold them."""
    return Fernet.generate_key().decode("ascii")


def attach_cipher(engine: AsyncEngine, cipher: MultiFernet | KeyFile) -> None:
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
        token = str(value).encode("ascii")
        try:
            return _cipher(dialect).decrypt(token).decode("utf-8")
        except InvalidToken:
            pass
        source = _CIPHERS.get(dialect)
        if isinstance(source, KeyFile) and source.reload():
            # Re-encrypted with a key added since this process last looked at the file.
            with contextlib.suppress(InvalidToken):
                return source.cipher().decrypt(token).decode("utf-8")
        # Never the text itself in the message: it would end up in a log.
        raise UnreadableText(
            "a stored text can't be decrypted: is ENCRYPTION_KEY the key it was written with?"
        ) from None


def attached_cipher(dialect: Dialect) -> MultiFernet | None:
    """The cipher attached to the engine of this dialect, if any (for data migrations,
    which run on the bot's own connection)."""
    source = _CIPHERS.get(dialect)
    return source.cipher() if isinstance(source, KeyFile) else source


def _cipher(dialect: Dialect) -> MultiFernet:
    source = _CIPHERS.get(dialect)
    if source is None:
        raise RuntimeError("no cipher attached to this engine: call storage.crypto.attach_cipher")
    return source.cipher() if isinstance(source, KeyFile) else source


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
