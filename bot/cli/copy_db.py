"""`python -m bot copy-db --to URL`: the deployment's whole database (DATABASE_URL, the
SQLite file by default) copied into another, typically PostgreSQL for several replicas."""

from __future__ import annotations

from sqlalchemy.exc import ArgumentError

from bot.config import Settings
from storage.copying import CopyFailed, TargetNotEmpty, copy_everything
from storage.db import DatabaseUnavailable, create_engine, upgrade_schema
from storage.settings import with_async_driver


class CopyRefused(Exception):
    """The copy can't be made; the message is one line for the operator."""


async def copy_database(settings: Settings, target_url: str, shown_as: str) -> str:
    """Bring both databases to the newest schema, then copy everything from the source into
    the target, which must hold no clients; returns a summary for the operator (`shown_as`:
    the target's URL fit to print). Stop the bot first: what it writes during the copy
    would be missing from the target."""
    target_url = with_async_driver(target_url.strip())
    if target_url == settings.database_url:
        raise CopyRefused("the target is DATABASE_URL itself")
    try:
        target = create_engine(target_url)
    except (ArgumentError, ImportError) as problem:
        raise CopyRefused(
            f"--to can't be used ({type(problem).__name__}). "
            "Use postgresql://user@host/database or sqlite:///file.sqlite3."
        ) from None
    source = create_engine(settings.database_url)
    try:
        await upgrade_schema(source)
        try:
            await upgrade_schema(target)
        except DatabaseUnavailable as problem:
            raise CopyRefused(
                f"the target could not be opened or brought to the newest schema ({problem})"
            ) from None
        try:
            copied = await copy_everything(source, target)
        except TargetNotEmpty as problem:
            raise CopyRefused(f"{problem}; copy only into an empty database") from None
        except CopyFailed as problem:
            # One transaction: the target holds the schema and no rows, ready for another try.
            raise CopyRefused(f"{problem}; nothing was copied, the target is still empty") from None
    finally:
        await source.dispose()
        await target.dispose()
    width = max(len(name) for name in copied)
    rows = "\n".join(f"  {name:<{width}}  {count}" for name, count in copied.items())
    return (
        f"Copied into {shown_as} (rows per table):\n{rows}\n"
        "Encrypted texts were copied as they were stored: the same ENCRYPTION_KEY or key file "
        "reads them. Set DATABASE_URL to the new database to use it."
    )
