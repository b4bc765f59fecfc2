"""Simulated clients acting at once through the emulator, each waiting for the bot's replies.

The emulator's own `next_message` wakes every waiting client on every change it sees; with
fifty clients that fan-out costs the benchmark process more CPU than the bot under test. So
one watcher per message-sending method follows the emulator's call log and wakes only the
client whose chat got a message.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.scenarios import Press, Say, Step, expected_replies
from emulator import Emulator, NoMessageError, SentMessage

# Bot API methods after which the chat holds a new bot message.
MESSAGE_METHODS = ("sendMessage", "sendPhoto", "sendDocument")
# A step whose number of replies isn't known ends when the chat stays quiet this long.
QUIET_SECONDS = 0.3


class ReplyWatcher:
    """Wakes the client of a chat when the bot sends a message there."""

    def __init__(self, emulator: Emulator) -> None:
        self._emulator = emulator
        self._wakeups: dict[int, asyncio.Event] = {}
        self._followers: list[asyncio.Task[None]] = []
        self._stopping = False

    async def __aenter__(self) -> ReplyWatcher:
        self._followers = [asyncio.create_task(self._follow(m)) for m in MESSAGE_METHODS]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._stopping = True
        # Python 3.11's asyncio.wait_for (inside the emulator's waiting) can swallow a
        # cancellation that lands as its wait ends; so cancel until every follower is gone.
        while pending := [task for task in self._followers if not task.done()]:
            for task in pending:
                task.cancel()
            await asyncio.wait(pending, timeout=0.1)

    async def _follow(self, method: str) -> None:
        while not self._stopping:
            try:
                call = await self._emulator.wait_for_call(method, timeout=3600)
            except NoMessageError:
                continue
            with contextlib.suppress(TypeError, ValueError):
                wakeup = self._wakeups.get(int(str(call.params.get("chat_id"))))
                if wakeup is not None:
                    wakeup.set()

    async def wait_for(self, chat_id: int, count: int, timeout: float) -> float:  # noqa: ASYNC109
        """Wait until the chat holds `count` bot messages; when the last one came."""
        wakeup = self._wakeups.setdefault(chat_id, asyncio.Event())
        async with asyncio.timeout(timeout):
            while len(self._emulator.messages(chat_id)) < count:
                wakeup.clear()
                if len(self._emulator.messages(chat_id)) >= count:
                    break
                await wakeup.wait()
        return time.perf_counter()

    async def wait_until_quiet(self, chat_id: int, seen: int, timeout: float) -> float:  # noqa: ASYNC109
        """Wait for a first new message, then until none follows for QUIET_SECONDS."""
        arrived = await self.wait_for(chat_id, seen + 1, timeout)
        while True:
            count = len(self._emulator.messages(chat_id))
            try:
                arrived = await self.wait_for(chat_id, count + 1, QUIET_SECONDS)
            except TimeoutError:
                return arrived


@dataclass
class ClientRun:
    """What one simulated client did and saw."""

    user_id: int
    latencies: list[float] = field(default_factory=list)
    replies_missing: int = 0
    failure: str | None = None
    first_sent: float | None = None
    last_reply: float | None = None

    @property
    def steps_done(self) -> int:
        return len(self.latencies)


async def play(
    emulator: Emulator,
    watcher: ReplyWatcher,
    user_id: int,
    steps: Sequence[Step],
    step_timeout: float,
) -> ClientRun:
    """One client takes its steps in order, each after the bot has answered the last."""
    run = ClientRun(user_id)
    for index, step in enumerate(steps):
        seen = len(emulator.messages(user_id))
        started = time.perf_counter()
        run.first_sent = run.first_sent or started
        try:
            await _act(emulator, user_id, step)
            if step.replies is None:
                arrived = await watcher.wait_until_quiet(user_id, seen, step_timeout)
            else:
                arrived = await watcher.wait_for(user_id, seen + step.replies, step_timeout)
        except (TimeoutError, LookupError) as problem:
            got = len(emulator.messages(user_id)) - seen
            run.failure = f"step {index + 1} {step}: got {got} repl(ies); {problem!r}"
            run.replies_missing = expected_replies(steps[index:]) - max(got, 0)
            return run
        run.latencies.append(arrived - started)
        run.last_reply = arrived
    return run


async def _act(emulator: Emulator, user_id: int, step: Step) -> None:
    if isinstance(step, Say):
        await emulator.send_text(user_id, step.text)
        return
    message = _latest_with_buttons(emulator.messages(user_id))
    await emulator.press(user_id, message, _button_data(message, step))


def _latest_with_buttons(messages: Sequence[SentMessage]) -> SentMessage:
    for message in reversed(messages):
        if message.buttons and not message.deleted:
            return message
    raise LookupError("no bot message with buttons to press")


def _button_data(message: SentMessage, step: Press) -> str:
    buttons = [(label, data) for row in message.buttons for label, data in row if data]
    for label, data in buttons:
        if label == step.label:
            return data
    return message.button_data(step.label)


async def play_all(
    emulator: Emulator,
    user_ids: Sequence[int],
    steps: Sequence[Step],
    step_timeout: float,
) -> list[ClientRun]:
    """Every client plays the steps at the same time."""
    async with ReplyWatcher(emulator) as watcher:
        return list(
            await asyncio.gather(
                *(play(emulator, watcher, user, steps, step_timeout) for user in user_ids)
            )
        )
