"""Playing a client who has reflected a few times, for the review tests."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from emulator import Emulator, SentMessage
from tests.support.players import press

BERLIN = ZoneInfo("Europe/Berlin")
# The default reflection's open questions, in the order they are asked.
OPEN = ("progress", "obstacles", "helpful", "not_helpful", "felt_right", "bring_up")


def berlin(day: int, month: int, hour: int = 18, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BERLIN)


async def reflect(
    emulator: Emulator,
    user: int,
    ratings: tuple[int, int, int, int],
    words: dict[str, str | list[str]],
    *,
    offer: str | None = None,
) -> SentMessage:
    """A whole /reflect: four ratings, then words (one or several messages) for the open
    questions named in `words`, a skip for the others. With low ratings the bot offers to
    put them in the note: `offer` is the button to press then. Returns the thank-you."""
    await emulator.send_text(user, "/reflect")
    await emulator.next_message(user)  # "Let's look back at your session: ..."
    question = await emulator.next_message(user)
    for rating in ratings:
        question = await press(emulator, user, question, str(rating))
    for key in OPEN:
        written = words.get(key)
        if not written:
            question = await press(emulator, user, question, "Skip")
            continue
        last = key == OPEN[-1]
        for number, part in enumerate([written] if isinstance(written, str) else written):
            if number and not last:
                question = await press(emulator, user, question, "\u00ab Back")  # more
            await emulator.send_text(user, part)
            if not (last and number):  # the last question says "Kept." once
                question = await emulator.next_message(user)
        if last:
            question = await press(emulator, user, question, "Done")
    thanks = question
    assert "Thank you for taking the time" in (thanks.plain_text or "")
    if offer is not None:
        offered = await emulator.next_message(user)
        assert "Shall I add this to your note" in (offered.plain_text or "")
        await press(emulator, user, offered, offer)
    return thanks


async def toast_after(emulator: Emulator, user: int, message: SentMessage, data: str) -> str:
    """Press a button (stale or forged ones too) and return the toast it brings."""
    before = len(emulator.calls_to("answerCallbackQuery"))
    await emulator.press(user, message, data, strict=False)
    for _ in range(500):
        calls = emulator.calls_to("answerCallbackQuery")
        if len(calls) > before:
            return str(calls[before].params.get("text"))
        await asyncio.sleep(0.02)
    raise AssertionError("the press was not answered")
