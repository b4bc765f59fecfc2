"""`python -m bot backup PATH`: a consistent copy of the SQLite database, safe while the bot
runs. PostgreSQL has pg_dump for that; the command says so instead of copying."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import Settings

KEY_APART = (
    "The encryption key is not in the backup, and must not be kept beside it: store a copy "
    "of {key} somewhere else (a password manager, another machine). Without it no one can "
    "read the answers in the backup; beside it, anyone who takes the backup can."
)
PG_DUMP = (
    "for PostgreSQL, use pg_dump while the bot runs: "
    "(umask 077; pg_dump -Fc -f PATH DATABASE) (README.md, Backups)"
)


class BackupRefused(Exception):
    """The backup can't be made; the message is one line for the operator."""


def backup(settings: Settings, target: Path) -> str:
    """Copy the SQLite database into `target`, a new file readable by its owner only, with
    SQLite's online backup API: one read transaction, so the copy is of one moment while the
    bot goes on writing (WAL: readers don't block writers). Returns what to tell the
    operator, the key's keeping included."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite":
        raise BackupRefused(PG_DUMP)
    if not url.database or url.database == ":memory:":
        raise BackupRefused("DATABASE_URL names no SQLite file")
    source = Path(url.database)
    if not source.is_file():
        raise BackupRefused(f"there is no database at {source}")
    if target.exists():
        raise BackupRefused(f"{target} exists; name a new file")
    partial = target.with_name(f".{target.name}.partial")
    try:
        # Made 0600 before SQLite writes a byte: the copy holds what the database holds.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as problem:
        raise BackupRefused(f"{target} can't be written ({problem.strerror})") from None
    try:
        _copy(source, partial)
        partial.rename(target)
    except (sqlite3.Error, OSError) as problem:
        partial.unlink(missing_ok=True)
        raise BackupRefused(f"the copy failed ({type(problem).__name__})") from None
    size = target.stat().st_size
    key = "ENCRYPTION_KEY" if settings.encryption_key else str(settings.encryption_key_file)
    lines = [f"Backed up {source} to {target} ({size:,} bytes, readable by you only).",
             KEY_APART.format(key=key)]  # fmt: skip
    if not settings.encryption_key and settings.encryption_key_file.parent == target.parent:
        lines.append(f"The key file is in {target.parent}, beside this backup: move one of them.")
    return "\n".join(lines)


def _copy(source: Path, target: Path) -> None:
    """SQLite's backup API in one step (pages=-1): every page read in a single transaction.
    Read-only on the source; the bot's busy timeout is waited out like a reader would."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer, pages=-1)
            (verdict,) = writer.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError("the copy does not pass quick_check")
        finally:
            writer.close()
    finally:
        reader.close()
