"""`python -m bot copy-db --to URL`: a SQLite deployment moved to PostgreSQL with everything
in it, readable with the same key, ready for new rows; a second copy is refused."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, type_coerce
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from storage import checkins, fits, memos, notes, reflections, safety, schedules, wellbeing
from storage import clients as repo
from storage import goals as preferences
from storage.crypto import EncryptedText
from storage.db import Database, upgrade_schema
from storage.models import Answer, CheckIn, FitCheck, Goal, Memo, OwnQuestion, Schedule
from storage.schedules import Planned
from tests.bot.test_cli import run_bot
from tests.support.databases import encrypted_engine, fresh_postgres_database

# The bot's own command line in a subprocess, a second or so each: with the end-to-end
# tests, out of the quick tier.
pytestmark = pytest.mark.e2e

NOW = datetime(2026, 11, 24, 18, 50, tzinfo=UTC)
TUESDAY = date(2026, 11, 24)
ADA, BEN = 7_999_999_999, 1002  # Telegram ids pass 32 bits


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    async with fresh_postgres_database() as url:
        yield url


async def _a_deployment(url: str, key_file: Path) -> None:
    """Two clients who used everything: reflections with words, goals, questions of their
    own, a schedule with prompts, a note, fit checks, a topic to raise."""
    engine = encrypted_engine(url, key_file=key_file)
    await upgrade_schema(engine)
    database = Database(engine)
    try:
        for user_id, words in ((ADA, "Slowly, yes. Especially at work"), (BEN, "Not yet \u2014 ")):
            async with database.transaction() as session:
                await repo.get_or_create_user(
                    session=session, user_id=user_id, chat_id=user_id, language="de-AT"
                )
                flow = await repo.load_flow(session=session, user_id=user_id)
                await repo.save_flow(
                    session=session, flow=flow, step="reflect", data={"serial": 1}, update_id=9
                )
                await repo.set_time_zone(session=session, user_id=user_id, time_zone="Asia/Tokyo")
                reflection = await reflections.start_reflection(
                    session=session, user_id=user_id, serial=1, questions=["heard", "progress"],
                    session_date=TUESDAY, source="prompt",
                )  # fmt: skip
                await reflections.put_answer(
                    session=session, user_id=user_id, serial=1, question="heard", rating=3
                )
                await reflections.put_answer(
                    session=session, user_id=user_id, serial=1, question="progress", text=words
                )
                await reflections.finish(session=session, reflection=reflection, complete=True)
                await reflections.add_topics(
                    session=session, user_id=user_id, reflection=reflection, ratings=[("heard", 3)]
                )
                goal = await preferences.add_goal(
                    session=session, user_id=user_id, text=f"walk every day, {user_id}"
                )
                await preferences.add_own_question(
                    session=session, user_id=user_id, text="Did I say what I meant?"
                )
                await session.flush()
                assert goal.id is not None
                await preferences.retire_goal(session=session, user_id=user_id, goal_id=goal.id)
                row = Schedule(user_id=user_id, weekdays=[1], start_time="17:00", anchor=TUESDAY)
                await schedules.save_schedule(session=session, schedule=row)
                await schedules.ensure(
                    session=session,
                    user_id=user_id,
                    planned=[
                        Planned("reflection", TUESDAY, NOW),
                        Planned("preparation", TUESDAY + timedelta(days=7), NOW),
                    ],
                )
                due = await schedules.due(session=session, now=NOW, limit=10)
                (prompt,) = [p for p in due if p.user_id == user_id and p.kind == "reflection"]
                await notes.create(
                    session=session, user_id=user_id, serial=1, items=[("topic", 1, None, True)],
                    session_date=TUESDAY, prompt_id=prompt.id,
                )  # fmt: skip
                await fits.start(
                    session=session, user_id=user_id, serial=1, seeing_therapist=True, at=NOW
                )
                await fits.save_choice(
                    session=session, user_id=user_id, serial=1, item="feels_right", choice="yes"
                )
                await fits.finish(session=session, user_id=user_id, serial=1, at=NOW)
                await safety.save_section(
                    session=session, user_id=user_id, section="reasons", text="My sister"
                )
                await memos.add(session=session, user_id=user_id, text="A hard week", at=NOW)
                await wellbeing.put_rating(
                    session=session, user_id=user_id, session_date=date(2026, 11, 24),
                    part="overall", rating=6, source="note", at=NOW,
                )  # fmt: skip
                await checkins.put_face(
                    session=session, user_id=user_id, day=date(2026, 11, 26), face=4, at=NOW
                )
                await checkins.put_text(
                    session=session, user_id=user_id, day=date(2026, 11, 26),
                    text="A walk helped", at=NOW,
                )  # fmt: skip
    finally:
        await engine.dispose()


async def _every_row(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, by key, with encrypted texts as their stored tokens."""
    found = {}
    async with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            columns = [
                type_coerce(c, c.type.impl_instance) if isinstance(c.type, EncryptedText) else c
                for c in table.columns
            ]
            statement = select(*columns).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in await connection.execute(statement)]
    return found


async def _every_text(engine: AsyncEngine) -> list[tuple[str, int | None, str | None]]:
    """Every encrypted text, decrypted with the engine's key."""
    texts: list[tuple[str, int | None, str | None]] = []
    async with Database(engine).transaction() as session:
        for model in (Answer, Goal, OwnQuestion, Memo, CheckIn):
            rows = (await session.exec(select(model).order_by(model.id))).scalars().all()
            texts += [(model.__name__, row.id, row.text) for row in rows]
        checks = (await session.exec(select(FitCheck).order_by(FitCheck.id))).scalars().all()
        texts += [("FitCheck", check.id, check.answers) for check in checks]
    return texts


async def test_copy_db_moves_everything_to_postgresql_readable_with_the_same_key(
    tmp_path: Path, postgres_url: str
):
    key_file = tmp_path / "encryption.key"
    source_url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    await _a_deployment(source_url, key_file)

    result = await asyncio.to_thread(run_bot, tmp_path, "copy-db", "--to", postgres_url)
    assert result.returncode == 0, result.stderr
    assert re.search(r"users +2\n", result.stdout) and re.search(r"answers +4\n", result.stdout)

    source, target = (
        encrypted_engine(source_url, key_file=key_file),
        encrypted_engine(postgres_url, key_file=key_file),
    )
    try:
        copied, original = await _every_row(target), await _every_row(source)
        assert copied == original
        assert all(original[table.name] for table in SQLModel.metadata.sorted_tables)
        assert await _every_text(target) == await _every_text(source)
        assert ("Answer", 2, "Slowly, yes. Especially at work") in await _every_text(target)
        await _new_rows_get_new_ids(target, copied)
    finally:
        await source.dispose()
        await target.dispose()

    # And back, as a deployment leaving PostgreSQL would: the source read in one snapshot.
    back_url = f"sqlite+aiosqlite:///{tmp_path / 'back.sqlite3'}"
    back = await asyncio.to_thread(
        run_bot, tmp_path, "copy-db", "--to", back_url, DATABASE_URL=postgres_url
    )
    assert back.returncode == 0, back.stderr
    target, returned = (
        encrypted_engine(postgres_url, key_file=key_file),
        encrypted_engine(back_url, key_file=key_file),
    )
    try:
        assert await _every_row(returned) == await _every_row(target)
    finally:
        await target.dispose()
        await returned.dispose()

    again = await asyncio.to_thread(run_bot, tmp_path, "copy-db", "--to", postgres_url)
    assert again.returncode == 2
    lines = [line for line in again.stderr.splitlines() if " INFO " not in line and line.strip()]
    assert len(lines) == 1 and "Traceback" not in again.stderr, again.stderr
    assert "already holds 3 clients; copy only into an empty database" in lines[0]


async def _new_rows_get_new_ids(target: AsyncEngine, copied: dict[str, list[Any]]) -> None:
    """The bot carries on in the copy: a new client's rows take ids after the copied ones."""
    async with Database(target).transaction() as session:
        await repo.get_or_create_user(session=session, user_id=3003, chat_id=3003, language="en")
        reflection = await reflections.start_reflection(
            session=session, user_id=3003, serial=1, questions=["progress"],
            session_date=TUESDAY, source="reflect",
        )  # fmt: skip
        await reflections.put_answer(
            session=session, user_id=3003, serial=1, question="progress", text="a new answer"
        )
        goal = await preferences.add_goal(session=session, user_id=3003, text="rest")
        await schedules.ensure(
            session=session, user_id=3003, planned=[Planned("reflection", TUESDAY, NOW)]
        )
        note = await notes.create(
            session=session, user_id=3003, serial=1, items=[], session_date=None
        )
        await fits.start(session=session, user_id=3003, serial=1, seeing_therapist=False, at=NOW)
        await session.flush()
    assert reflection.id == len(copied["reflections"]) + 1
    assert goal.id == len(copied["goals"]) + 1
    assert note.id == len(copied["notes"]) + 1


async def test_a_copy_failing_midway_is_one_line_and_leaves_the_target_empty(
    tmp_path: Path, postgres_url: str
):
    """A SQLite file written without its foreign keys (by hand, say) holds a goal whose client
    is gone: PostgreSQL refuses it. The operator gets one line naming the table, never the
    row (PostgreSQL's own message quotes the key), and the target holds no rows."""
    key_file = tmp_path / "encryption.key"
    source_file = tmp_path / "bot.sqlite3"
    await _a_deployment(f"sqlite+aiosqlite:///{source_file}", key_file)
    orphan = 918_273_645
    with sqlite3.connect(source_file) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("UPDATE goals SET user_id = ? WHERE id = 1", (orphan,))

    result = await asyncio.to_thread(run_bot, tmp_path, "copy-db", "--to", postgres_url)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if " INFO " not in line and line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "copying the table goals failed (IntegrityError 23503)" in lines[0]
    assert "nothing was copied, the target is still empty" in lines[0]
    assert str(orphan) not in result.stderr + result.stdout
    target = encrypted_engine(postgres_url, key_file=key_file)
    try:
        rows = await _every_row(target)
    finally:
        await target.dispose()
    assert not any(rows.values())


def test_copy_db_without_a_target_or_with_a_bad_one_is_one_line(tmp_path: Path):
    for args, expected in (
        ((), "name the target"),
        (("--to", "not-a-url"), "--to can't be used (ArgumentError)"),
        (("--to", f"sqlite:///{tmp_path / 'bot.sqlite3'}"), "the target is DATABASE_URL"),
        (("--to", "postgresql://nobody:hunter2@127.0.0.1:1/x"), "(ConnectionRefusedError)"),
    ):
        result = run_bot(tmp_path, "copy-db", *args)
        assert result.returncode == 2, result.stderr
        lines = [line for line in result.stderr.splitlines() if " INFO " not in line]
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert expected in lines[0] and "hunter2" not in result.stderr


def test_help_names_copy_db(tmp_path: Path):
    shown = " ".join(run_bot(tmp_path, "--help").stdout.split())
    assert "copy-db --to URL: copy everything into another, empty database" in shown
    assert "--to URL copy-db: the database to copy into" in shown
