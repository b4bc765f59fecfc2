"""Clients whose Telegram is in German, Spanish, French or Russian set up their sessions by
typing, as a native speaker would, through the real bot: the days (with the time or
without), the time, how long, how often, and a one-off session; and get the schedule they
meant."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time

import pytest

from emulator import Emulator
from features.kernel.texts import plain
from features.kernel.vocabulary import Day
from tests.e2e.test_prompts import berlin
from tests.support.clock import Clock
from tests.support.players import press
from tests.support.process import BotProcess


@dataclass(frozen=True)
class Setup:
    """What a client types at each question, and the schedule it means."""

    language: str
    answers: tuple[str, ...]  # the days (perhaps with the time), [the time], length, how often
    weekdays: list[int]
    start: str
    minutes: int
    every_weeks: int
    one_off: str  # typed on Monday 23 November, 10:00 in Berlin
    one_off_read: tuple[date, time]  # in the client's time zone


SETUPS = [
    Setup("de", ("dienstags um 17 Uhr", "50 Minuten", "jede Woche"), [1], "17:00", 50, 1,
          "morgen um 10 Uhr", (date(2026, 11, 24), time(10))),
    Setup("es", ("martes y jueves", "a las cinco y media de la tarde", "una hora",
                 "cada dos semanas"), [1, 3], "17:30", 60, 2,
          "pasado mañana a las 10 de la mañana", (date(2026, 11, 25), time(10))),
    Setup("fr", ("le mardi", "17h30", "une heure et demie", "toutes les deux semaines"), [1],
          "17:30", 90, 2, "jeudi prochain à 10h", (date(2026, 11, 26), time(10))),
    Setup("ru", ("по вторникам в пять вечера", "50 минут", "каждую неделю"), [1], "17:00", 50,
          1, "завтра в 10 утра", (date(2026, 11, 24), time(10))),
]  # fmt: skip
CLIENT = 1801


@pytest.mark.parametrize("setup", SETUPS, ids=lambda s: s.language)
async def test_a_client_sets_up_their_sessions_typing_in_their_language(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock], setup: Setup
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00
    await bot.start()
    emulator.add_user(CLIENT, language_code=setup.language)
    await emulator.send_text(CLIENT, "/start")
    for _ in range(2):
        await emulator.next_message(CLIENT)
    await emulator.send_text(CLIENT, "Berlin")
    for _ in range(2):
        await emulator.next_message(CLIENT)
    lang = setup.language
    assert plain("schedule.ask_days", lang) in (
        (await emulator.next_message(CLIENT)).plain_text or ""
    )

    *before, length, how_often = setup.answers
    for typed in before:
        await emulator.send_text(CLIENT, typed)
        asked = (await emulator.next_message(CLIENT)).plain_text or ""
    # The time was read, with the days or alone.
    assert plain("schedule.ask_length", lang) in asked
    await emulator.send_text(CLIENT, length)
    assert plain("schedule.ask_frequency", lang) in (
        (await emulator.next_message(CLIENT)).plain_text or ""
    )
    await emulator.send_text(CLIENT, how_often)
    summary = (await emulator.next_message(CLIENT)).plain_text or ""
    assert setup.start in summary and str(setup.minutes) in summary
    done = (await emulator.next_message(CLIENT)).plain_text or ""
    assert plain("onboarding.done", lang) in done
    stored = bot.query(
        "SELECT weekdays, start_time, duration_minutes, every_weeks FROM schedules"
        " WHERE user_id = ?",
        CLIENT,
    )
    [(weekdays, start, minutes, every_weeks)] = stored
    weekdays = weekdays if isinstance(weekdays, list) else json.loads(str(weekdays))
    assert (weekdays, start, minutes, every_weeks) == (
        setup.weekdays,
        setup.start,
        setup.minutes,
        setup.every_weeks,
    )

    await emulator.send_text(CLIENT, "/schedule")
    card = await emulator.next_message(CLIENT)
    await press(emulator, CLIENT, card, plain("button.add_extra", lang))
    await emulator.send_text(CLIENT, setup.one_off)
    added = (await emulator.next_message(CLIENT)).plain_text or ""
    day, at = setup.one_off_read
    assert added == plain("schedule.extra_added", lang, when=Day(day, at=at))
