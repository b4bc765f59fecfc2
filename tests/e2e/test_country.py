"""Crisis help names the client's own country, through the real bot: from any zone of a
covered country, or from the country they set with /country."""

from __future__ import annotations

from emulator import Emulator
from tests.support.players import onboard
from tests.support.process import BotProcess

ADA = 1001


async def test_a_client_in_regina_gets_988(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA, "America/Regina")
    await emulator.send_text(ADA, "/urgent")
    said = (await emulator.next_message(ADA)).plain_text or ""
    assert "call 911 now" in said and "call or text 988" in said
    assert "In Canada:" in said and "findahelpline" not in said


async def test_a_client_who_sets_new_zealand_gets_its_lines(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)  # Berlin
    await emulator.send_text(ADA, "/urgent")
    assert "TelefonSeelsorge" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.send_text(ADA, "/country")
    assert "Germany, from your time zone" in (await emulator.next_message(ADA)).plain_text
    await emulator.next_message(ADA)  # which country?
    await emulator.send_text(ADA, "NZ")
    assert "New Zealand" in ((await emulator.next_message(ADA)).plain_text or "")
    assert bot.query("SELECT country FROM users WHERE id = ?", ADA) == [("NZ",)]
    await emulator.send_text(ADA, "/urgent")
    said = (await emulator.next_message(ADA)).plain_text or ""
    assert "call 111 now" in said and "Lifeline Aotearoa" in said and "1737" in said
    assert "TelefonSeelsorge" not in said
    await bot.stop()
    assert "New Zealand" not in bot.log


async def test_nonsense_for_a_country_gets_a_kind_re_ask(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/country")
    for _ in range(2):
        await emulator.next_message(ADA)
    await emulator.send_text(ADA, "qwzx plorb")
    said = (await emulator.next_message(ADA)).plain_text or ""
    assert "couldn't find that country" in said and "DE" in said
    assert bot.query("SELECT country FROM users WHERE id = ?", ADA) == [(None,)]
    await emulator.send_text(ADA, "Germany")  # still asked: the next answer counts
    assert "Germany" in ((await emulator.next_message(ADA)).plain_text or "")
    assert bot.query("SELECT country FROM users WHERE id = ?", ADA) == [("DE",)]
