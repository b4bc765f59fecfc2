"""The turn engine in this process: the real Application against the emulator and a SQLite
file (tests/support/engine.py), fast enough for the quick tier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from emulator import Emulator
from tests.support.engine import InProcessBot, bot_in_process, settings_for


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(bot_username="reflection_test_bot") as emu:
        yield emu


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[InProcessBot]:
    """The bot, started on a fresh SQLite file in tmp_path, migrated as at start-up."""
    async with bot_in_process(emulator, settings_for(emulator, tmp_path)) as running:
        yield running
