"""Reading what /summary and /note show, inside the turn's transaction (and for the
scheduled note, the dispatcher's): storage rows turned into the flows' plain views."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.loaded import ClientSchedule
from features.common.loaders import week_of
from features.common.questions import GOAL
from features.common.session_times import next_session
from features.common.timezones import local_time
from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, State
from features.review import flow
from features.review import note as notes_view
from features.review.history import FEWEST_ANSWERS, Answered, History, Session
from features.review.loaded import NoteFacts, SummaryWindow
from features.review.note import NoteItem, NoteView
from storage import checkins, memos, notes, review_rows, wellbeing
from storage.models import Note, Prompt, Topic, User

# With no earlier note to start from, a note looks back this far.
NOTE_LOOKBACK = timedelta(days=30)


async def load_window(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> SummaryWindow:
    """The window of reflections a /summary (or its page button) asks for."""
    wanted = flow.wanted(event)
    if wanted is None or wanted.window is None:
        return SummaryWindow()
    window = wanted.window
    rows = await review_rows.reflections_in(
        session=session,
        user_id=user.id,
        days=window.days,
        at_least=window.at_least,
        today=_today(user, facts.now),
        upto=wanted.upto,
        fewest_answers=FEWEST_ANSWERS,
    )
    history = await history_of(session, user.id, rows)
    if wanted.upto is not None:  # a page button: the check-ins were on the first page
        return SummaryWindow(history)
    today = _today(user, facts.now)
    since = today - timedelta(days=window.days - 1) if window.days is not None else None
    days = await checkins.between(session=session, user_id=user.id, start=since, end=today)
    faces = tuple((c.day, c.face) for c in reversed(days) if c.face is not None)
    return SummaryWindow(history, faces)


async def load_note(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> NoteFacts:
    """The kept note a button names, or what a new note would hold (its schedule loaded
    before it: see `needs`)."""
    wanted = flow.wanted(event)
    if wanted is None:
        return NoteFacts()
    if wanted.note_serial is not None:
        kept = await notes.by_serial(session=session, user_id=user.id, serial=wanted.note_serial)
        return NoteFacts(await view(session, kept) if kept is not None else None)
    if not wanted.new_note:
        return NoteFacts()
    upcoming = facts[ClientSchedule].schedule
    before = _today(user, facts.now)
    if upcoming is not None:
        found = next_session(upcoming, facts.now)
        before = found.local_date if found is not None else before
    items = await material(session, user.id, facts.now, before)
    last = await notes.last_serial(session=session, user_id=user.id)
    goals = () if items else await _active_goals(session, user.id)
    return NoteFacts(NoteView(0, items, goals=goals), last)


WINDOW = Need(SummaryWindow, load_window)
NOTE = Need(NoteFacts, load_note)


async def scheduled_note(session: AsyncSession, prompt: Prompt, now: datetime) -> NoteView:
    """The note a preparation prompt sends: made once (a retried send reuses it, with any
    choices the client made), from what they wrote since the note before."""
    assert prompt.id is not None
    kept = await notes.for_prompt(session=session, prompt_id=prompt.id)
    if kept is None:
        items = await material(session, prompt.user_id, now, prompt.session_date)
        kept = await notes.create(
            session=session,
            user_id=prompt.user_id,
            serial=await notes.last_serial(session=session, user_id=prompt.user_id) + 1,
            items=[(item.kind, item.ref, item.previous, item.included) for item in items],
            session_date=prompt.session_date,
            prompt_id=prompt.id,
        )
    shown = await view(session, kept)
    if shown.items:
        return shown
    return replace(shown, goals=await _active_goals(session, prompt.user_id))


async def material(
    session: AsyncSession, user_id: int, now: datetime, before: date
) -> tuple[NoteItem, ...]:
    """What a note for the session on `before` holds: answers with words, ratings the
    client agreed to raise, and the latest rating of each goal, since the note for the
    session before it (or the last 30 days). What the client left out of their last note
    is left out again."""
    since = (
        await notes.previous_note_sent(session=session, user_id=user_id, before=before)
        or now - NOTE_LOOKBACK
    )
    since = max(since, now - NOTE_LOOKBACK * 3)
    goals = {g.id: g.text for g in await review_rows.all_goals(session=session, user_id=user_id)}
    items: list[NoteItem] = []
    for _, answer in await review_rows.answers_since(
        session=session, user_id=user_id, since=since, questions=notes_view.NOTED
    ):
        assert answer.id is not None
        if answer.danger and not answer.danger_shared:
            continue  # words of danger go into a note only when the client said yes
        items.append(NoteItem("answer", answer.id, answer.question, text=answer.text))
    for answer in await review_rows.shared_danger_since(
        session=session, user_id=user_id, since=since
    ):
        assert answer.id is not None
        if answer.question not in notes_view.NOTED:  # those are in already
            items.append(NoteItem("shared", answer.id, answer.question, text=answer.text))
    for memo in await memos.since(session=session, user_id=user_id, since=since):
        assert memo.id is not None
        items.append(NoteItem("memo", memo.id, "bring_up", text=memo.text))
    topics = await notes.topics_to_raise(session=session, user_id=user_id, since=since)
    raised = {(t.reflection_id, t.question) for t in topics}
    declined = await notes.declined_since(session=session, user_id=user_id, since=since)
    for topic in topics:
        assert topic.id is not None
        goal = _goal_words(topic.question, goals)
        items.append(NoteItem("topic", topic.id, topic.question, rating=topic.rating, goal=goal))
    # A dropped rating is in only as a topic: "Not now" to raising it is respected. Each
    # goal's latest rating is there, out of 10, unless it is a topic already or the client
    # said "Not now" to raising it.
    latest: dict[str, review_rows.RatingChange] = {}
    for change in await review_rows.ratings_since(session=session, user_id=user_id, since=since):
        if change.question.startswith(GOAL):
            latest[change.question] = change
    for change in latest.values():
        if (change.reflection_id, change.question) in raised | declined:
            continue
        goal = _goal_words(change.question, goals)
        items.append(
            NoteItem(
                "goal",
                change.answer_id,
                change.question,
                rating=change.rating,
                previous=change.previous,
                goal=goal,
            )
        )
    left_out = await notes.left_out(session=session, user_id=user_id)
    kept = [replace(i, included=(i.kind, i.ref) not in left_out) for i in items]
    return notes_view.in_order(kept)


async def _active_goals(session: AsyncSession, user_id: int) -> tuple[str, ...]:
    every = await review_rows.all_goals(session=session, user_id=user_id)
    return tuple(g.text for g in every if g.retired_at is None)


async def view(session: AsyncSession, kept: Note) -> NoteView:
    """A kept note with the words and ratings of its items read back."""
    refs = [(str(i[0]), int(i[1])) for i in kept.items]
    answers = await notes.answers_by_id(
        session=session,
        user_id=kept.user_id,
        ids=[ref for kind, ref in refs if kind not in ("topic", "memo")],
    )
    memo_words = {
        ref: memo.text
        for ref, memo in (
            await memos.by_id(
                session=session,
                user_id=kept.user_id,
                ids=[ref for kind, ref in refs if kind == "memo"],
            )
        ).items()
    }
    topics = await notes.topics_by_id(
        session=session, user_id=kept.user_id, ids=[ref for kind, ref in refs if kind == "topic"]
    )
    goals = {
        g.id: g.text for g in await review_rows.all_goals(session=session, user_id=kept.user_id)
    }
    items = tuple(
        _memo(raw, memo_words) if raw[0] == "memo" else _item(raw, answers, topics, goals)
        for raw in kept.items
    )
    final = kept.final_at is not None
    return NoteView(kept.serial, items, final, kept.session_date, kept.prompt_id is not None)


def _memo(raw: list[Any], words: dict[int, str]) -> NoteItem:
    ref, included = int(raw[1]), bool(raw[2])
    return NoteItem("memo", ref, "bring_up", included, text=words.get(ref))


def _item(
    raw: list[Any],
    answers: dict[int, Any],
    topics: dict[int, Topic],
    goals: dict[Any, str],
) -> NoteItem:
    kind, ref, included = str(raw[0]), int(raw[1]), bool(raw[2])
    previous = raw[3] if len(raw) > 3 and isinstance(raw[3], int) else None
    if kind == "topic":
        topic = topics.get(ref)
        question = topic.question if topic is not None else "other"
        rating = topic.rating if topic is not None else None
        goal = _goal_words(question, goals)
        return NoteItem(kind, ref, question, included, rating=rating, goal=goal)
    answer = answers.get(ref)
    question = answer.question if answer is not None else "other"
    if kind in ("drop", "goal"):
        rating = answer.rating if answer is not None else None
        goal = _goal_words(question, goals)
        return NoteItem(kind, ref, question, included, rating=rating, previous=previous, goal=goal)
    text = answer.text if answer is not None else None
    if answer is not None and answer.danger and not answer.danger_shared:
        # Words of danger added after the note was made: never shown in it unasked.
        text, included = None, False
    return NoteItem(kind, ref, question if answer is not None else "bring_up", included, text=text)


async def history_of(session: AsyncSession, user_id: int, rows: review_rows.Rows) -> History:
    """The flows' view of a window of reflections, with the words of every goal and own
    question they may name, and how the client had been the week before each."""
    goals = await review_rows.all_goals(session=session, user_id=user_id)
    own = await review_rows.all_own_questions(session=session, user_id=user_id)
    sessions = []
    for reflection in rows.reflections:
        assert reflection.id is not None
        answers = {
            question: Answered(question, rating, text, rating is None and text is None)
            for question, rating, text in rows.answers.get(reflection.id, [])
        }
        sessions.append(
            Session(
                serial=reflection.serial,
                session_date=reflection.session_date,
                started_at=reflection.started_at,
                finished=reflection.finished_at is not None,
                questions=tuple(reflection.questions),
                answers=answers,
            )
        )
    dates = {s.session_date for s in sessions}
    since = min(dates) if dates else None
    weeks = await wellbeing.history(session=session, user_id=user_id, since=since) if dates else []
    return History(
        weeks={row.session_date: week_of(row) for row in weeks if row.session_date in dates},
        sessions=tuple(sessions),
        earlier=rows.earlier,
        goals={g.id: g.text for g in goals if g.id is not None},
        own_questions={q.id: q.text for q in own if q.id is not None},
        total=rows.total,
        upto=rows.upto,
        since=rows.since,
    )


def _goal_words(question: str, goals: dict[Any, str]) -> str | None:
    raw = question.removeprefix("goal:")
    return goals.get(int(raw)) if question.startswith("goal:") and raw.isdecimal() else None


def _today(user: User, now: datetime) -> date:
    return local_time(user.time_zone, now).date() if user.time_zone else now.date()
