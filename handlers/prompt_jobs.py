"""Sending the prompts whose time has come: each exactly once, whoever else is running.

APScheduler (PTB's JobQueue) is only the alarm clock; the database holds the prompts. Each
due prompt is claimed (pending -> sending, a conditional update that only one claimant wins)
and committed before it is sent, so two dispatchers or two processes never send it twice. A
process that dies between the claim and the send leaves it 'sending'; at the next start it
is marked interrupted and not resent: better a missed prompt than a doubled one at 3 a.m.
Prompts are claimed, sent and recorded a group at a time, at the rate Telegram allows
(handlers.drain paces them).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import DBAPIError
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram.error import Forbidden, RetryAfter, TelegramError, TimedOut

from features.checkin import flow as checkin
from features.common.loaders import preferences_of, schedule_of
from features.common.session_times import checkin_welcome, held_for_quiet_hours
from features.common.timezones import zone_for
from features.kernel.vocabulary import Reply
from features.progress import loaders as how_ive_been
from features.review import loaders, note
from features.schedule import prompts
from features.schedule.planning import (
    CHECKIN,
    PREPARATION,
    REFLECTION,
    plan,
    reminder,
)
from features.schedule.store import plan_prompts
from handlers.context import BotContext
from handlers.drain import PromptDrain
from handlers.metrics import PromptOutcome
from handlers.sending import send
from storage import clients as repo
from storage import reflections, schedules
from storage.db import Database, conflicting_write
from storage.models import Prompt, Schedule, User
from storage.schedules import Planned

logger = logging.getLogger(__name__)

PLAN_BATCH = 200
RETRY_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 5
# How the sending of a prompt went.
SENT, BLOCKED, FLOODED, FAILED = "sent", "blocked", "flooded", "failed"


async def dispatch_due(context: BotContext) -> None:
    """Send every prompt that has come due (the JobQueue calls this every few seconds); a
    burst goes out in the background at the rate Telegram allows (handlers.drain)."""
    job = context.job
    assert job is not None
    if not isinstance(job.data, PromptDrain):
        job.data = PromptDrain(
            claim, deliver, settle, context.settings.telegram_max_messages_per_second
        )
    job.data.start(context)


async def prepare(database: Database) -> None:
    """At start: mark prompts a dead process left mid-send (they are not resent)."""
    async with database.transaction() as session:
        interrupted = await schedules.interrupted(session=session)
    if interrupted:
        logger.warning(
            "%d prompts were being sent when this process started (by one that stopped, or "
            "by another replica, which still records them); not resent",
            interrupted,
        )


async def plan_missing(context: BotContext) -> None:
    """After start, in the background: plan clients whose prompts are missing (after a long
    outage, say), one batch per call, until a pass through all clients is done. Not before
    the bot is ready: with thousands of clients to plan, replies would wait for all of it."""
    job = context.job
    after = job.data if job is not None and isinstance(job.data, int) else 0
    now = context.clock.now()
    async with context.database.transaction() as session:
        found = await schedules.unplanned(session=session, after_user_id=after, limit=PLAN_BATCH)
        # Locked, then read again: a turn (on any replica) may have replanned them meanwhile.
        locked = await repo.lock_clients(session=session, user_ids=[r.user_id for r in found])
        rows = await schedules.unplanned(
            session=session, after_user_id=after, limit=PLAN_BATCH, among=locked
        )
        for row in rows:
            user = await repo.get_user(session=session, user_id=row.user_id)
            if user is not None:
                await plan_prompts(session, row, user.time_zone, now, afresh=False)
    if job is None:
        return
    if len(found) < PLAN_BATCH:
        job.schedule_removal()
    else:
        job.data = found[-1].user_id


@dataclass(frozen=True)
class Outgoing:
    """A claimed prompt ready to go: its client, their schedule and the message."""

    prompt: Prompt
    user: User
    row: Schedule
    reply: Reply
    topic_ids: list[int]
    # Sent after it: with a preparation note, how the client has been that week, when
    # not yet answered (features/progress).
    then: Reply | None = None


async def claim(context: BotContext, prompt_ids: list[int], now: datetime) -> list[Outgoing]:
    """In one transaction: claim those of these prompts still pending, settle the ones not
    to send (no schedule, blocked, or too late), and make the messages of the rest."""
    grace = timedelta(hours=context.settings.prompt_grace_hours)
    outgoing: list[Outgoing] = []
    ending: dict[str, list[int]] = defaultdict(list)
    async with context.database.transaction() as session:
        # Their clients first, as a turn locks them: a preparation note is made here.
        owners = await schedules.owners(session=session, prompt_ids=prompt_ids)
        await repo.lock_clients(session=session, user_ids=owners)
        taken = await schedules.claim_many(session=session, prompt_ids=prompt_ids)
        clients = await schedules.clients_of(session=session, user_ids=[p.user_id for p in taken])
        for prompt in taken:
            assert prompt.id is not None
            user, row = clients.get(prompt.user_id, (None, None))
            if user is None or row is None or user.time_zone is None or row.paused:
                ending["cancelled"].append(prompt.id)
            elif not user.active:
                ending["undeliverable"].append(prompt.id)
            elif now - prompt.due_at > grace or not _welcome(prompt, user.time_zone, row, now):
                # Came due while the bot was down, too long ago to be welcome now (or a
                # check-in whose day has passed, or that would now come in quiet hours).
                ending["missed"].append(prompt.id)
                await plan_prompts(session, row, user.time_zone, now, afresh=False)
            elif (later := _after_quiet_hours(prompt, user.time_zone, row, now)) is not None:
                # Nothing the bot sends on its own arrives in the quiet hours: it waits for
                # their end, if it is still welcome then.
                if later - prompt.due_at > grace or (
                    prompt.kind == PREPARATION
                    and later.astimezone(zone_for(user.time_zone)).date() > prompt.session_date
                ):
                    ending["missed"].append(prompt.id)
                    await plan_prompts(session, row, user.time_zone, now, afresh=False)
                else:
                    await schedules.retry_later(session=session, prompt_id=prompt.id, due_at=later)
            else:
                reply, topic_ids = await _message(session, prompt, user, row, now)
                then = (
                    await how_ive_been.for_note(session, prompt)
                    if prompt.kind == PREPARATION
                    else None
                )
                outgoing.append(Outgoing(prompt, user, row, reply, topic_ids, then))
        for status, ended in ending.items():
            await schedules.settle_many(session=session, prompt_ids=ended, status=status)
    for status, ended in ending.items():  # committed
        context.bot_data.metrics.prompt(_ENDINGS[status], len(ended))
    return outgoing


def _welcome(prompt: Prompt, time_zone: str, row: Schedule, now: datetime) -> bool:
    """A check-in sent late (within the grace) only on its own day and outside the quiet
    hours: "How's your day going?" the next morning, or at night, is not welcome."""
    if prompt.kind != CHECKIN:
        return True
    return checkin_welcome(prompt.session_date, now, time_zone, preferences_of(row))


def _after_quiet_hours(
    prompt: Prompt, time_zone: str, row: Schedule, now: datetime
) -> datetime | None:
    """The end of the quiet hours when `now` is in them and the prompt is late (a check-in
    is never held: `_welcome` lets it lapse)."""
    if prompt.kind == CHECKIN:
        return None
    return held_for_quiet_hours(prompt.due_at, now, time_zone, preferences_of(row))


_ENDINGS: dict[str, PromptOutcome] = {
    "cancelled": "cancelled", "undeliverable": "undeliverable", "missed": "missed"
}  # fmt: skip


async def deliver(context: BotContext, item: Outgoing) -> str:
    """Send one claimed prompt; how it went: SENT, BLOCKED, FLOODED or FAILED."""
    how = await _deliver(context, item)
    context.bot_data.metrics.prompt(how)  # type: ignore[arg-type]  # the same four words
    return how


async def _deliver(context: BotContext, item: Outgoing) -> str:
    try:
        await send(context, item.user.chat_id, item.reply, item.user.language, at_most_once=True)
    except Forbidden:
        return BLOCKED
    except TimedOut:
        # Telegram had it, but didn't answer in time: most likely it arrived. Sending it
        # again could double it (the fault drills saw that); better missed than doubled.
        who = context.client_tag(item.user.id)
        logger.warning("Prompt %s to client %s: no answer in time; not resent", item.prompt.id, who)
        return SENT
    except RetryAfter as flood:
        # Still over Telegram's flood limit after the rate limiter's own retries: wait as
        # told (holding this send's place slows the whole burst), then it is due again.
        await asyncio.sleep(_seconds(flood.retry_after))
        return FLOODED
    except TelegramError as problem:
        who, kind = context.client_tag(item.user.id), type(problem).__name__
        logger.warning("Prompt %s to client %s not sent (%s)", item.prompt.id, who, kind)
        return FAILED
    if item.then is not None:
        await _then(context, item, item.then)
    return SENT


async def _then(context: BotContext, item: Outgoing, reply: Reply) -> None:
    """What follows a prompt that was sent: tried once. If it fails, the prompt stands as
    sent (sending both again could double the first) and the client is asked at /reflect."""
    try:
        await send(context, item.user.chat_id, reply, item.user.language, at_most_once=True)
    except TelegramError as problem:
        who, kind = context.client_tag(item.user.id), type(problem).__name__
        logger.warning("After prompt %s, client %s: not sent (%s)", item.prompt.id, who, kind)


# Tries of recording a group of sends that lost to a concurrent write on PostgreSQL (a
# deadlock with another replica's record, say); repeating it is safe.
SETTLE_ATTEMPTS = 3


async def settle(context: BotContext, delivered: list[tuple[Outgoing, str]], now: datetime) -> None:
    """In one transaction: record how these sends went; for each prompt received, the plan
    moves on (its reminder, the next session's note and prompt). Tried again, whole, when
    it lost to a concurrent write."""
    # In client order, as every writer of several clients' rows goes: two replicas' records
    # then wait for each other instead of deadlocking.
    delivered = sorted(delivered, key=lambda done: (done[0].user.id, done[0].prompt.id or 0))
    for attempt in range(1, SETTLE_ATTEMPTS + 1):
        try:
            async with context.database.transaction() as session:
                notices = await _record(session, context, delivered, now)
        except DBAPIError as problem:
            conflict = conflicting_write(problem)
            if attempt == SETTLE_ATTEMPTS or conflict is None:
                raise
            logger.warning("Recording %d sends: %s; trying again", len(delivered), conflict)
            continue
        for notice in notices:  # once, after the commit
            notice()
        return


async def _record(
    session: AsyncSession, context: BotContext, delivered: list[tuple[Outgoing, str]], now: datetime
) -> list[Callable[[], None]]:
    sent = [item for item, how in delivered if how == SENT]
    # Locked first, as a turn locks them, and read afresh: since the claim, a client may
    # have changed their schedule, paused, or left (/delete took their prompts).
    await repo.lock_clients(session=session, user_ids=[item.user.id for item, _ in delivered])
    current = await schedules.clients_of(session=session, user_ids=[i.user.id for i in sent])
    sent_ids = [item.prompt.id for item in sent if item.prompt.id is not None]
    recorded = await schedules.settle_many(
        session=session, prompt_ids=sent_ids, status="sent", sent_at=now
    )
    # Only now, with the note received: a note that failed and is retried keeps them.
    topic_ids = [topic for item in sent for topic in item.topic_ids]
    await reflections.mark_raised(session=session, topic_ids=topic_ids, at=now)
    planned = [
        (item.user.id, later)
        for item in sent
        for later in _next(item, current, now, reminding=item.prompt.id in recorded)
    ]
    await schedules.ensure_many(session=session, planned=planned)
    notices = []
    for item, how in delivered:
        if how != SENT:
            notices.append(await _not_sent(context, session, item, how))
    return notices


async def _not_sent(
    context: BotContext, session: AsyncSession, item: Outgoing, how: str
) -> Callable[[], None]:
    """Record a send that didn't go; what to log once that is committed."""
    prompt_id, who = item.prompt.id, context.client_tag(item.user.id)
    assert prompt_id is not None
    # Each only while the prompt is still claimed: the send may have reached the client and
    # failed on the way back, and they may have pressed its button since; that stays.
    if how == BLOCKED:
        await repo.set_active(session=session, user_id=item.user.id, active=False)
        await schedules.settle_many(session=session, prompt_ids=[prompt_id], status="undeliverable")
        return lambda: logger.info(
            "Prompt %s: client %s blocked the bot; no more prompts", prompt_id, who
        )
    if item.prompt.attempts + 1 >= MAX_ATTEMPTS:
        await schedules.settle_many(session=session, prompt_ids=[prompt_id], status="failed")
        context.bot_data.metrics.prompt("given_up")
        return lambda: logger.warning(
            "Prompt %s to client %s failed %d times; given up", prompt_id, who, MAX_ATTEMPTS
        )
    # A flood limit is no fault of the prompt's: due again as before, not 5 minutes on.
    due = item.prompt.due_at if how == FLOODED else context.clock.now() + RETRY_AFTER
    await schedules.retry_later(session=session, prompt_id=prompt_id, due_at=due)
    return lambda: None


def _next(
    item: Outgoing,
    current: dict[int, tuple[User, Schedule | None]],
    now: datetime,
    *,
    reminding: bool,
) -> list[Planned]:
    """What a received prompt leaves to plan, by the client's schedule as it is now: the
    next session's prompts, and (`reminding`: unless the client pressed its button before
    the send was recorded, or put it off) its one reminder."""
    user, row = current.get(item.user.id, (None, None))
    if user is None or row is None or user.time_zone is None or row.paused:
        return []
    schedule = schedule_of(row, user.time_zone)
    preferences = preferences_of(row)
    planned = plan(schedule, preferences, now)
    if item.prompt.kind == REFLECTION and reminding:
        nudge = reminder(item.prompt.session_date, now, schedule, preferences)
        planned += [nudge] if nudge is not None else []
    return planned


async def _message(
    session: AsyncSession, prompt: Prompt, user: User, row: Schedule, now: datetime
) -> tuple[Reply, list[int]]:
    """The prompt's message, and for a preparation note the topics it raises (marked raised
    once it is sent)."""
    assert prompt.id is not None
    if prompt.kind == CHECKIN:
        return checkin.ask(prompt.session_date), []
    if prompt.kind == PREPARATION:
        # The same note as /note: a draft the client can trim, then Done.
        kept = await loaders.scheduled_note(session, prompt, now)
        topic_ids = [item.ref for item in kept.items if item.kind == "topic"]
        if not kept.items:
            return note.nothing_to_raise(kept, row.neutral_wording), topic_ids
        if row.neutral_wording:  # what it holds shows only once the client opens it
            return note.closed(kept), topic_ids
        return note.draft(kept, row.neutral_wording, user.language), topic_ids
    reminding = prompt.kind != REFLECTION
    today = now.astimezone(zone_for(user.time_zone)).date() if user.time_zone else None
    reflection = prompts.reflection_prompt(
        prompt.id, prompt.session_date, row.neutral_wording, reminder=reminding, today=today
    )
    return reflection, []


def _seconds(retry_after: object) -> float:
    """RetryAfter.retry_after is seconds, or a timedelta in newer PTB releases."""
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after) if isinstance(retry_after, int | float) else 1.0
