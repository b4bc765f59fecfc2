"""Telegram failing in every way it does (5xx, 429 bursts, slow and timed-out calls, lost
requests): every prompt arrives once, and every answer a client gives is acknowledged with
the next question, without them having to ask again.

A prompt whose send times out is not sent again (most likely it arrived; better missed than
doubled), so requests lost on the way are injected only while no prompt is due: for a
prompt they would mean a missed one, by design.
"""

from __future__ import annotations

import asyncio
import random
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from emulator import Emulator, SentMessage
from tests.drills.ledger import problems, read_reflections
from tests.drills.scale import sized
from tests.drills.storm import TOO_LATE, Storm
from tests.support.clock import Clock
from tests.support.players import (
    Person,
    everyone_finishes,
    plan_answers,
    set_up_tuesdays_at_17,
)
from tests.support.process import BotProcess

CLIENTS = sized(6, 100)
BERLIN = ZoneInfo("Europe/Berlin")
PROMPT, NOTE = "A moment to look back", "Your notes, ready when you are"
# Generous: a reply may wait out timed-out calls (5 s each), retries and 429s, its own or
# another client's (handlers.polling finishes a batch before it fetches the next).
PATIENCE = 60.0


async def test_every_prompt_arrives_once_and_every_answer_is_acknowledged(
    emulator: Emulator, clocked_drill_bot: tuple[BotProcess, Clock], rng: random.Random
):
    started = time.monotonic()
    bot, clock = clocked_drill_bot
    clock.set(datetime(2026, 11, 23, 10, tzinfo=BERLIN))  # a Monday
    await bot.start()
    users = [7000 + n for n in range(CLIENTS)]
    await asyncio.gather(*(set_up_tuesdays_at_17(emulator, user) for user in users))

    storm = Storm(emulator, rng, every=sized((30, 60), (10, 30)))
    storm.start()
    # The first prompt sent meets a flood that outlasts the rate limiter's three retries.
    emulator.fail_next(4, 429, retry_after=1, methods={"sendMessage"})
    # Tuesday's sessions end at 17:50; the prompts are due an hour later.
    moment = datetime(2026, 11, 24, 18, 50, 10, tzinfo=BERLIN)
    prompts = await _until_each_has(emulator, clock, users, PROMPT, moment)

    storm.kinds = ("429", "slow", "timed out", "lost")  # no prompt is due meanwhile
    people = [Person(emulator, user, plan_answers(user, rng), PATIENCE) for user in users]
    runs = [p.reflect(prompts[p.user]) for p in people]
    await everyone_finishes(people, runs, within=sized(180, 900))

    storm.kinds = ("429", "slow", "timed out")
    # Two notes are sent, but Telegram's answer comes after the bot gave up waiting.
    emulator.slow_next(2, TOO_LATE, methods={"sendMessage"})
    await _until_each_has(
        emulator, clock, users, NOTE, datetime(2026, 11, 30, 19, 0, 10, tzinfo=BERLIN)
    )
    await storm.stop()
    await _quiet_hour(emulator, clock, users)
    await bot.stop()

    sent = {user: [m.plain_text or "" for m in emulator.messages(user)] for user in users}
    for first_line in (PROMPT, NOTE):
        counts = {user: sum(t.startswith(first_line) for t in sent[user]) for user in users}
        assert counts == dict.fromkeys(users, 1), first_line
    for person in people:
        if person.nudges:
            print(f"client {person.user} saw and did:\n  " + "\n  ".join(person.trace))
    assert {p.user: p.nudges for p in people} == dict.fromkeys(users, 0)  # no one asked again
    # Every turn was stored; no one may be told to send again what was saved.
    told_to_retry = [u for u in users if any(t.startswith("Sorry, something") for t in sent[u])]
    assert told_to_retry == []
    stored = await read_reflections(bot.database_url, bot.workdir / "encryption.key", users)
    wrong = {p.user: found for p in people if (found := problems(p.plan, stored[p.user]))}
    assert wrong == {}
    texts = [want for p in people for want in p.plan.values() if isinstance(want, str)]
    assert not [text for text in texts if text in bot.log], "a client's words reached the log"
    print(
        f"telegram drill: {CLIENTS} clients, {2 * CLIENTS} prompts, "
        f"{sum(len(p.plan) for p in people)} answers checked, {sum(p.actions for p in people)} "
        f"actions; injected {dict(storm.injected)}; failed answers {dict(storm.answered())}; "
        f"longest wait for a reply {max(p.longest_wait for p in people):.1f} s; "
        f"{time.monotonic() - started:.0f} s"
    )


async def _until_each_has(
    emulator: Emulator, clock: Clock, users: list[int], first_line: str, moment: datetime
) -> dict[int, SentMessage]:
    """Set the clock to when the prompts are due, and move it on five minutes a second (a
    prompt that failed is tried again five minutes later) until each client has one."""
    found: dict[int, SentMessage] = {}
    for step in range(60):
        clock.set(moment + timedelta(minutes=5 * step))
        await asyncio.sleep(1.0)
        for user in users:
            for message in emulator.messages(user):
                if (message.plain_text or "").startswith(first_line):
                    found.setdefault(user, message)
        if len(found) == len(users):
            return found
    missing = sorted(set(users) - set(found))
    raise AssertionError(f"{first_line!r} never reached {missing}")


async def _quiet_hour(emulator: Emulator, clock: Clock, users: list[int]) -> None:
    """An hour more, five minutes a tick: any prompt still to be resent would come now."""
    now = datetime(2026, 11, 30, 19, 30, tzinfo=BERLIN)
    for step in range(12):
        clock.set(now + timedelta(minutes=5 * step))
        await asyncio.sleep(0.2)
