"""A running bot follows its key file: after `rotate-key` (a new key in front, every text
re-encrypted) it reads what was re-encrypted at once and writes with the new key."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cli.rotate_key import _replace_key_file
from storage import clients
from storage import goals as preferences
from storage.crypto import KeyFile, attach_cipher, cipher_from, new_key
from storage.db import session_factory
from storage.key_rotation import rotate
from tests.support.databases import encrypted_engine


async def test_a_running_process_reads_and_writes_with_a_key_added_to_its_file(
    engine: AsyncEngine, database_url: str, tmp_path: Path
):
    key_file = tmp_path / "encryption.key"
    cipher_from(None, key_file)  # makes the file, with one key
    first = key_file.read_text().split()
    running = KeyFile(key_file)
    attach_cipher(engine, running)
    async with session_factory(engine)() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        await preferences.add_goal(session=session, user_id=1, text="walk every day")

    # rotate-key, from another process: a new key first in the file, everything moved to it.
    fresh = new_key()
    _replace_key_file(key_file, [fresh, *first])
    both = cipher_from(None, key_file)
    rotator = encrypted_engine(database_url, cipher=both)
    assert await rotate(rotator, both) == 1
    await rotator.dispose()

    async with session_factory(engine)() as session, session.begin():
        goals = await preferences.active_goals(session=session, user_id=1)
        assert [goal.text for goal in goals] == ["walk every day"]
        await preferences.add_goal(session=session, user_id=1, text="sleep before midnight")
    async with engine.connect() as connection:
        tokens = (await connection.execute(text("SELECT text FROM goals ORDER BY id"))).all()
    only_new = Fernet(fresh.encode())
    assert [only_new.decrypt(str(t).encode()).decode() for (t,) in tokens] == [
        "walk every day",
        "sleep before midnight",
    ]
