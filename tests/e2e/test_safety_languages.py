"""Words of danger in German, Spanish, French or Russian, through the real bot: whatever
the client's language setting, the crisis message comes at once with their country's
numbers, in the middle of a reflection as in English (tests/e2e/test_safety.py)."""

from __future__ import annotations

import pytest

from emulator import Emulator
from tests.support.players import onboard, press
from tests.support.process import BotProcess

ADA = 1001


@pytest.mark.parametrize(
    ("country", "words", "emergency", "lines"),
    [
        ("DE", "Ich will nicht mehr leben", "call 112 now", ("TelefonSeelsorge", "0800 111 0 111")),
        ("ES", "quiero morirme", "call 112 now", ("Línea 024", "call 024")),
        ("FR", "je veux mourir", "call 112 or 15 now", ("3114", "SOS Amitié")),
        ("RU", "не хочу жить", "call 112 now", ("8 800 2000 122",)),
    ],
)
async def test_words_of_danger_in_another_language_mid_reflection_bring_their_countrys_help(
    emulator: Emulator,
    bot: BotProcess,
    country: str,
    words: str,
    emergency: str,
    lines: tuple[str, ...],
):
    await onboard(emulator, ADA)  # Berlin, Telegram in English: the words still count
    await emulator.send_text(ADA, "/country")
    for _ in range(2):
        await emulator.next_message(ADA)
    await emulator.send_text(ADA, country)
    await emulator.next_message(ADA)
    assert bot.query("SELECT country FROM users WHERE id = ?", ADA) == [(country,)]
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for _ in range(4):
        q = await press(emulator, ADA, q, "2")
    assert "making progress" in q.plain_text
    await emulator.send_text(ADA, words)
    help_now = (await emulator.next_message(ADA)).plain_text or ""
    assert f"If you are in danger, please {emergency}" in help_now
    assert all(line in help_now for line in lines), help_now
    assert "TelefonSeelsorge" not in help_now or country == "DE"
    choice = await emulator.next_message(ADA)
    assert choice.button_labels == ["Pause here", "Carry on"]
    ((stored, flagged),) = bot.query("SELECT text, danger FROM answers WHERE question = 'progress'")
    assert bot.decrypt(stored) == words and flagged in (1, True)  # kept, flagged, not lost
    await bot.stop()
    assert words not in bot.log
