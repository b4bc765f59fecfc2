"""What /share reads, from a real database (SQLite and PostgreSQL): the items the client
kept in their latest note and nothing they left out; words that raised a safety check only
when the client agreed to share them; the last N rated sessions and "how I've been"
rows; only the client's own."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from features.kernel.vocabulary import Client, Command, Facts, Press, State
from features.share.choice import first_choice
from features.share.loaded import ShareFacts
from features.share.loaders import load_share
from storage import clients, goals, notes, reflections, wellbeing
from storage.db import Database

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


async def _reflect(
    database: Database, user_id: int, serial: int, answers: dict[str, int | str]
) -> dict[str, int]:
    """A reflection on the session of the `serial`-th Tuesday of November; answer ids."""
    async with database.transaction() as session:
        await reflections.start_reflection(
            session=session, user_id=user_id, serial=serial, questions=list(answers),
            session_date=date(2026, 11, 3 + 7 * (serial - 1)), source="reflect",
        )  # fmt: skip
        for question, answer in answers.items():
            rating, text = (answer, None) if isinstance(answer, int) else (None, answer)
            await reflections.put_answer(
                session=session, user_id=user_id, serial=serial, question=question,
                rating=rating, text=text, danger=text is not None and "DANGER" in text,
            )  # fmt: skip
        reflection = await reflections.by_serial(session=session, user_id=user_id, serial=serial)
        assert reflection is not None and reflection.id is not None
        found = await reflections.answers_to(session=session, reflection_id=reflection.id)
        return {a.question: a.id for a in found if a.id is not None}


async def _load(database: Database, user_id: int, event: Command | Press) -> ShareFacts:
    async with database.transaction() as session:
        user = await clients.get_user(session=session, user_id=user_id)
        assert user is not None
        return await load_share(session, user, State(), event, Facts(Client(), NOW))


async def test_the_page_reads_what_the_client_kept_and_shares_danger_only_when_agreed(
    engine: AsyncEngine,
):
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
        goal = await goals.add_goal(session=session, user_id=1, text="Sleep through the night")
        await session.flush()
        key = f"goal:{goal.id}"
    first = await _reflect(database, 1, 1, {"heard": 5, key: 2, "bring_up": "My sister"})
    second = await _reflect(
        database,
        1,
        2,
        {"heard": 7, "helpful": "DANGER not shared", "obstacles": "Left out by me"},
    )
    third = await _reflect(database, 1, 3, {"heard": 8, key: 4, "not_helpful": "DANGER shared"})
    await _reflect(database, 2, 1, {"heard": 1, "bring_up": "Someone else's words"})
    async with database.transaction() as session:
        reflection = await reflections.by_serial(session=session, user_id=1, serial=3)
        assert reflection is not None
        await reflections.share_danger(session=session, reflection=reflection)
        await notes.create(
            session=session,
            user_id=1,
            serial=1,
            session_date=date(2026, 12, 1),
            items=[
                ("answer", first["bring_up"], None, True),
                ("answer", second["helpful"], None, True),
                ("answer", second["obstacles"], None, False),
                ("answer", third["not_helpful"], None, True),
                ("goal", third[key], 2, True),
            ],
        )
        for day, mood in ((date(2026, 11, 10), 3), (date(2026, 11, 17), 5)):
            await wellbeing.put_rating(
                session=session, user_id=1, session_date=day, part="overall", rating=mood,
                source="note", at=NOW,
            )  # fmt: skip
        await wellbeing.skip(
            session=session, user_id=1, session_date=date(2026, 11, 24), source="note", at=NOW
        )

    offered = await _load(database, 1, Command("share"))
    assert offered.note is not None and (offered.note.serial, offered.note.kept) == (1, 3)
    assert (offered.rated, offered.wellbeing, offered.page) == (3, 2, None)
    assert list(offered.goals.values()) == ["Sleep through the night"]

    three = first_choice(1, offered.goals).toggled("n3", 1)
    assert three is not None
    made = await _load(database, 1, Press(three.data("make")))
    assert made.page is not None
    entries = [(e.kind, e.section, e.words, e.rating, e.goal) for e in made.page.note_items]
    assert entries == [
        ("answer", "bring_up", "My sister", None, None),
        ("answer", "not_helpful", "DANGER shared", None, None),
        ("goal", "progress", None, 4, "Sleep through the night"),
    ]
    assert [(s.session_date, s.ratings["heard"]) for s in made.page.sessions] == [
        (date(2026, 11, 3), 5),
        (date(2026, 11, 10), 7),
        (date(2026, 11, 17), 8),
    ]
    # Rows with a rating only: a week skipped whole is no point on the trend.
    assert [(w.session_date, w.overall) for w in made.page.wellbeing] == [
        (date(2026, 11, 10), 3),
        (date(2026, 11, 17), 5),
    ]

    theirs = await _load(database, 2, Command("share"))
    assert theirs.note is None and not theirs.wellbeing and not theirs.goals


async def test_a_note_with_nothing_kept_is_not_offered(engine: AsyncEngine):
    database = Database(engine)
    async with database.transaction() as session:
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
    ids = await _reflect(database, 1, 1, {"bring_up": "Left out"})
    async with database.transaction() as session:
        await notes.create(
            session=session, user_id=1, serial=1, session_date=None,
            items=[("answer", ids["bring_up"], None, False)],
        )  # fmt: skip
    offered = await _load(database, 1, Command("share"))
    assert offered.note is None and not offered.rated and not offered.wellbeing
