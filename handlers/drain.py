"""Sending a burst of due prompts as fast as Telegram allows, without holding up replies.

Thousands of clients can have a session ending at the same hour. Sent one after another,
each with a dozen database round trips, prompts would go out far below the rate Telegram
allows (benchmarks/fanout.py measures it). So a burst goes out in groups: a group is claimed in
one transaction (each prompt still by a conditional update: never two claimants), its
prompts are sent concurrently through PTB's rate limiter, which sets the pace, and how they
went is recorded in one transaction as soon as they finish. The next group is claimed while
one goes out.

Only a few sends are under way at once (`QUEUE_SECONDS` worth at the configured rate). The
rate limiter serves first come, first served, so a client's answer to a pressed button waits
behind those few prompts, not behind thousands. A process killed mid-burst leaves at most
two groups claimed and unsent, where one prompt at a time left one: they are marked
interrupted at the next start and not resent (handlers.prompt_jobs).
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Generic, TypeVar

from handlers.context import BotContext
from storage import schedules
from storage.outage import DatabaseUnreachable

logger = logging.getLogger(__name__)

Item = TypeVar("Item")
Claim = Callable[[BotContext, list[int], datetime], Awaitable[list[Item]]]
Deliver = Callable[[BotContext, Item], Awaitable[str]]
Settle = Callable[[BotContext, list[tuple[Item, str]], datetime], Awaitable[None]]

# Sends under way at once, and the size of a group: enough to keep the rate limiter busy
# while earlier sends wait for their answer (Telegram's take up to a few hundred ms: at 30/s
# that is about 8), few enough that a client's reply waits behind little: here 0.04 s of
# sending at the configured rate. More would not send faster: the rate limiter sets the pace.
QUEUE_SECONDS = 0.04
MIN_IN_FLIGHT = 8
# Due prompts read per query; the next are read once these are claimed.
BATCH = 100


class PromptDrain(Generic[Item]):
    """Sends every due prompt, a group at a time; one drain runs at a time."""

    def __init__(
        self,
        claim: Claim[Item],
        deliver: Deliver[Item],
        settle: Settle[Item],
        max_per_second: float,
    ) -> None:
        self.claim, self.deliver, self.settle = claim, deliver, settle
        self.in_flight = max(MIN_IN_FLIGHT, math.ceil(max_per_second * QUEUE_SECONDS))
        self._running: asyncio.Task[None] | None = None

    def start(self, context: BotContext) -> None:
        """Begin draining unless a drain is under way (a tick of the alarm clock)."""
        if not context.application.running:
            return  # stopping: nothing new is claimed
        if self._running is not None and not self._running.done():
            return
        # Through the Application, so that stopping the bot waits for the sends under way.
        self._running = context.application.create_task(self.drain(context), name="prompts")

    async def drain(self, context: BotContext) -> None:
        """Send due prompts until none is left, or the bot is stopping: then it claims no
        more, and finishes what it claimed (a cancelled send would never be retried)."""
        await _Burst(self, context).run()


class _Burst(Generic[Item]):
    """One drain: claims a group ahead of the sends (a claim waiting for the database would
    otherwise leave the rate limiter idle), sends, records how the sends went."""

    def __init__(self, drain: PromptDrain[Item], context: BotContext) -> None:
        self.drain, self.context = drain, context
        # Claimed and not yet sent: at most two groups, all a crash could leave unsent.
        self.room = asyncio.Semaphore(2 * drain.in_flight)
        self.slots = asyncio.Semaphore(drain.in_flight)
        self.claimed: asyncio.Queue[Item | None] = asyncio.Queue()
        self.sending: set[asyncio.Task[None]] = set()
        self.record = _Record(drain.settle, context)

    async def run(self) -> None:
        claiming = asyncio.create_task(self._claim_due())
        try:
            while (item := await self.claimed.get()) is not None:
                await self.slots.acquire()
                task = asyncio.create_task(self._send(item))
                self.sending.add(task)
                task.add_done_callback(self.sending.discard)
        finally:
            await claiming
            if self.sending:
                await asyncio.gather(*self.sending)
            await self.record.finish()

    async def _claim_due(self) -> None:
        """Claim due prompts a group at a time, as the sends make room for them."""
        context, size = self.context, self.drain.in_flight
        try:
            while context.application.running:
                now = context.clock.now()
                async with context.database.transaction() as session:
                    due = await schedules.due(session=session, now=now, limit=BATCH)
                if not due:
                    break
                ids = [prompt.id for prompt in due if prompt.id is not None]
                for group in (ids[start : start + size] for start in range(0, len(ids), size)):
                    for _ in group:
                        await self.room.acquire()
                    if not context.application.running:
                        break
                    items = await self.drain.claim(context, group, now)
                    for _ in range(len(group) - len(items)):
                        self.room.release()  # taken by another dispatcher, or not to send
                    for item in items:
                        self.claimed.put_nowait(item)
        except DatabaseUnreachable:
            pass  # storage.db has said so, once; the next tick tries again
        except Exception as problem:  # the database failed us; the next tick tries again
            logger.warning("Sending due prompts stopped: %s", type(problem).__name__)
        finally:
            self.claimed.put_nowait(None)

    async def _send(self, item: Item) -> None:
        try:
            self.record.add(item, await self.drain.deliver(self.context, item))
        except Exception as problem:
            # Left claimed: marked interrupted at the next start, not resent. By type only:
            # an exception's text could carry what a client wrote.
            logger.error("Sending a prompt failed: %s", type(problem).__name__)
        finally:
            self.slots.release()
            self.room.release()


class _Record(Generic[Item]):
    """Records how sends went as soon as they finish: the sends that finish while one
    transaction is under way go together in the next."""

    def __init__(self, settle: Settle[Item], context: BotContext) -> None:
        self._settle, self._context = settle, context
        self._done: list[tuple[Item, str]] = []
        self._writing: asyncio.Task[None] | None = None

    def add(self, item: Item, how: str) -> None:
        """A send finished; `how` it went."""
        self._done.append((item, how))
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._write())

    async def finish(self) -> None:
        """Wait until every finished send is recorded."""
        while self._writing is not None and not self._writing.done():
            await self._writing

    async def _write(self) -> None:
        while self._done:
            done, self._done = self._done, []
            try:
                await self._settle(self._context, done, self._context.clock.now())
            except Exception as problem:
                # Left claimed, as above: interrupted at the next start, not resent.
                logger.error("Recording %d sends failed: %s", len(done), type(problem).__name__)
