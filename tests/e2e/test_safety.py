"""Safety through the real bot: crisis resources at once, and the conversation goes on."""

from __future__ import annotations

from emulator import Emulator
from tests.e2e.conftest import BotProcess
from tests.e2e.reflecting import onboard, press

ADA = 1001


async def test_words_of_danger_mid_reflection_bring_help_first_and_lose_nothing(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for _ in range(4):
        q = await press(emulator, ADA, q, "Skip")
    await emulator.send_text(ADA, "Honestly some days I want to die")
    help_now = await emulator.next_message(ADA)
    assert "If you are in danger, please call 112 now" in help_now.plain_text
    assert "TelefonSeelsorge" in help_now.plain_text
    kept = await emulator.next_message(ADA)
    assert "Kept" in kept.plain_text  # the reflection goes on
    ((stored,),) = bot.query("SELECT text FROM answers WHERE question = 'progress'")
    assert bot.decrypt(stored) == "Honestly some days I want to die"
    await bot.stop()
    assert "want to die" not in bot.log


async def test_urgent_answers_at_once_even_before_getting_started(
    emulator: Emulator, bot: BotProcess
):
    await emulator.send_text(ADA, "/urgent")
    reply = await emulator.next_message(ADA)
    assert "findahelpline.com" in reply.plain_text
