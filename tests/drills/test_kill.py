"""kill -9 at random moments while many clients reflect at once: every answer is stored once,
with the value given, and every reflection can be finished."""

from __future__ import annotations

import asyncio
import random
import signal
import time

from emulator import Emulator
from tests.drills.ledger import problems, read_reflections
from tests.drills.scale import sized
from tests.support.players import (
    Person,
    a_text_answer_kept,
    everyone_finishes,
    onboard,
    plan_answers,
    until,
)
from tests.support.process import BotProcess

CLIENTS = sized(16, 200)
KILLS = sized(4, 20)
# Seconds without a reply before a client sends /reflect again: a restart and the backlog
# it leaves take a few seconds, longer with 200 clients.
PATIENCE = sized(4, 15)
# Seconds a client may take to read a question, as people do.
THINK = sized(0.3, 0.3)


async def test_kill_9_at_random_moments_loses_and_doubles_no_answer(
    emulator: Emulator, drill_bot: BotProcess, rng: random.Random
):
    started = time.monotonic()
    bot = drill_bot
    await bot.start()
    users = [5000 + n for n in range(CLIENTS)]
    await asyncio.gather(*(onboard(emulator, user) for user in users))
    people = [
        Person(emulator, user, plan_answers(user, rng), PATIENCE, THINK, rng.randrange(2**32))
        for user in users
    ]
    # The kills come at random points of the clients' progress, not of the clock: however
    # fast or slow the machine, every kill lands while reflections are under way.
    answers = sum(len(person.plan) for person in people)
    moments = sorted(int(rng.uniform(0.05, 0.85) * answers) for _ in range(KILLS))

    runs = [person.reflect() for person in people]
    reflecting = asyncio.ensure_future(everyone_finishes(people, runs, within=sized(180, 1200)))
    kills = 0
    for number, progress in enumerate(moments):
        await until(
            lambda at=progress: sum(p.actions for p in people) >= at or reflecting.done(),
            within=1200,
        )
        if number % 2:
            # Every other kill in the narrowest window: a text answer committed and its
            # reply on the way, its update not yet acknowledged.
            await a_text_answer_kept(emulator, unless=reflecting.done)
            await asyncio.sleep(rng.uniform(0, 0.05))
        if reflecting.done():
            break
        await bot.stop(signal.SIGKILL)
        kills += 1
        for person in people:
            person.trace.append(f"(kill {kills})")
        await bot.start()
    await reflecting
    await until(lambda: emulator.pending_updates() == 0)  # the last /cancel, say
    await bot.stop()

    stored = await read_reflections(bot.database_url, bot.workdir / "encryption.key", users)
    wrong = {p.user: found for p in people if (found := problems(p.plan, stored[p.user]))}
    for person in people:
        if person.user in wrong:
            print(f"client {person.user} saw and did:\n  " + "\n  ".join(person.trace))
    assert wrong == {}
    assert kills == KILLS, f"only {kills} kills: the clients finished too soon"
    texts = [want for p in people for want in p.plan.values() if isinstance(want, str)]
    log = bot.log
    assert not [text for text in texts if text in log], "a client's words reached the log"
    print(
        f"kill drill: {CLIENTS} clients, {kills} kills, "
        f"{sum(len(p.plan) for p in people)} answers checked, "
        f"{sum(p.actions for p in people)} actions, {sum(p.nudges for p in people)} nudges, "
        f"{log.count('was already handled')} redelivered updates ignored, "
        f"{time.monotonic() - started:.0f} s"
    )
