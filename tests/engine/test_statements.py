"""What a turn costs the database, counted on the engine as statements go out (BEGIN,
COMMIT and SQLite's PRAGMAs aside), the turn run as the bot runs it (features.kernel.
engine with the bot's loader, router and stores) on both databases; and the client's
place in a reflection, which their state holds while they walk it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from features.kernel.engine import Sender, run_turn
from features.kernel.vocabulary import Command, Event, Outcome, Press, Ref, Reply, Step, Text
from features.safety.crisis import load as load_crisis
from handlers.turn import turn_engine
from storage import clients, goals
from storage.db import Database
from storage.models import Answer, Reflection
from tests.support.stores import a_client

NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
CLIENT = 1
_NOT_COUNTED = ("PRAGMA", "BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


class Walker:
    """One client's turns, each in its own transaction as the bot takes them, and the
    statements each sent."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.database = Database(engine)
        self.engine = turn_engine(load_crisis(), lambda: NOW)
        self.update_id = 0
        self.sent: list[str] = []
        event.listen(engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, conn: object, cursor: object, statement: str, *rest: object) -> None:
        words = statement.split(None, 1)
        if words and words[0].upper() not in _NOT_COUNTED:
            self.sent.append(" ".join(statement.split()))

    async def send(self, happening: Event) -> tuple[Outcome, list[str]]:
        """The outcome of one turn, and the statements it sent."""
        self.update_id += 1
        start = len(self.sent)
        async with self.database.transaction() as session:
            outcome, _ = await run_turn(
                session,
                self.engine,
                Sender(CLIENT, CLIENT, "en"),
                self.update_id,
                happening,
                lambda client: None if client is not None else "open",
            )
        assert outcome is not None
        return outcome, self.sent[start:]


@pytest.fixture
async def walker(engine: AsyncEngine) -> Walker:
    await a_client(Database(engine), CLIENT, time_zone="Europe/Berlin")
    walker = Walker(engine)
    await walker.send(Command("reflect"))  # four ratings, then the open questions
    return walker


def _writes(sent: list[str]) -> list[str]:
    return [sql.split(" (")[0].split(" SET ")[0] for sql in sent if not sql.startswith("SELECT")]


def _locks_client_and_flow_at_once(sent: list[str]) -> bool:
    lock = sent[0]
    return "FROM users JOIN flow_states" in lock and not any(
        "FROM flow_states" in sql for sql in sent[1:]
    )


async def _stored(walker: Walker) -> tuple[int, dict[str, tuple[object, ...]]]:
    """The reflection's kept place, and its answers."""
    async with walker.database.transaction() as session:
        reflection = await session.get(Reflection, 1)
        assert reflection is not None
        answers = (await session.exec(Answer.__table__.select())).all()  # type: ignore[attr-defined]
    return reflection.position, {a.question: (a.rating, a.text, a.skipped) for a in answers}


async def test_a_rating_press_locks_once_and_writes_the_answer_and_the_state(walker: Walker):
    outcome, sent = await walker.send(Press("r:1:0:7"))
    assert outcome.state.data == {"serial": 1, "position": 1}
    assert _locks_client_and_flow_at_once(sent)
    assert _writes(sent) == ["INSERT INTO answers", "UPDATE flow_states"]
    # One read after the lock (the reflection, its answers, goals and own questions at
    # once), and neither a read of the answer before writing it nor the reflection's row.
    assert len(sent) == 4 and [sql.startswith("SELECT") for sql in sent] == [1, 1, 0, 0]
    assert "UNION ALL" in sent[1]
    assert not any(sql.startswith("SELECT answers.id") and "answers.question =" in sql
                   for sql in sent)  # fmt: skip
    assert await _stored(walker) == (0, {"heard": (7, None, False)})


async def test_a_text_answer_a_back_a_next_and_a_skip_write_no_more_than_they_must(
    walker: Walker,
):
    for position in range(4):
        await walker.send(Press(f"r:1:{position}:8"))
    moved, written = await walker.send(Text("Talking about work helped"))
    assert _writes(written) == ["INSERT INTO answers", "UPDATE flow_states"]
    assert moved.state.data["position"] == 5  # written is answered: on to the next
    _, back = await walker.send(Press("r:1:5:back"))
    assert _writes(back) == ["UPDATE flow_states"]
    _, more = await walker.send(Text("and the walk after"))
    assert _writes(more) == ["INSERT INTO answers", "UPDATE flow_states"]
    await walker.send(Press("r:1:5:back"))
    outcome, going_on = await walker.send(Press("r:1:4:next"))
    assert _writes(going_on) == ["UPDATE flow_states"]
    assert outcome.state.data["position"] == 5
    _, skip = await walker.send(Press("r:1:5:skip"))
    assert _writes(skip) == ["INSERT INTO answers", "UPDATE flow_states"]
    for sent in (written, back, more, going_on, skip):
        assert _locks_client_and_flow_at_once(sent)
        assert len(sent) <= AT_MOST
    _, answers = await _stored(walker)
    assert answers["progress"] == (None, "Talking about work helped\n\nand the walk after", False)
    assert answers["obstacles"] == (None, None, True)


async def test_skip_the_rest_ends_the_reflection_writing_no_answer(walker: Walker):
    await walker.send(Press("r:1:0:8"))
    ended, sent = await walker.send(Press("r:1:1:rest"))
    assert ended.state.step is not Step.REFLECTING
    # Its end reads the recent ratings too, and closes the row: as the last answer's.
    assert len(sent) == AT_MOST + 1 and _writes(sent) == [
        "UPDATE reflections",
        "UPDATE flow_states",
    ]
    async with walker.database.transaction() as session:
        reflection = await session.get(Reflection, 1)
        assert reflection is not None and reflection.complete
    assert (await _stored(walker))[1] == {"heard": (8, None, False)}


async def test_leaving_a_reflection_keeps_the_place_and_resuming_finds_it(walker: Walker):
    await walker.send(Press("r:1:0:7"))
    await walker.send(Press("r:1:1:6"))
    assert (await _stored(walker))[0] == 0  # the state holds the place while walking
    help_, sent = await walker.send(Command("help"))  # asks the question again, stays
    assert help_.state.step is Step.REFLECTING and "UPDATE reflections" not in _writes(sent)
    asked = [e for e in help_.effects if isinstance(e, Reply)][-1]
    assert asked.args["n"] == "3"
    left, sent = await walker.send(Command("goals"))
    assert left.state.step is not Step.REFLECTING
    assert "UPDATE reflections" in _writes(sent)
    assert (await _stored(walker))[0] == 2
    offer, _ = await walker.send(Command("reflect"))
    (resume,) = [e for e in offer.effects if isinstance(e, Reply)]
    assert resume.text == "reflection.resume_offer" and resume.args["n"] == "3"
    back, _ = await walker.send(Press("rs:1:go"))
    assert back.state.data == {"serial": 1, "position": 2}


async def test_a_state_kept_before_it_held_the_place_goes_on_where_the_row_says(
    walker: Walker,
):
    async with walker.database.transaction() as session:
        reflection = await session.get(Reflection, 1)
        assert reflection is not None
        reflection.position = 2
        found = await clients.lock_client_with_flow(session=session, user_id=CLIENT)
        assert found is not None
        await clients.save_flow(session=session, flow=found[1], step="reflecting",
                                data={"serial": 1})  # fmt: skip
    outcome, _ = await walker.send(Press("r:1:2:9"))
    assert outcome.state.data == {"serial": 1, "position": 3}
    assert (await _stored(walker))[1] == {"approach": (9, None, False)}
    stale, _ = await walker.send(Press("r:1:2:4"))  # the same button again: moved on
    assert [type(e).__name__ for e in stale.effects] == ["Toast"]


async def test_the_last_answer_finishes_the_reflection_at_its_last_question(walker: Walker):
    for position in range(4):
        await walker.send(Press(f"r:1:{position}:8"))
    for position in range(4, 10):
        await walker.send(Press(f"r:1:{position}:skip"))
    async with walker.database.transaction() as session:
        reflection = await session.get(Reflection, 1)
        assert reflection is not None
        assert reflection.complete and reflection.position == 9


# At most: the client and their flow locked, ONE read (the open reflection, its answers,
# the client's goals and own questions), the answer written, the state saved.
AT_MOST = 4


async def test_each_answer_costs_at_most_four_statements_with_a_goal_and_an_own_question(
    engine: AsyncEngine,
) -> None:
    database = Database(engine)
    await a_client(database, CLIENT, time_zone="Europe/Berlin")
    async with database.transaction() as session:
        await goals.add_goal(session=session, user_id=CLIENT, text="Sleep before midnight")
        await goals.add_own_question(session=session, user_id=CLIENT, text="Did I rest?")
    walker = Walker(engine)
    await walker.send(Command("reflect"))
    costs: list[tuple[str, int]] = []
    for position in range(4):
        rated, sent = await walker.send(Press(f"r:1:{position}:7"))
        costs.append(("rating press", len(sent)))
    (goal,) = [e for e in rated.effects if isinstance(e, Reply)]  # the goal's question, read
    assert goal.args["question"] == Ref("question.goal", {"goal": "Sleep before midnight"})
    progress, sent = await walker.send(Press("r:1:4:6"))  # the goal's progress rating
    costs.append(("goal rating press", len(sent)))
    (asked,) = [e for e in progress.effects if isinstance(e, Reply)]
    item = Ref("question.goal_item", {"goal": "Sleep before midnight"})
    assert asked.args["question"] == Ref("question.progress_with_goals", {"goals": (item,)})
    _, sent = await walker.send(Text("Two nights out of five"))
    costs.append(("text answer", len(sent)))
    _, sent = await walker.send(Press("r:1:6:back"))
    costs.append(("Back", len(sent)))
    _, sent = await walker.send(Press("r:1:5:next"))
    costs.append(("Next", len(sent)))
    for position in range(6, 11):
        skipped, sent = await walker.send(Press(f"r:1:{position}:skip"))
        costs.append(("Skip", len(sent)))
    (own,) = [e for e in skipped.effects if isinstance(e, Reply)]
    assert own.args["question"] == Ref("question.own", {"text": "Did I rest?"})
    _, sent = await walker.send(Text("Mostly"))  # the own question: the last one
    costs.append(("text answer to the last question", len(sent)))
    print(costs)
    assert all(count <= AT_MOST for _, count in costs), costs
    # Done on the last question finishes: the recent ratings its end compares with are
    # read too, and the reflection's row is closed.
    last, sent = await walker.send(Press("r:1:11:next"))
    print("last answer:", len(sent), _writes(sent))
    assert last.state.step is not Step.REFLECTING
    assert len(sent) == AT_MOST + 1 and _writes(sent) == [
        "UPDATE reflections",
        "UPDATE flow_states",
    ]
    _, answers = await _stored(walker)
    assert answers["goal:1"] == (6, None, False)
    assert answers["own:1"] == (None, "Mostly", False)


@pytest.mark.parametrize("own", [False, True], ids=["plain", "with-goal-and-own"])
async def test_what_each_action_of_a_walk_costs(engine: AsyncEngine, own: bool) -> None:
    """Statements per action over a whole walk and around it, printed (`pytest -s
    tests/engine/test_statements.py -k costs`); the answers' figures are held here."""
    database = Database(engine)
    await a_client(database, CLIENT, time_zone="Europe/Berlin")
    if own:
        async with database.transaction() as session:
            await goals.add_goal(session=session, user_id=CLIENT, text="Sleep before midnight")
            await goals.add_own_question(session=session, user_id=CLIENT, text="Did I rest?")
    walker = Walker(engine)
    costs: dict[str, set[int]] = {}

    async def cost(name: str, happening: Event) -> None:
        _, sent = await walker.send(happening)
        costs.setdefault(name, set()).add(len(sent))

    total, ratings = (12, 5) if own else (10, 4)
    await cost("/reflect, a new one", Command("reflect"))
    for position in range(ratings):
        await cost("rating press", Press(f"r:1:{position}:7"))
    await cost("text answer", Text("Two nights out of five"))
    await cost("Back", Press(f"r:1:{ratings + 1}:back"))
    await cost("Next", Press(f"r:1:{ratings}:next"))
    for position in range(ratings + 1, total - 1):
        await cost("Skip", Press(f"r:1:{position}:skip"))
    await cost("text answer", Text("Mostly"))  # the last question's
    await cost("Done on the last question: it ends", Press(f"r:1:{total - 1}:next"))
    await cost("/reflect, a new one", Command("reflect"))
    await cost("Skip the rest: it ends", Press("r:2:0:rest"))
    await cost("/reflect, a new one", Command("reflect"))
    await cost("rating press", Press("r:3:0:3"))
    await cost("/help inside: the question again", Command("help"))
    await cost("/goals inside: it pauses", Command("goals"))
    await cost("/reflect: the offer to resume", Command("reflect"))
    print(f"\n{'with a goal and an own question' if own else 'no goal, no own question'}:")
    for name, counts in costs.items():
        print(f"  {name}: {', '.join(map(str, sorted(counts)))}")
    assert costs["rating press"] == costs["text answer"] == costs["Skip"] == {AT_MOST}
    assert costs["Next"] == costs["Back"] == {AT_MOST - 1}  # nothing to write but the state
    # An end reads the recent ratings too (to raise dropped ones) and closes the row.
    assert costs["Done on the last question: it ends"] == {AT_MOST + 1}
    assert costs["Skip the rest: it ends"] == {AT_MOST + 1}
