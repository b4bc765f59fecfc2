"""Places typed as a native speaker would, through the real bot: a city in Spanish or
Russian finds its time zone at /start, a name two cities share is offered as buttons naming
them, and /country takes a country's name in German."""

from __future__ import annotations

from emulator import Emulator
from tests.support.players import onboard
from tests.support.process import BotProcess

ADA = 1001


async def start(emulator: Emulator, user: int) -> None:
    await emulator.send_text(user, "/start")
    await emulator.next_message(user)  # welcome
    question = await emulator.next_message(user)
    assert "what's your time zone?" in (question.plain_text or "")


async def test_sevilla_at_the_time_zone_question_is_madrid(emulator: Emulator, bot: BotProcess):
    await start(emulator, ADA)
    await emulator.send_text(ADA, "Sevilla")
    saved = await emulator.next_message(ADA)
    assert "Europe/Madrid" in (saved.plain_text or "")
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Europe/Madrid",)]
    # Getting started goes on to the client's sessions.
    assert "your sessions" in ((await emulator.next_message(ADA)).plain_text or "")


async def test_moskva_in_russian_is_moscow_time(emulator: Emulator, bot: BotProcess):
    await start(emulator, ADA)
    await emulator.send_text(ADA, "Москва")
    saved = await emulator.next_message(ADA)
    assert "Europe/Moscow" in (saved.plain_text or "")
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("Europe/Moscow",)]


async def test_portland_offers_both_and_the_one_pressed_is_kept(
    emulator: Emulator, bot: BotProcess
):
    await start(emulator, ADA)
    await emulator.send_text(ADA, "Portland")
    offer = await emulator.next_message(ADA)
    assert "more than one place" in (offer.plain_text or "")
    assert offer.button_labels == [
        "Portland, Oregon, United States",
        "Portland, Maine, United States",
        "None of these",
    ]
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [(None,)]
    await emulator.press(ADA, offer, offer.button_data("Maine"))
    saved = await emulator.next_message(ADA)
    assert "America/New_York" in (saved.plain_text or "")
    assert offer.buttons == []  # the pressed keyboard is gone
    assert bot.query("SELECT time_zone FROM users WHERE id = ?", ADA) == [("America/New_York",)]


async def test_country_takes_a_german_name_and_offers_cordoba_by_country(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA, "Tokyo")
    await emulator.send_text(ADA, "/country")
    for _ in range(2):
        await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Córdoba")
    offer = await emulator.next_message(ADA)
    assert offer.button_labels[:2] == ["Argentina", "Spain"]
    await emulator.press(ADA, offer, offer.button_data("Spain"))
    assert "Spain" in ((await emulator.next_message(ADA)).plain_text or "")
    assert bot.query("SELECT country FROM users WHERE id = ?", ADA) == [("ES",)]
    await emulator.send_text(ADA, "/country")
    for _ in range(2):
        await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Deutschland")
    assert "Germany" in ((await emulator.next_message(ADA)).plain_text or "")
    assert bot.query("SELECT country FROM users WHERE id = ?", ADA) == [("DE",)]
