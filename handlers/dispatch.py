"""Sending the prompts whose time has come: each exactly once, whoever else is running.

APScheduler (PTB's JobQueue) is only the alarm clock; the database holds the prompts. Each
due prompt is claimed (pending -> sending, a conditional update that only one claimant wins)
and committed before it is sent, so two dispatchers or two processes never send it twice. A
process that dies between the claim and the send leaves it 'sending'; at the next start it
is marked interrupted and not resent: better a missed prompt than a doubled one at 3 a.m.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.flow import prompts
from bot.flow.core import Reply
from bot.planning import PREPARATION, REFLECTION, preferences_of, reminder, schedule_of
from handlers.plans import plan_prompts
from handlers.turn import send
from storage import reflections, repo, schedules
from storage.db import Database
from storage.models import Prompt, Schedule, User

logger = logging.getLogger(__name__)

BATCH = 100
PLAN_BATCH = 200
RETRY_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 5


async def dispatch_due(context: BotContext) -> None:
    """Send every prompt that has come due (the JobQueue calls this every few seconds)."""
    now = context.clock.now()
    async with context.database.transaction() as session:
        due = await schedules.due(session=session, now=now, limit=BATCH)
    for prompt in due:
        assert prompt.id is not None
        await _dispatch(context, prompt.id, now)


async def prepare(database: Database) -> None:
    """At start: mark prompts a dead process left mid-send (they are not resent)."""
    async with database.transaction() as session:
        interrupted = await schedules.interrupted(session=session)
    if interrupted:
        logger.warning("%d prompts were being sent when the bot stopped; not resent", interrupted)


async def plan_missing(context: BotContext) -> None:
    """After start, in the background: plan clients whose prompts are missing (after a long
    outage, say), one batch per call, until a pass through all clients is done. Doing it
    before the bot is ready took 20 s for 10,000 such clients in the scale benchmark."""
    job = context.job
    after = job.data if job is not None and isinstance(job.data, int) else 0
    now = context.clock.now()
    async with context.database.transaction() as session:
        rows = await schedules.unplanned(session=session, after_user_id=after, limit=PLAN_BATCH)
        for row in rows:
            user = await repo.get_user(session=session, user_id=row.user_id)
            if user is not None:
                await plan_prompts(session, row, user.time_zone, now, afresh=False)
    if job is None:
        return
    if len(rows) < PLAN_BATCH:
        job.schedule_removal()
    else:
        job.data = rows[-1].user_id


async def _dispatch(context: BotContext, prompt_id: int, now: datetime) -> None:
    grace = timedelta(hours=context.settings.prompt_grace_hours)
    async with context.database.transaction() as session:
        if not await schedules.claim(session=session, prompt_id=prompt_id):
            return  # another dispatcher has it
        prompt = await session.get(Prompt, prompt_id)
        assert prompt is not None
        user = await repo.get_user(session=session, user_id=prompt.user_id)
        row = await schedules.get_schedule(session=session, user_id=prompt.user_id)
        if user is None or row is None or user.time_zone is None or row.paused:
            await schedules.settle(session=session, prompt_id=prompt_id, status="cancelled")
            return
        if not user.active:
            await schedules.settle(session=session, prompt_id=prompt_id, status="undeliverable")
            return
        if now - prompt.due_at > grace:
            # Came due while the bot was down, too long ago to be welcome now.
            await schedules.settle(session=session, prompt_id=prompt_id, status="missed")
            await plan_prompts(session, row, user.time_zone, now, afresh=False)
            return
        reply, topic_ids = await _message(session, prompt, user, row)
        chat_id, language = user.chat_id, user.language
    try:
        await send(context, chat_id, reply, language)
    except Forbidden:
        async with context.database.transaction() as session:
            await repo.set_active(session=session, user_id=prompt.user_id, active=False)
            await schedules.settle(session=session, prompt_id=prompt_id, status="undeliverable")
        logger.info("Prompt %s: the client blocked the bot; they won't be prompted", prompt_id)
        return
    except TelegramError as problem:
        async with context.database.transaction() as session:
            if prompt.attempts + 1 >= MAX_ATTEMPTS:
                await schedules.settle(session=session, prompt_id=prompt_id, status="failed")
            else:
                due = now + RETRY_AFTER
                await schedules.retry_later(session=session, prompt_id=prompt_id, due_at=due)
        logger.warning("Prompt %s not sent (%s); will retry", prompt_id, type(problem).__name__)
        return
    async with context.database.transaction() as session:
        await schedules.settle(session=session, prompt_id=prompt_id, status="sent", sent_at=now)
        # Only now, with the note received: a note that failed and is retried keeps them.
        await reflections.mark_raised(session=session, topic_ids=topic_ids, at=now)
        if prompt.kind == REFLECTION:
            schedule = schedule_of(row, user.time_zone)
            nudge = reminder(prompt.session_date, now, schedule, preferences_of(row))
            if nudge is not None:
                await schedules.ensure(session=session, user_id=user.id, planned=[nudge])
        # The plan moves on: the next session's note and prompt.
        await plan_prompts(session, row, user.time_zone, now, afresh=False)


async def _message(
    session: AsyncSession, prompt: Prompt, user: User, row: Schedule
) -> tuple[Reply, list[int]]:
    """The prompt's message, and for a preparation note the topics it raises (marked raised
    once it is sent)."""
    assert prompt.id is not None
    if prompt.kind == PREPARATION:
        since = await schedules.last_sent(session=session, user_id=user.id, kind=PREPARATION)
        bring_up = await reflections.to_bring_up(session=session, user_id=user.id, since=since)
        topics = await reflections.open_topics(session=session, user_id=user.id)
        pairs = [(topic.question, topic.rating or 0) for topic in topics]
        note = prompts.preparation_note(prompt.session_date, bring_up, pairs, row.neutral_wording)
        return note, [topic.id for topic in topics if topic.id is not None]
    reminding = prompt.kind != REFLECTION
    reflection = prompts.reflection_prompt(
        prompt.id, prompt.session_date, row.neutral_wording, reminder=reminding
    )
    return reflection, []
