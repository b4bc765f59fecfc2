"""The polling loop against the emulator: updates handled as they arrive, one client's busy
turn holding no one else, and nothing acknowledged before it is finished."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from emulator import Emulator
from handlers.ordering import PerClientOrder
from handlers.polling import poll
from tests.support.players import until

BUSY, OTHER = 1001, 1002


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(bot_username="reflection_test_bot") as emulator:
        yield emulator


class Handled:
    """A handler that records what it handled; BUSY's first update waits for `release`."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.release = asyncio.Event()

    async def __call__(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        text = message.text if message is not None and message.text else ""
        if text == "slow":
            await self.release.wait()
        self.texts.append(text)


async def polling(emu: Emulator, handled: Handled) -> tuple[Application, asyncio.Event]:  # type: ignore[type-arg]
    application = (
        ApplicationBuilder()
        .token(emu.token)
        .base_url(emu.base_url)
        .concurrent_updates(PerClientOrder())
        .updater(None)
        .build()
    )
    application.add_handler(TypeHandler(Update, handled))
    await application.initialize()
    await application.start()
    return application, asyncio.Event()


async def test_a_busy_turn_holds_no_one_else_and_is_not_acknowledged_until_done(emu: Emulator):
    handled = Handled()
    application, stopping = await polling(emu, handled)
    task = asyncio.create_task(poll(application, stopping))
    try:
        await emu.send_text(BUSY, "slow")
        await emu.send_text(BUSY, "after slow")
        await asyncio.sleep(0.5)  # fetched, and in hand
        # Arrives while BUSY's turn is still running: handled at once, in a later poll.
        await emu.send_text(OTHER, "hello")
        await until(lambda: "hello" in handled.texts, within=5)
        assert "after slow" not in handled.texts  # one client's updates stay in order
        await asyncio.sleep(0.5)
        # Nothing from the busy turn on is acknowledged: a crash now loses none of it.
        assert emu.pending_updates() == 3
        handled.release.set()
        await until(lambda: handled.texts == ["hello", "slow", "after slow"], within=5)
        await until(lambda: emu.pending_updates() == 0, within=5)
    finally:
        handled.release.set()
        stopping.set()
        await task
        await application.stop()
        await application.shutdown()


async def test_stopping_waits_for_the_updates_in_hand_then_acknowledges_them(emu: Emulator):
    handled = Handled()
    application, stopping = await polling(emu, handled)
    task = asyncio.create_task(poll(application, stopping))
    try:
        await emu.send_text(BUSY, "slow")
        await asyncio.sleep(0.5)
        stopping.set()
        await asyncio.sleep(0.3)
        assert not task.done()  # the turn in hand is finished first
        handled.release.set()
        await asyncio.wait_for(task, 5)
        assert handled.texts == ["slow"]
        assert emu.pending_updates() == 0
    finally:
        handled.release.set()
        stopping.set()
        await task
        await application.stop()
        await application.shutdown()
