"""Scrubbing after erases runs one at a time: a client erasing again and again can't
queue rewrites of every table behind each other."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import storage.db
from storage.db import Database, create_engine, upgrade_schema


async def test_erases_during_a_scrub_are_covered_by_one_more_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    await upgrade_schema(engine)
    database = Database(engine)
    real = storage.db.scrub_after_erase
    running, most_at_once, runs = 0, 0, 0

    async def counted(database: Database) -> bool:
        nonlocal running, most_at_once, runs
        running, runs = running + 1, runs + 1
        most_at_once = max(most_at_once, running)
        try:
            await asyncio.sleep(0.2)  # long enough for the other erases to arrive
            return await real(database)
        finally:
            running -= 1

    monkeypatch.setattr(storage.db, "scrub_after_erase", counted)
    try:
        results = await asyncio.gather(*(database.scrub_after_erases() for _ in range(10)))
    finally:
        await engine.dispose()
    assert most_at_once == 1
    assert runs == 2  # the first, and one more for the nine that came during it
    assert results.count(None) == 9 and results.count(True) == 1
