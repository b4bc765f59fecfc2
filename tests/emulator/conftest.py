"""Fixtures for the emulator's own tests: a running emulator and a raw HTTP client for it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from emulator import Emulator
from tests.emulator.botapi import BotApi


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(bot_username="reflection_test_bot") as emulator:
        yield emulator


@pytest.fixture
async def api(emu: Emulator) -> AsyncIterator[BotApi]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        yield BotApi(client, emu)
