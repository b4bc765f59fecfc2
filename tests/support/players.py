"""Playing clients against the bot, shared by the end-to-end tests and drills: small steps
(`onboard`, `press`, `until`...), and `Person`, a client who means to give certain answers
and carries on, as a person would, whatever happens to the bot: when no reply comes they
send /reflect again and continue from where the bot says they are."""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from emulator import Emulator, NoMessageError, SentMessage


def button(message: SentMessage, label: str) -> str:
    """The data of the button labelled exactly `label` (a rating "1" is not "10")."""
    for row in message.buttons:
        for text, data in row:
            if text == label and data is not None:
                return data
    raise AssertionError(f"no button {label!r} in {message.button_labels}")


async def onboard(emulator: Emulator, user: int, city: str = "Berlin") -> None:
    """/start, a time zone, and "Later" for the sessions question."""
    await emulator.send_text(user, "/start")
    for _ in range(2):
        await emulator.next_message(user)
    await emulator.send_text(user, city)
    for _ in range(2):
        await emulator.next_message(user)
    days = await emulator.next_message(user)
    assert "Which days" in (days.plain_text or "")
    await press(emulator, user, days, "Later")


async def until(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Wait for something the bot does in the background (a database write)."""
    for _ in range(int(within / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def press_in_place(
    emulator: Emulator, user: int, message: SentMessage, label: str
) -> SentMessage:
    """Press a button whose message is redrawn in place; return it once it has changed."""
    edits = message.edits
    await emulator.press(user, message, button(message, label))
    for _ in range(500):
        if message.edits > edits:
            return message
        await asyncio.sleep(0.02)
    raise AssertionError(f"message {message.message_id} was not redrawn after {label!r}")


async def press(emulator: Emulator, user: int, message: SentMessage, label: str) -> SentMessage:
    """Press a button and return the bot's next message."""
    await emulator.press(user, message, button(message, label))
    return await emulator.next_message(user)


# What /reflect asks first, about a session whose week's four ratings weren't answered.
HOW_IVE_BEEN_FIRST = "First, how have you been in the week before"


async def past_how_ive_been(emulator: Emulator, user: int, message: SentMessage) -> SentMessage:
    """The message after how I've been, skipped, when /reflect asked it first (a client
    with a schedule, for a session whose week wasn't answered); else `message` itself."""
    if HOW_IVE_BEEN_FIRST not in (message.plain_text or ""):
        return message
    await emulator.press(user, message, button(message, "Skip these"))
    return await emulator.next_message(user)


async def set_up_tuesdays_at_17(emulator: Emulator, user: int) -> None:
    """Getting started: Berlin, sessions on Tuesdays at 17:00 for 50 minutes, weekly."""
    await emulator.send_text(user, "/start")
    for _ in range(2):
        await emulator.next_message(user)
    await emulator.send_text(user, "Berlin")
    for _ in range(2):
        await emulator.next_message(user)
    days = await emulator.next_message(user)
    await press_in_place(emulator, user, days, "Tue")
    asked = await press(emulator, user, days, "Done")
    asked = await press(emulator, user, asked, "17:00")
    asked = await press(emulator, user, asked, "50 min")
    await press(emulator, user, asked, "Every week")
    assert "That's all I need" in ((await emulator.next_message(user)).plain_text or "")


async def only_the_ratings(emulator: Emulator, user: int) -> None:
    """Turn off every written question in /questions, leaving the ratings."""
    await emulator.send_text(user, "/questions")
    menu = await emulator.next_message(user)
    for label in ("progress", "obstacles", "helpful", "wasn't helpful", "feel right", "bring up"):
        target = next(t for row in menu.buttons for t, _ in row if label in t.lower())
        await press_in_place(emulator, user, menu, target)


async def the_four_ratings_given(emulator: Emulator, user: int) -> SentMessage:
    """/reflect, and the four ratings given (7, 6, 8, 5); returns the fifth question."""
    await emulator.send_text(user, "/reflect")
    await emulator.next_message(user)
    question = await emulator.next_message(user)
    for rating in ("7", "6", "8", "5"):
        question = await press(emulator, user, question, rating)
    assert "Question 5 of 10" in (question.plain_text or "")
    return question


async def a_text_answer_kept(
    emulator: Emulator, unless: Callable[[], bool] = lambda: False
) -> None:
    """Until the bot next says "Kept." to a text answer (or `unless()` is true): the turn
    stored, its reply sent, and its update about to be acknowledged, the narrowest moment
    for a process to die in."""
    seen = len(emulator.calls)
    while not unless():
        calls = emulator.calls
        for call in calls[seen:]:
            if call.method == "sendMessage" and _says_kept(str(call.params.get("text"))):
                return
        seen = len(calls)
        await asyncio.sleep(0.01)


def _says_kept(text: str) -> bool:
    """Whether a reply opens with "Kept." (alone, or before the next question)."""
    return re.sub(r"<[^>]+>", "", text).startswith("Kept.")


# The built-in questions in the order the bot asks them (no goals, no own questions).
RATED = ("heard", "focus", "approach", "overall")
OPEN = ("progress", "obstacles", "helpful", "not_helpful", "felt_right", "bring_up")
QUESTIONS = RATED + OPEN

# An answer: a rating, a text, or None for a skip.
Answer = int | str | None

_POSITION = re.compile(r"Question (\d+) of (\d+)")
_WORDS = (
    "slowly getting easier", "talking about my sister", "the breathing exercise",
    "we ran out of time", "naming the feeling", "I felt rushed", "saying no at work",
    "the homework helped", "mostly yes", "sleep, again",
)  # fmt: skip


def plan_answers(user: int, rng: random.Random) -> dict[str, Answer]:
    """What a client means to answer: ratings 0-10, short texts unique to them, a few skips."""
    plan: dict[str, Answer] = {}
    for key in RATED:
        plan[key] = None if rng.random() < 0.1 else rng.randint(0, 10)
    for key in OPEN:
        # Unique per client and question, so a text stored twice or in the wrong place shows.
        plan[key] = None if rng.random() < 0.25 else f"{user} {key}: {rng.choice(_WORDS)}"
    return plan


@dataclass
class Person:
    """Plays one client through a reflection and records how it went."""

    emulator: Emulator
    user: int
    plan: dict[str, Answer]
    patience: float  # seconds without a reply before they try /reflect again
    think: float = 0.0  # up to this many seconds to read a question before answering it
    seed: int = 0  # for the thinking pauses, so a failing DRILL_SEED replays the same run
    nudges: int = 0  # how often they had to send /reflect again
    actions: int = 0
    done: bool = False
    longest_wait: float = 0.0  # seconds, from an action to the bot's next message
    trace: list[str] = field(default_factory=list)  # what they saw and did, for a failure
    _syncing: bool = True  # after /reflect: waiting for the bot to say where they are
    _acted: set[str] = field(default_factory=set)  # what they did since the bot last said
    _position: int = -1  # the question they last answered
    _answered_last: bool = False
    _answered_any: bool = False
    _rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    async def reflect(self, prompt: SentMessage | None = None) -> None:
        """/reflect (or "Start now" on a prompt), then answer every question as planned,
        until the bot says thank you."""
        if prompt is None:
            await self.emulator.send_text(self.user, "/reflect")
        else:
            await self._press(prompt, "Start now")
        while not self.done:
            waiting = time.monotonic()
            try:
                message = await self.emulator.next_message(self.user, timeout=self.patience)
            except NoMessageError:
                await self._nudge()
                continue
            self.longest_wait = max(self.longest_wait, time.monotonic() - waiting)
            self.trace.append(f"got {message.message_id} {(message.plain_text or '')[:40]!r}")
            if self.think:
                await asyncio.sleep(self._rng.uniform(0, self.think))
            await self._react(message)

    async def _nudge(self) -> None:
        """No reply: like a person would, ask to carry on."""
        self.nudges += 1
        self.trace.append("nudge /reflect")
        self._syncing = True
        await self.emulator.send_text(self.user, "/reflect")

    async def _react(self, message: SentMessage) -> None:
        text = message.plain_text or ""
        if HOW_IVE_BEEN_FIRST in text:
            # /reflect asks how the week has been first (a client with a schedule): skipped,
            # once, and the reflection follows.
            if f"how:{message.message_id}" not in self._acted:
                self._acted.add(f"how:{message.message_id}")
                await self._press(message, "Skip these")
            return
        if self._syncing:
            # Until the bot answers the latest /reflect, anything else is an older reply.
            if "haven't finished" in text:
                self._syncing, self._acted = False, set()
                await self._press(message, "Continue where I left off")
            elif "short questions" in text:
                self._syncing, self._acted = False, set()
                if self._answered_last:
                    # The thank-you was lost with the process, and /reflect began anew.
                    self.done = True
                    await self.emulator.send_text(self.user, "/cancel")
                elif self._answered_any:
                    raise AssertionError(f"client {self.user}: the reflection in hand vanished")
            return
        if "Thank you for taking the time" in text or text.startswith("Nothing kept this time"):
            self.done = True
            return
        found = _POSITION.search(text)
        if found is not None:
            await self._answer(message, int(found.group(1)) - 1, text)
        elif text.startswith("Kept.") and f"next:{message.message_id}" not in self._acted:
            # The last question's "Kept.", with Done (the others go on to the next).
            self._acted.add(f"next:{message.message_id}")
            await self._press(message, "Done", last=self._on_last())
        elif "haven't finished" in text:
            await self._press(message, "Continue where I left off")

    async def _answer(self, message: SentMessage, position: int, text: str) -> None:
        key = QUESTIONS[position]
        want = self.plan[key]
        if key in self._acted:
            # The same question again: a person wouldn't answer twice. But when the bot's
            # reply to their words was lost, it apologises ("what you sent is saved") and
            # asks again, showing the answer kept: they carry on from there.
            shown = isinstance(want, str) and f"So far you wrote: {want}" in text
            if shown and f"next:{message.message_id}" not in self._acted:
                self._acted.add(f"next:{message.message_id}")
                self.trace.append("saw their answer kept")
                await self._press(message, "Next \u00bb", last=position == len(QUESTIONS) - 1)
            return
        self._acted.add(key)
        self._position = position
        last = position == len(QUESTIONS) - 1
        if want is None:
            await self._press(message, "Skip", last=last)
        elif isinstance(want, int):
            await self._press(message, str(want), last=last)
        elif f"So far you wrote: {want}" in text:
            await self._press(message, "Next \u00bb", last=last)  # kept before the crash
        else:
            self.actions += 1
            self._answered_any = True
            self.trace.append(f"wrote {want!r}")
            await self.emulator.send_text(self.user, want)

    def _on_last(self) -> bool:
        return self._position == len(QUESTIONS) - 1

    async def _press(self, message: SentMessage, label: str, *, last: bool = False) -> None:
        self.actions += 1
        if label not in ("Continue where I left off", "Start now", "Skip these"):
            self._answered_any = True
        self._answered_last = self._answered_last or last
        self.trace.append(f"pressed {label!r} on {message.message_id}")
        await self.emulator.press(self.user, message, button(message, label), strict=False)


async def everyone_finishes(
    people: list[Person], runs: list[Awaitable[None]], within: float
) -> None:
    """Wait for every client's reflection; if some never finish, say what they went through."""
    try:
        await asyncio.wait_for(asyncio.gather(*runs), timeout=within)
    except TimeoutError:
        stuck = [person for person in people if not person.done]
        raise AssertionError(
            f"{len(stuck)} clients never finished; client {stuck[0].user} saw and did:\n  "
            + "\n  ".join(stuck[0].trace[-40:])
        ) from None
