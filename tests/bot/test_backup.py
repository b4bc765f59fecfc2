"""`python -m bot backup PATH`: a copy of the SQLite database of one moment, taken while
something goes on writing to it, readable by its owner only; PostgreSQL is pointed to
pg_dump; both say to keep the key apart."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.cli.backup import BackupRefused, backup
from bot.config import Settings

PAYLOAD = "x" * 2000  # rows of a couple of pages' worth, so a copy takes many page reads


def _settings(database: Path, key_file: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{database}", encryption_key_file=key_file)


class Writer:
    """Another connection writing as the bot does (WAL, a busy timeout), each transaction
    one row in `sessions` and one in `answers`: a copy of one moment holds as many of each."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.written = 0
        self.stop = threading.Event()
        with sqlite3.connect(database) as setup:
            setup.execute("PRAGMA journal_mode=WAL")
            setup.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, note TEXT)")
            setup.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT)")
        self.thread = threading.Thread(target=self._write, daemon=True)

    def _write(self) -> None:
        connection = sqlite3.connect(self.database, timeout=30, isolation_level=None)
        try:
            while not self.stop.is_set():
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("INSERT INTO sessions (note) VALUES (?)", (PAYLOAD,))
                connection.execute("INSERT INTO answers (text) VALUES (?)", (PAYLOAD,))
                connection.execute("COMMIT")
                self.written += 1
        finally:
            connection.close()

    def wait_for(self, rows: int) -> None:
        while self.written < rows:
            assert self.thread.is_alive()
            self.stop.wait(0.01)


def test_a_backup_taken_while_the_database_is_written_is_of_one_moment(tmp_path: Path):
    database = tmp_path / "bot.sqlite3"
    writer = Writer(database)
    writer.thread.start()
    try:
        writer.wait_for(2000)
        copies = []
        for number in range(3):
            before = writer.written
            copy = tmp_path / "backups" / f"reflection-{number}.sqlite3"
            copy.parent.mkdir(exist_ok=True)
            said = backup(_settings(database, tmp_path / "keys" / "encryption.key"), copy)
            assert f"to {copy}" in said
            copies.append((copy, before))
        writer.wait_for(writer.written + 10)  # still writing after the last copy
    finally:
        writer.stop.set()
        writer.thread.join()

    for copy, before in copies:
        assert copy.stat().st_mode & 0o777 == 0o600
        with sqlite3.connect(copy) as reading:
            assert reading.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            (sessions,) = reading.execute("SELECT count(*) FROM sessions").fetchone()
            (answers,) = reading.execute("SELECT count(*) FROM answers").fetchone()
        assert sessions == answers >= before  # whole transactions, none lost before it
    assert not list((tmp_path / "backups").glob(".*partial"))


def test_the_backup_says_to_keep_the_key_apart_and_notices_it_beside(tmp_path: Path):
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).close()
    apart = backup(_settings(database, tmp_path / "keys" / "k.key"), tmp_path / "one.sqlite3")
    assert "must not be kept beside it" in apart and str(tmp_path / "keys" / "k.key") in apart
    assert "beside this backup" not in apart
    beside = backup(_settings(database, tmp_path / "k.key"), tmp_path / "two.sqlite3")
    assert "The key file is in" in beside and "beside this backup" in beside


def test_a_backup_never_overwrites_and_postgresql_is_pointed_to_pg_dump(tmp_path: Path):
    database = tmp_path / "bot.sqlite3"
    sqlite3.connect(database).close()
    existing = tmp_path / "yesterday.sqlite3"
    existing.write_text("yesterday's backup")
    with pytest.raises(BackupRefused, match="exists"):
        backup(_settings(database, tmp_path / "k.key"), existing)
    assert existing.read_text() == "yesterday's backup"
    with pytest.raises(BackupRefused, match="no database at"):
        backup(_settings(tmp_path / "missing.sqlite3", tmp_path / "k.key"), tmp_path / "b")
    postgres = Settings(database_url="postgresql://reflection@db/reflection")
    with pytest.raises(BackupRefused, match="pg_dump"):
        backup(postgres, tmp_path / "copy")
