"""Danger-flagged answers and safety plans in the database (SQLite and PostgreSQL): a note
leaves flagged words out unless the client agreed, and a plan is kept encrypted."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from features.review.loaders import material
from storage import clients, reflections, safety
from storage.db import Database

LATER = datetime(2099, 1, 1, tzinfo=UTC)


async def _reflection_with(database: Database, answers: dict[str, tuple[str, bool]]) -> None:
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        await reflections.start_reflection(
            session=session, user_id=1, serial=1, questions=list(answers),
            session_date=date(2026, 12, 1), source="reflect",
        )  # fmt: skip
        for question, (words, danger) in answers.items():
            await reflections.put_answer(
                session=session, user_id=1, serial=1, question=question, text=words,
                danger=danger,
            )  # fmt: skip


async def _note_words(database: Database) -> list[str]:
    async with database.transaction() as session:
        now = datetime.now(UTC)
        items = await material(session, 1, now, LATER.date())
    return [item.text or "" for item in items]


async def test_words_of_danger_stay_out_of_a_note_until_the_client_says_yes(engine: AsyncEngine):
    database = Database(engine)
    await _reflection_with(
        database,
        {
            "helpful": ("The breathing exercise", False),
            "not_helpful": ("I want to die", True),
            "felt_right": ("I'm not safe at home", True),
        },
    )
    assert await _note_words(database) == ["The breathing exercise"]
    async with database.transaction() as session:
        reflection = await reflections.by_serial(session=session, user_id=1, serial=1)
        assert reflection is not None
        await reflections.share_danger(session=session, reflection=reflection)
    # Agreed: both, even the one to a question a note doesn't usually hold.
    assert sorted(await _note_words(database)) == [
        "I want to die",
        "I'm not safe at home",
        "The breathing exercise",
    ]


async def test_clearing_an_answer_clears_its_flag(engine: AsyncEngine):
    database = Database(engine)
    await _reflection_with(database, {"helpful": ("I want to die", True)})
    async with database.transaction() as session:
        await reflections.put_answer(session=session, user_id=1, serial=1, question="helpful")
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful", text="A good talk"
        )
    assert await _note_words(database) == ["A good talk"]


async def test_a_safety_plan_is_kept_encrypted_part_by_part(engine: AsyncEngine):
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        assert await safety.get_plan(session=session, user_id=1) is None
        await safety.save_section(session=session, user_id=1, section="reasons", text="marker-9c1e")
        await safety.save_section(session=session, user_id=1, section="contacts", text="Anna")
    async with database.transaction() as session:
        await safety.save_section(session=session, user_id=1, section="contacts", text="")
        plan = await safety.get_plan(session=session, user_id=1)
    assert plan == {"reasons": "marker-9c1e"}
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM safety_plans"))).all()
    assert len(rows) == 1 and "marker-9c1e" not in repr(rows)


async def test_a_note_made_before_words_of_danger_were_added_does_not_show_them(
    engine: AsyncEngine,
):
    from features.review.loaders import view
    from storage import notes

    database = Database(engine)
    await _reflection_with(database, {"helpful": ("A good talk", False)})
    async with database.transaction() as session:
        (item,) = await material(session, 1, datetime.now(UTC), LATER.date())
        kept = await notes.create(
            session=session, user_id=1, serial=1, items=[("answer", item.ref, None, True)],
            session_date=None,
        )  # fmt: skip
        await reflections.put_answer(
            session=session, user_id=1, serial=1, question="helpful",
            text="A good talk\n\nI want to die", danger=True,
        )  # fmt: skip
    async with database.transaction() as session:
        shown = await view(session, kept)
    assert shown.items[0].text is None and not shown.items[0].included
