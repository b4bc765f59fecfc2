"""Playing a client through a reflection: small steps the end-to-end tests share."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from emulator import Emulator, SentMessage


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
            if call.method == "sendMessage" and str(call.params.get("text")).startswith("Kept."):
                return
        seen = len(calls)
        await asyncio.sleep(0.01)
