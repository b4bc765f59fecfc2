"""What /learned and /find read, from a real database of each kind: exactly the client's
own words (never another client's), newest first, in a few statements, and words of
danger in /learned only when the client agreed to share them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from features.kernel.vocabulary import Client, Command, Facts, Press, State, Step, Text
from features.learned.loaded import ANSWER, GOAL, MEMO, OWN_QUESTION, PLAN
from features.learned.loaders import load_learned, load_writings
from storage import clients, goals, memos, reflections, safety
from storage.db import Database

ADA, BEN = 1, 2
NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
FACTS = Facts(Client("Europe/Berlin"), NOW)


async def _reflection(
    database: Database,
    user_id: int,
    serial: int,
    day: date,
    words: dict[str, str],
    danger: frozenset[str] = frozenset(),
    shared: bool = False,
) -> None:
    async with database.transaction() as session:
        reflection = await reflections.start_reflection(
            session=session,
            user_id=user_id,
            serial=serial,
            questions=["heard", *words],
            session_date=day,
            source="reflect",
        )
        await reflections.put_answer(
            session=session, user_id=user_id, serial=serial, question="heard", rating=7
        )
        for question, text in words.items():
            await reflections.put_answer(
                session=session,
                user_id=user_id,
                serial=serial,
                question=question,
                text=text,
                danger=question in danger,
            )
        if shared:
            await reflections.share_danger(session=session, reflection=reflection)


@pytest.fixture
async def database(engine: AsyncEngine) -> Database:
    """Ada and Ben, both writing about sleep; Ada with every kind of writing."""
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (ADA, BEN):
            user = await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
            user.time_zone = "Europe/Berlin"
    await _reflection(
        database,
        ADA,
        1,
        date(2026, 10, 27),
        {"helpful": "Sleep diary", "bring_up": "My sister", "obstacles": "Sleepless nights"},
    )
    await _reflection(
        database,
        ADA,
        2,
        date(2026, 11, 24),
        {"helpful": "I wanted to die, and sleep helped", "progress": "slowly"},
        danger=frozenset({"helpful"}),
    )
    await _reflection(
        database,
        ADA,
        3,
        date(2026, 11, 10),  # a catch-up, written later about an earlier session
        {"bring_up": "I don't want to live like this", "helpful": "Walking"},
        danger=frozenset({"bring_up"}),
        shared=True,
    )
    await _reflection(database, BEN, 1, date(2026, 11, 24), {"helpful": "Ben's sleep trick"})
    async with database.transaction() as session:
        await memos.add(
            session=session,
            user_id=ADA,
            text="Ask about sleep",
            at=datetime(2026, 11, 30, 23, 30, tzinfo=UTC),
        )
        await memos.add(session=session, user_id=BEN, text="Ben's memo", at=NOW)
        await goals.add_goal(session=session, user_id=ADA, text="Sleep through the night")
        await goals.add_goal(session=session, user_id=BEN, text="Ben's goal about sleep")
        await goals.add_own_question(session=session, user_id=ADA, text="Did I sleep?")
        await safety.save_section(
            session=session, user_id=ADA, section="coping", text="Sleep early"
        )
        await safety.save_section(session=session, user_id=BEN, section="coping", text="Ben sleeps")
    return database


async def test_learned_reads_what_helped_and_what_to_bring_up_of_this_client_only(
    database: Database,
):
    async with database.transaction() as session:
        user = await clients.lock_user(session=session, user_id=ADA)
        assert user is not None
        read = await load_learned(session, user, State(), Command("learned"), FACTS)
    found = read.learned
    assert found is not None
    assert [(p.kind, p.key, p.text, p.day) for p in found.pieces] == [
        (MEMO, MEMO, "Ask about sleep", date(2026, 12, 1)),  # 00:30 in Berlin
        (ANSWER, "bring_up", "I don't want to live like this", date(2026, 11, 10)),
        (ANSWER, "helpful", "Walking", date(2026, 11, 10)),
        (ANSWER, "helpful", "Sleep diary", date(2026, 10, 27)),
        (ANSWER, "bring_up", "My sister", date(2026, 10, 27)),
    ]
    # Danger not shared: left out, and counted so the page can say so gently.
    assert found.held_back == 1
    assert found.upto_answer > 0 and found.upto_memo > 0


async def test_a_page_button_reads_only_what_the_first_page_counted(database: Database):
    async with database.transaction() as session:
        user = await clients.lock_user(session=session, user_id=ADA)
        assert user is not None
        first = (await load_learned(session, user, State(), Command("learned"), FACTS)).learned
    assert first is not None
    await _reflection(database, ADA, 4, date(2026, 12, 1), {"helpful": "Newer words"})
    async with database.transaction() as session:
        await memos.add(session=session, user_id=ADA, text="Newer memo", at=NOW)
    async with database.transaction() as session:
        user = await clients.lock_user(session=session, user_id=ADA)
        assert user is not None
        data = f"ln:{first.upto_answer}:{first.upto_memo}:1"
        paged = (await load_learned(session, user, State(), Press(data), FACTS)).learned
        forged = await load_learned(session, user, State(), Press("ln:x"), FACTS)
    assert paged is not None and paged.pieces == first.pieces
    assert forged.learned is None


async def test_find_reads_everything_the_client_wrote_and_nothing_of_anyone_else(
    engine: AsyncEngine, database: Database
):
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))  # (conn, cursor, statement, ...)

    async with database.transaction() as session:
        user = await clients.lock_user(session=session, user_id=ADA)
        assert user is not None
        event.listen(engine.sync_engine, "before_cursor_execute", count)
        try:
            read = await load_writings(session, user, State(Step.FIND_WORD), Text("sleep"), FACTS)
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", count)
    texts = [p.text for p in read.pieces]
    assert sorted(texts) == sorted(
        [
            "Sleep diary",
            "My sister",
            "Sleepless nights",
            "I wanted to die, and sleep helped",  # /find shows the client all their words
            "slowly",
            "I don't want to live like this",
            "Walking",
            "Ask about sleep",
            "Sleep through the night",
            "Did I sleep?",
            "Sleep early",
        ]
    )
    assert not any("Ben" in text for text in texts)
    days = [p.day for p in read.pieces]
    assert days == sorted(days, reverse=True)
    kinds = {p.kind for p in read.pieces}
    assert kinds == {ANSWER, GOAL, OWN_QUESTION, MEMO, PLAN}
    plan = [p for p in read.pieces if p.kind == PLAN]
    assert [(p.key, p.text, p.dated) for p in plan] == [("coping", "Sleep early", False)]
    assert list(read.goals.values()) == ["Sleep through the night"]
    assert list(read.own_questions.values()) == ["Did I sleep?"]
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) <= 5, reads


async def test_a_client_who_wrote_nothing_reads_nothing(database: Database):
    async with database.transaction() as session:
        user = await clients.get_or_create_user(
            session=session, user_id=3, chat_id=3, language="en"
        )
        learned = await load_learned(session, user, State(), Command("learned"), FACTS)
        written = await load_writings(session, user, State(), Command("find", "x"), FACTS)
    assert learned.learned is not None and learned.learned.pieces == ()
    assert written.pieces == ()
