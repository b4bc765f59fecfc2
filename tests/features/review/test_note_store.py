"""What a note holds, read from a real database (SQLite and PostgreSQL): each goal's latest
rating, answers to "did it feel right?", a dropped rating only when the client agreed to
raise it, and what the client left out of their last note left out again."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from features.review.loaders import material, view
from features.review.note import NoteItem
from storage import clients, goals, memos, notes, reflections, review_rows
from storage.db import Database

LATER = date(2099, 1, 1)


async def _reflect(database: Database, serial: int, answers: dict[str, int | str]) -> None:
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        await reflections.start_reflection(
            session=session, user_id=1, serial=serial, questions=list(answers),
            session_date=date(2026, 11, serial), source="reflect",
        )  # fmt: skip
        for question, answer in answers.items():
            rating, text = (answer, None) if isinstance(answer, int) else (None, answer)
            await reflections.put_answer(
                session=session, user_id=1, serial=serial, question=question, rating=rating,
                text=text,
            )  # fmt: skip


async def _material(database: Database) -> tuple[NoteItem, ...]:
    async with database.transaction() as session:
        return await material(session, 1, datetime.now(UTC), LATER)


async def test_a_note_holds_goals_out_of_ten_and_felt_right_but_no_unagreed_drop(
    engine: AsyncEngine,
):
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        goal = await goals.add_goal(session=session, user_id=1, text="Sleep better")
        await session.flush()
        key = f"goal:{goal.id}"
    await _reflect(database, 1, {"heard": 8, "approach": 8, key: 6, "felt_right": "Rushed"})
    await _reflect(database, 2, {"heard": 8, "approach": 2, key: 3})
    found = await _material(database)
    assert [(i.kind, i.question, i.text) for i in found if i.kind == "answer"] == [
        ("answer", "felt_right", "Rushed")
    ]
    [progress] = [i for i in found if i.kind == "goal"]
    assert (progress.rating, progress.previous, progress.goal) == (3, 6, "Sleep better")
    # The approach dropped from 8 to 2, but the client didn't agree to raise it.
    assert not any(i.kind in ("drop", "topic") for i in found)

    async with database.transaction() as session:
        reflection = await reflections.by_serial(session=session, user_id=1, serial=2)
        assert reflection is not None
        await reflections.add_topics(
            session=session, user_id=1, reflection=reflection, ratings=[("approach", 2), (key, 3)]
        )
    found = await _material(database)
    assert sorted((i.question, i.rating) for i in found if i.kind == "topic") == [
        ("approach", 2),
        (key, 3),
    ]
    assert not any(i.kind == "goal" for i in found)  # raised already, not twice


async def test_what_the_client_left_out_stays_out_until_they_put_it_back(engine: AsyncEngine):
    database = Database(engine)
    await _reflect(database, 1, {"bring_up": "My sister", "helpful": "Breathing"})
    found = await _material(database)
    assert all(i.included for i in found)
    async with database.transaction() as session:
        await notes.create(
            session=session, user_id=1, serial=1, session_date=None,
            items=[(i.kind, i.ref, i.previous, True) for i in found],
        )  # fmt: skip
        sister = next(n for n, i in enumerate(found) if i.text == "My sister")
        await notes.toggle(session=session, user_id=1, serial=1, index=sister)
    again = await _material(database)
    assert {i.text: i.included for i in again} == {"My sister": False, "Breathing": True}

    # Put back in the next note: in again after that.
    async with database.transaction() as session:
        await notes.create(
            session=session, user_id=1, serial=2, session_date=None,
            items=[(i.kind, i.ref, i.previous, i.included) for i in again],
        )  # fmt: skip
        await notes.toggle(session=session, user_id=1, serial=2, index=sister)
    assert all(i.included for i in await _material(database))


async def test_a_reflection_only_started_before_the_window_is_not_what_trends_compare_with(
    engine: AsyncEngine,
):
    database = Database(engine)
    await _reflect(database, 1, {"heard": 7, "focus": 6, "helpful": "Breathing"})
    async with database.transaction() as session:
        first = await reflections.by_serial(session=session, user_id=1, serial=1)
        assert first is not None
        await reflections.finish(session=session, reflection=first, complete=True)
    await _reflect(database, 2, {"heard": 2})  # a stray tap, then /cancel: unfinished
    await _reflect(database, 3, {"heard": 8, "focus": 8, "approach": 8})
    async with database.transaction() as session:
        rows = await review_rows.reflections_in(
            session=session, user_id=1, days=None, at_least=0, today=LATER, fewest_answers=3
        )
        assert [r.serial for r in rows.reflections] == [1, 2, 3]
        # A window holding only the last: the rating before it is the 7, not the tap's 2.
        rows = await review_rows.reflections_in(
            session=session, user_id=1, days=1, at_least=1, today=LATER, fewest_answers=3
        )
    assert [r.serial for r in rows.reflections] == [3]
    assert rows.earlier == {"heard": 7, "focus": 6}


async def test_a_rating_declined_for_raising_is_in_no_note(engine: AsyncEngine):
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        goal = await goals.add_goal(session=session, user_id=1, text="Sleep better")
        await session.flush()
        key = f"goal:{goal.id}"
    await _reflect(database, 1, {"heard": 3, key: 2})
    async with database.transaction() as session:
        reflection = await reflections.by_serial(session=session, user_id=1, serial=1)
        assert reflection is not None
        await reflections.add_topics(
            session=session, user_id=1, reflection=reflection,
            ratings=[("heard", 3), (key, 2)], declined_at=datetime.now(UTC),
        )  # fmt: skip
    assert await _material(database) == ()


async def test_words_added_outside_a_reflection_are_in_the_next_note(engine: AsyncEngine):
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        await memos.add(session=session, user_id=1, text="A hard day at work", at=datetime.now(UTC))
    [item] = await _material(database)
    assert (item.kind, item.section, item.text, item.included) == (
        "memo",
        "bring_up",
        "A hard day at work",
        True,
    )
    async with database.transaction() as session:
        kept = await notes.create(
            session=session, user_id=1, serial=1, session_date=None,
            items=[(item.kind, item.ref, None, True)],
        )  # fmt: skip
        shown = await view(session, kept)
    assert [(i.kind, i.text) for i in shown.items] == [("memo", "A hard day at work")]
