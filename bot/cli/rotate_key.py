"""`python -m bot rotate-key`: a new encryption key, and every stored text re-encrypted.

Safe while the bot runs on a key file: running processes follow the file
(storage.crypto.KeyFile), and the old keys stay listed after the new one, so a text written
or re-encrypted at any moment of the change stays readable. ENCRYPTION_KEY can't change in a
running process, so there the operator gives every process the new list first.
"""

from __future__ import annotations

import os
import tempfile

from bot.config import Settings
from storage.crypto import KeyProblem, attach_cipher, cipher_from, new_key
from storage.db import create_engine, upgrade_schema
from storage.key_rotation import rotate

# Why rotate-key won't go ahead with ENCRYPTION_KEY, and what to do instead.
RESTART_FIRST = (
    "ENCRYPTION_KEY is read once, when a bot process starts, so a running bot would not know "
    "the new key and couldn't read what is re-encrypted with it. First make a key "
    "(python -m bot new-key), put it in front (ENCRYPTION_KEY=<new>,<old>) for every bot "
    "process and restart them all (they then read both keys and write with the new one); "
    "then run: python -m bot rotate-key --restarted"
)


async def rotate_key(settings: Settings, *, restarted: bool = False) -> str:
    """Re-encrypt everything with a new key; returns what happened, for the operator.

    With a key file, a new key is written in front of the old ones (old backups stay
    readable with the old keys kept after it); running bots on this key file follow it.
    With ENCRYPTION_KEY, the operator puts the new key first themselves and restarts every
    bot process (`restarted` says they did), and everything moves to it.
    """
    if settings.encryption_key is not None:
        if not restarted:
            raise KeyProblem(RESTART_FIRST)
        keys = settings.encryption_key.get_secret_value()
        cipher = cipher_from(keys, settings.encryption_key_file)
        where = "the first key in ENCRYPTION_KEY"
    else:
        path = settings.encryption_key_file
        cipher_from(None, path)  # checks the file (and makes one if there was none)
        lines = path.read_text(encoding="ascii").split()
        _replace_key_file(path, [new_key(), *lines])
        cipher = cipher_from(None, path)
        where = f"a new key, first in {path}"
    engine = create_engine(settings.database_url)
    attach_cipher(engine, cipher)
    try:
        await upgrade_schema(engine)
        count = await rotate(engine, cipher)
    finally:
        await engine.dispose()
    return (
        f"Re-encrypted {count} stored texts with {where}. The older keys stay listed after it "
        "so that old backups can still be read; back up the key file (or ENCRYPTION_KEY) now."
    )


def _replace_key_file(path: os.PathLike[str], keys: list[str]) -> None:
    """Write the keys atomically, readable by the owner only."""
    folder = os.path.dirname(os.fspath(path)) or "."
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write("\n".join(keys) + "\n")
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
