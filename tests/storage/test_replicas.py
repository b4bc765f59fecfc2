"""Two replicas on one database: each has its own engine (its own connections), as two bot
processes would, and they race each other on the same clients and prompts. On PostgreSQL
they run at once under READ COMMITTED, serialized only by the locks and conditional updates
the code takes; on SQLite, BEGIN IMMEDIATE queues them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

import pytest
from sqlalchemy import delete, func
from sqlalchemy.exc import DBAPIError
from sqlmodel import col, select

from features import router as flow
from features.kernel.engine import load
from features.kernel.vocabulary import Press, State, Toast
from features.review import loaders
from features.schedule.loaded import PressedPrompt
from handlers import prompt_jobs
from handlers.metrics import Metrics
from handlers.turn import turn_engine
from storage import clients as repo
from storage import fits, notes, reflections, schedules
from storage.crypto import cipher_from, new_key
from storage.db import Database, upgrade_schema
from storage.models import FitCheck, FlowState, Note, Prompt, Reflection, Schedule, User
from storage.schedules import Planned
from tests.support.databases import encrypted_engine

TUESDAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 17, 50, tzinfo=UTC)
# How long a racer holds its transaction open, so that the other one surely comes meanwhile.
HOLD = 0.3
T = TypeVar("T")


@pytest.fixture
async def replicas(database_url: str) -> AsyncIterator[tuple[Database, Database]]:
    """Two replicas' databases: one schema, one key, an engine each."""
    cipher = cipher_from(new_key(), Path("unused"))
    engines = [encrypted_engine(database_url, cipher=cipher) for _ in range(2)]
    await upgrade_schema(engines[0])
    yield Database(engines[0]), Database(engines[1])
    for engine in engines:
        await engine.dispose()


async def _first_then_second(
    first: Callable[[asyncio.Event], Awaitable[T]], second: Callable[[], Awaitable[Any]]
) -> tuple[T, Any]:
    """Start `first`; once it signals that it holds its locks, start `second` alongside."""
    holding = asyncio.Event()

    async def after() -> Any:
        await holding.wait()
        return await second()

    return await asyncio.gather(first(holding), after())


async def _clients(database: Database, ids: list[int], *, prompts: str | None = None) -> None:
    """Clients in Berlin with a weekly Tuesday session, each with one prompt of this kind
    due at NOW, if given."""
    async with database.transaction() as session:
        for user_id in ids:
            await repo.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
            await repo.set_time_zone(session=session, user_id=user_id, time_zone="Europe/Berlin")
            row = Schedule(user_id=user_id, weekdays=[1], start_time="17:00", anchor=TUESDAY)
            await schedules.save_schedule(session=session, schedule=row)
        if prompts is not None:
            planned = [(user_id, Planned(prompts, TUESDAY, NOW)) for user_id in ids]
            await schedules.ensure_many(session=session, planned=planned)


async def _count(database: Database, model: type[Any], *where: Any) -> int:
    async with database.transaction() as session:
        statement = select(func.count()).select_from(model).where(*where)
        return int((await session.exec(statement)).one())


def _context(database: Database) -> Any:
    """What the dispatcher's functions use of the bot's context."""
    return SimpleNamespace(
        database=database,
        settings=SimpleNamespace(prompt_grace_hours=6.0),
        clock=SimpleNamespace(now=lambda: NOW),
        job=None,
        client_tag=lambda user_id: "someone",
        bot_data=SimpleNamespace(metrics=Metrics()),
    )


async def test_two_replicas_claiming_the_same_due_prompts_take_each_once(replicas):
    one, two = replicas
    ids = list(range(100, 140))
    await _clients(one, ids, prompts="reflection")
    async with one.transaction() as session:
        due = [p.id for p in await schedules.due(session=session, now=NOW, limit=100)]
    assert len(due) == len(ids)

    async def claim_all(database: Database, order: list[int]) -> list[int]:
        taken: list[int] = []
        for start in range(0, len(order), 8):
            async with database.transaction() as session:
                group = order[start : start + 8]
                claimed = await schedules.claim_many(session=session, prompt_ids=group)
                taken += [p.id for p in claimed if p.id is not None]
                await asyncio.sleep(0.02)  # the claim's transaction stays open a moment
        return taken

    first, second = await asyncio.gather(claim_all(one, due), claim_all(two, due[::-1]))
    assert not set(first) & set(second)
    assert sorted(first + second) == sorted(due)
    assert await _count(one, Prompt, col(Prompt.status) == schedules.SENDING) == len(ids)


async def test_two_turns_of_one_client_on_two_replicas_run_one_after_the_other(replicas):
    one, two = replicas
    await _clients(one, [7])
    seen: list[int] = []

    async def turn(database: Database, holding: asyncio.Event | None = None) -> None:
        async with database.transaction() as session:
            await repo.get_or_create_user(session=session, user_id=7, chat_id=7, language="en")
            flow = await repo.load_flow(session=session, user_id=7)
            seen.append(flow.version)
            if holding is not None:
                holding.set()
                await asyncio.sleep(HOLD)
            answers = [*flow.data.get("answers", []), database is one]
            await repo.save_flow(session=session, flow=flow, step="idle", data={"answers": answers})

    await _first_then_second(lambda holding: turn(one, holding), lambda: turn(two))
    async with one.transaction() as session:
        flow = await repo.load_flow(session=session, user_id=7)
    assert seen == [0, 1]  # the second turn saw what the first committed
    assert flow.version == 2 and flow.data == {"answers": [True, False]}


async def test_a_first_message_reaching_two_replicas_at_once_makes_one_client(replicas):
    one, two = replicas
    big = 7_999_999_999  # Telegram ids pass 32 bits

    async def first_contact(database: Database, holding: asyncio.Event | None = None) -> None:
        async with database.transaction() as session:
            await repo.get_or_create_user(session=session, user_id=big, chat_id=big, language="de")
            flow = await repo.load_flow(session=session, user_id=big)
            if holding is not None:
                holding.set()
                await asyncio.sleep(HOLD)
            await repo.save_flow(session=session, flow=flow, step="idle", data={})

    await _first_then_second(
        lambda holding: first_contact(one, holding), lambda: first_contact(two)
    )
    assert await _count(one, User) == 1
    assert await _count(one, FlowState) == 1
    async with one.transaction() as session:
        assert (await repo.load_flow(session=session, user_id=big)).version == 2


async def test_serials_taken_in_turns_on_two_replicas_at_once_are_distinct(replicas):
    one, two = replicas
    await _clients(one, [8])

    async def turn(database: Database, holding: asyncio.Event | None = None) -> None:
        """Starts a reflection, a fit check and a note, each numbered after the last."""
        async with database.transaction() as session:
            await repo.get_or_create_user(session=session, user_id=8, chat_id=8, language="en")
            serials = [
                await reflections.last_serial(session=session, user_id=8) + 1,
                len(await fits.finished_checks(session=session, user_id=8)) + 1,
                await notes.last_serial(session=session, user_id=8) + 1,
            ]
            if holding is not None:
                holding.set()
                await asyncio.sleep(HOLD)
            await reflections.start_reflection(
                session=session, user_id=8, serial=serials[0], questions=["heard"],
                session_date=TUESDAY, source="reflect",
            )  # fmt: skip
            await fits.start(
                session=session, user_id=8, serial=serials[1], seeing_therapist=True, at=NOW
            )
            await fits.finish(session=session, user_id=8, serial=serials[1], at=NOW)
            await notes.create(
                session=session, user_id=8, serial=serials[2], items=[], session_date=None
            )

    await _first_then_second(lambda holding: turn(one, holding), lambda: turn(two))
    async with one.transaction() as session:
        found = {
            model.__name__: sorted((await session.exec(select(model.serial))).all())
            for model in (Reflection, FitCheck, Note)
        }
    assert found == {"Reflection": [1, 2], "FitCheck": [1, 2], "Note": [1, 2]}


async def test_a_scheduled_note_claimed_while_a_turn_makes_a_note_gets_the_next_serial(replicas):
    """The dispatcher makes a preparation note outside any turn: it waits for the client's
    turn, as a turn waits for another, instead of taking the same serial."""
    one, two = replicas
    await _clients(one, [9], prompts="preparation")
    async with one.transaction() as session:
        (prompt,) = await schedules.due(session=session, now=NOW, limit=10)
    assert prompt.id is not None

    async def note_turn(holding: asyncio.Event) -> None:
        async with one.transaction() as session:
            await repo.get_or_create_user(session=session, user_id=9, chat_id=9, language="en")
            serial = await notes.last_serial(session=session, user_id=9) + 1
            holding.set()
            await asyncio.sleep(HOLD)
            await notes.create(session=session, user_id=9, serial=serial, items=[],
                               session_date=None)  # fmt: skip

    _, claimed = await _first_then_second(
        note_turn, lambda: prompt_jobs.claim(_context(two), [prompt.id], NOW)
    )
    assert [item.prompt.id for item in claimed] == [prompt.id]
    async with one.transaction() as session:
        kept = await notes.for_prompt(session=session, prompt_id=prompt.id)
        assert kept is not None and kept.serial == 2
        assert (await loaders.scheduled_note(session, prompt, NOW)).serial == 2  # made once


async def test_a_client_deleted_while_their_prompt_was_sending_is_not_planned_again(replicas):
    """/delete on one replica while another records the client's prompt as sent: the
    record waits, finds the client gone, and plans nothing for them (nor fails the others
    sent in the same group)."""
    one, two = replicas
    await _clients(one, [10, 11], prompts="reflection")
    claimed = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    assert len(claimed) == 2

    async def erase(holding: asyncio.Event) -> None:
        async with one.transaction() as session:
            await repo.get_or_create_user(session=session, user_id=10, chat_id=10, language="en")
            await session.exec(delete(User).where(col(User.id) == 10))  # as /delete does
            holding.set()
            await asyncio.sleep(HOLD)

    sent = [(item, prompt_jobs.SENT) for item in claimed]
    await _first_then_second(erase, lambda: prompt_jobs.settle(_context(two), sent, NOW))
    assert await _count(one, Prompt, col(Prompt.user_id) == 10) == 0
    statuses = await _statuses(one, 11)
    assert statuses[("reflection", TUESDAY)] == "sent"
    assert "pending" in statuses.values()  # the next session's, planned


async def test_two_replicas_planning_after_start_make_each_prompt_once(replicas):
    one, two = replicas
    ids = list(range(300, 340))
    await _clients(one, ids)
    contexts = [_context(one), _context(two)]
    await asyncio.gather(*(prompt_jobs.plan_missing(context) for context in contexts))
    async with one.transaction() as session:
        statement = select(Prompt.user_id, Prompt.kind, Prompt.session_date)
        rows = (await session.exec(statement)).all()
    assert len(rows) == len(set(rows)) > 0
    assert {user_id for user_id, _, _ in rows} == set(ids)


async def test_planning_after_start_leaves_alone_a_client_a_turn_just_replanned(replicas):
    """A replica's planning read the client's schedule as unplanned; before it locks them,
    the client changes their schedule on another replica: it plans by the new schedule
    or not at all, never adding prompts for the old one."""
    one, two = replicas
    await _clients(one, [12])
    thursday = TUESDAY + timedelta(days=2)

    async def change_schedule(holding: asyncio.Event) -> None:
        async with one.transaction() as session:
            await repo.get_or_create_user(session=session, user_id=12, chat_id=12, language="en")
            holding.set()
            await asyncio.sleep(HOLD)
            row = await schedules.get_schedule(session=session, user_id=12)
            assert row is not None
            row.weekdays = [thursday.weekday()]
            await schedules.save_schedule(session=session, schedule=row)
            planned = [Planned("reflection", thursday, NOW + timedelta(days=2))]
            await schedules.replan(session=session, user_id=12, planned=planned)

    await _first_then_second(change_schedule, lambda: prompt_jobs.plan_missing(_context(two)))
    statuses = await _statuses(one, 12)
    assert {day for _, day in statuses} == {thursday}


async def test_settling_plans_by_the_schedule_as_it_is_now(replicas):
    one, _ = replicas
    await _clients(one, [13], prompts="reflection")
    (item,) = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    async with one.transaction() as session:  # paused after the claim, before the record
        row = await schedules.get_schedule(session=session, user_id=13)
        assert row is not None
        row.paused = True
        await schedules.save_schedule(session=session, schedule=row)
    await prompt_jobs.settle(_context(one), [(item, prompt_jobs.SENT)], NOW)
    assert await _statuses(one, 13) == {("reflection", TUESDAY): "sent"}


async def test_a_send_another_replica_marked_interrupted_at_its_start_is_still_recorded(
    replicas,
):
    one, two = replicas
    await _clients(one, [14], prompts="reflection")
    (item,) = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    await prompt_jobs.prepare(two)  # the other replica starts while this one sends
    await prompt_jobs.settle(_context(one), [(item, prompt_jobs.SENT)], NOW)
    assert (await _statuses(one, 14))[("reflection", TUESDAY)] == "sent"


async def test_a_prompt_answered_before_its_send_was_recorded_stays_answered(replicas):
    """The client presses Start now (or Later) on one replica before the replica that sent
    the prompt has recorded the send: the record leaves the client's choice alone."""
    one, two = replicas
    await _clients(one, [15, 16], prompts="reflection")
    claimed = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    async with two.transaction() as session:  # the presses, on the other replica
        await repo.get_or_create_user(session=session, user_id=15, chat_id=15, language="en")
        await schedules.close_session_prompts(
            session=session, user_id=15, session_date=TUESDAY, status="answered"
        )
        await repo.get_or_create_user(session=session, user_id=16, chat_id=16, language="en")
        (later,) = [item.prompt.id for item in claimed if item.user.id == 16]
        assert later is not None
        due = NOW + timedelta(hours=3)
        assert await schedules.snooze(session=session, user_id=16, prompt_id=later, due_at=due)
    await prompt_jobs.settle(_context(one), [(item, prompt_jobs.SENT) for item in claimed], NOW)
    answered, put_off = await _statuses(one, 15), await _statuses(one, 16)
    assert answered[("reflection", TUESDAY)] == "answered"
    assert put_off[("reflection", TUESDAY)] == "pending"
    # No reminder of a prompt already answered, nor of one put off (it comes again itself);
    # the next session's prompts are planned all the same.
    assert ("reminder", TUESDAY) not in answered and ("reminder", TUESDAY) not in put_off
    next_week = TUESDAY + timedelta(days=7)
    assert answered[("reflection", next_week)] == put_off[("reflection", next_week)] == "pending"


async def test_a_send_recorded_as_usual_plans_its_reminder(replicas):
    """The other side of the test above: the reminder is there when nothing intervened."""
    one, _ = replicas
    await _clients(one, [17], prompts="reflection")
    claimed = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    await prompt_jobs.settle(_context(one), [(item, prompt_jobs.SENT) for item in claimed], NOW)
    statuses = await _statuses(one, 17)
    assert statuses[("reflection", TUESDAY)] == "sent"
    assert statuses[("reminder", TUESDAY)] == "pending"


@pytest.mark.parametrize("attempts", [0, 4])
async def test_a_failed_send_the_client_pressed_meanwhile_keeps_their_choice(replicas, attempts):
    """A send can reach the client and fail on the way back (a timeout). If they press its
    button before the failure is recorded, the record neither puts it back to be sent again
    nor gives it up: it stays answered."""
    one, two = replicas
    await _clients(one, [18], prompts="reflection")
    (item,) = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    item = replace(item, prompt=item.prompt.model_copy(update={"attempts": attempts}))
    async with two.transaction() as session:
        await repo.get_or_create_user(session=session, user_id=18, chat_id=18, language="en")
        await schedules.close_session_prompts(
            session=session, user_id=18, session_date=TUESDAY, status="answered"
        )
    await prompt_jobs.settle(_context(one), [(item, prompt_jobs.FAILED)], NOW)
    assert (await _statuses(one, 18))[("reflection", TUESDAY)] == "answered"


async def test_a_record_that_lost_to_a_concurrent_write_is_tried_again(replicas, monkeypatch):
    """PostgreSQL rolls back one of two deadlocked transactions whole; the record is then
    tried again, not left claimed with the client's next prompts unplanned."""
    one, _ = replicas
    await _clients(one, [19], prompts="reflection")
    claimed = await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    real, calls = schedules.settle_many, []

    async def loses_once(**kwargs: Any) -> set[int]:
        calls.append(kwargs)
        if len(calls) == 1:
            deadlock = SimpleNamespace(sqlstate="40P01")
            raise DBAPIError("UPDATE prompts ...", None, deadlock)  # type: ignore[arg-type]
        return await real(**kwargs)

    monkeypatch.setattr(schedules, "settle_many", loses_once)
    await prompt_jobs.settle(_context(one), [(item, prompt_jobs.SENT) for item in claimed], NOW)
    assert len(calls) == 2
    statuses = await _statuses(one, 19)
    assert statuses[("reflection", TUESDAY)] == "sent"
    assert statuses[("reflection", TUESDAY + timedelta(days=7))] == "pending"


async def test_a_replica_starting_skips_sends_another_is_recording_right_now(replicas):
    """Marking a dead process's sends interrupted doesn't wait for rows a live replica has
    locked while it records them (on PostgreSQL that could deadlock and stop the start)."""
    one, two = replicas
    if one.engine.dialect.name == "sqlite":
        pytest.skip("SQLite has one writer: the start waits its turn, there are no row locks")
    await _clients(one, [20, 21], prompts="reflection")
    await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    (recording,) = [p for p in await _prompts(one) if p.user_id == 20]

    async def record_slowly(holding: asyncio.Event) -> None:
        async with one.transaction() as session:
            locked = select(Prompt).where(col(Prompt.id) == recording.id).with_for_update()
            await session.exec(locked)
            holding.set()
            await asyncio.sleep(HOLD * 3)

    async def start() -> None:
        await asyncio.wait_for(prompt_jobs.prepare(two), timeout=HOLD * 2)

    await _first_then_second(record_slowly, start)
    assert (await _statuses(one, 20))[("reflection", TUESDAY)] == "sending"
    assert (await _statuses(one, 21))[("reflection", TUESDAY)] == "interrupted"


async def test_a_button_of_a_prompt_whose_send_was_never_recorded_expires(replicas):
    """A prompt a dead process left interrupted has no time of sending; its buttons expire
    counting from when it came due, as a sent one's do from its sending."""
    one, _ = replicas
    await _clients(one, [22], prompts="reflection")
    await prompt_jobs.claim(_context(one), await _due_ids(one), NOW)
    await prompt_jobs.prepare(one)
    (prompt,) = await _prompts(one)
    assert prompt.status == "interrupted" and prompt.sent_at is None
    async with one.transaction() as session:
        user = await repo.get_user(session=session, user_id=22)
        assert user is not None
        engine = turn_engine(None, lambda: NOW + timedelta(days=5))
        pressed = Press(f"p:{prompt.id}:start")
        facts = await load(session, engine, user, State(), pressed, NOW + timedelta(days=5))
    found = facts[PressedPrompt].view
    assert found is not None and found.sent_at == NOW
    outcome = flow.step(State(), Press(f"p:{prompt.id}:start"), facts)
    assert [t.text for t in outcome.effects if isinstance(t, Toast)] == ["toast.prompt_closed"]


async def _prompts(database: Database) -> list[Prompt]:
    async with database.transaction() as session:
        return list((await session.exec(select(Prompt).order_by(col(Prompt.id)))).all())


async def _due_ids(database: Database) -> list[int]:
    async with database.transaction() as session:
        due = await schedules.due(session=session, now=NOW, limit=100)
    return [prompt.id for prompt in due if prompt.id is not None]


async def _statuses(database: Database, user_id: int) -> dict[tuple[str, date], str]:
    async with database.transaction() as session:
        statement = select(Prompt).where(col(Prompt.user_id) == user_id)
        return {(p.kind, p.session_date): p.status for p in (await session.exec(statement)).all()}
