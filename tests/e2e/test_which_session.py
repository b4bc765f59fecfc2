"""Which session a reflection looks back on, through the real bot on the tests' clock: a
client catching up on two missed Tuesdays is asked which, each reflection keeps its own
date, /summary and the chart follow the sessions; a prompt's "Start now" keeps its own."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PIL import Image

from emulator import Emulator, NoMessageError, SentMessage
from tests.support.clock import Clock
from tests.support.players import onboard, past_how_ive_been, press
from tests.support.process import BotProcess

ADA = 1601
BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


async def tuesdays_at_17(emulator: Emulator) -> None:
    """Getting started: Berlin, Tuesdays at 17:00, 50 minutes, every week."""
    await emulator.send_text(ADA, "/start")
    for _ in range(2):
        await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Berlin")
    for _ in range(2):
        await emulator.next_message(ADA)
    days = await emulator.next_message(ADA)
    await emulator.press(ADA, days, days.button_data("Tue"))
    await emulator.next_edit(ADA)
    asked = await press(emulator, ADA, days, "Done")
    asked = await press(emulator, ADA, asked, "17:00")
    asked = await press(emulator, ADA, asked, "50 min")
    await press(emulator, ADA, asked, "Every week")
    await settle(emulator)


async def settle(emulator: Emulator) -> list[SentMessage]:
    """Whatever the bot still says on its own (the end of the set-up, a late prompt)."""
    said = []
    while True:
        try:
            said.append(await emulator.next_message(ADA, timeout=1.5))
        except NoMessageError:
            return said


async def walk(emulator: Emulator, question: SentMessage, rating: int) -> None:
    """The four ratings at `rating`, the written questions skipped, to the thank-you."""
    for _ in range(4):
        question = await press(emulator, ADA, question, str(rating))
    while "Thank you for taking the time" not in (question.plain_text or ""):
        question = await press(emulator, ADA, question, "Skip")


async def first_question(emulator: Emulator) -> SentMessage:
    """Past how I've been (asked first about a session whose week wasn't answered) and
    the introduction, the first question."""
    message = await past_how_ive_been(emulator, ADA, await emulator.next_message(ADA))
    if "Question 1" not in (message.plain_text or ""):
        message = await emulator.next_message(ADA)
    assert "Question 1" in (message.plain_text or "")
    return message


def dated(bot: BotProcess) -> list[tuple[int, str]]:
    rows = bot.query("SELECT serial, session_date FROM reflections ORDER BY serial")
    return [(int(str(serial)), str(day)) for serial, day in rows]


async def test_catching_up_on_two_missed_tuesdays_keeps_each_sessions_date(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(16, 11, 10))  # Monday 16 November
    await bot.start()
    await tuesdays_at_17(emulator)
    clock.set(berlin(26, 11, 10))  # Thursday 26 November: two Tuesdays went by
    await settle(emulator)

    await emulator.send_text(ADA, "/reflect")
    offer = await emulator.next_message(ADA)
    assert "Which session" in (offer.plain_text or "")
    assert offer.button_labels == ["Tuesday 17 November", "Tuesday 24 November", "Another day"]
    # The later one first: the summary follows the sessions, not the order of writing.
    await emulator.press(ADA, offer, offer.button_data("Tuesday 24 November"))
    await walk(emulator, await first_question(emulator), 8)

    await emulator.send_text(ADA, "/reflect")
    offer = await emulator.next_message(ADA)
    assert offer.button_labels == ["Tuesday 17 November", "Another day"]
    await emulator.press(ADA, offer, offer.button_data("Tuesday 17 November"))
    await walk(emulator, await first_question(emulator), 6)
    assert dated(bot) == [(1, "2026-11-24"), (2, "2026-11-17")]

    await emulator.send_text(ADA, "/summary")
    page = await emulator.next_message(ADA)
    text = page.plain_text or ""
    assert "2 sessions" in text
    assert "Thursday 26 November" not in text
    newest, oldest = text.split("Tuesday 17 November 2026")
    assert "Tuesday 24 November 2026" in newest
    # Each rating against the session before it: the 24th's 8 rose from the 17th's 6.
    assert "Felt heard and respected: 8 \u2191 from 6" in newest
    assert "Felt heard and respected: 6" in oldest and "\u2191" not in oldest

    chart = await emulator.next_message(ADA)
    assert chart.method == "sendPhoto" and chart.file is not None
    described = Image.open(io.BytesIO(chart.file)).info.get("Description", "")
    # Two points, the axis a span of days around the two Tuesdays (not 2025 to 2029).
    points, _, span = described.partition("; x axis ")
    assert points == "2 points"
    first, _, last = span.partition(" to ")
    assert date(2026, 11, 10) <= date.fromisoformat(first) <= date(2026, 11, 17)
    assert date(2026, 11, 24) <= date.fromisoformat(last) <= date(2026, 12, 1)


async def test_another_day_is_typed_in_the_clients_own_words(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(16, 11, 10))
    await bot.start()
    await tuesdays_at_17(emulator)
    clock.set(berlin(26, 11, 10))
    await settle(emulator)

    await emulator.send_text(ADA, "/reflect")
    offer = await emulator.next_message(ADA)
    asked = await press(emulator, ADA, offer, "Another day")
    assert "Which day" in (asked.plain_text or "")
    await emulator.send_text(ADA, "next year")
    assert "couldn't read that as a day" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.send_text(ADA, "last Monday")  # an extra session, off the schedule
    await first_question(emulator)
    assert dated(bot) == [(1, "2026-11-23")]


async def test_a_day_given_with_reflect_dates_it_without_a_schedule(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(26, 11, 10))
    await bot.start()
    await onboard(emulator, ADA)
    await settle(emulator)
    await emulator.send_text(ADA, "/reflect 24.11.")
    await first_question(emulator)
    assert dated(bot) == [(1, "2026-11-24")]


async def test_start_now_keeps_the_prompts_session_when_starting_anew(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(16, 11, 10))
    await bot.start()
    await tuesdays_at_17(emulator)
    # A reflection begun on Monday and left unfinished.
    await emulator.send_text(ADA, "/reflect")
    await press(emulator, ADA, await first_question(emulator), "7")
    await emulator.send_text(ADA, "/cancel")
    await emulator.next_message(ADA)
    assert dated(bot) == [(1, "2026-11-16")]

    clock.set(berlin(17, 11, 18, 51))  # Tuesday's prompt
    prompt = await emulator.next_message(ADA)
    assert "Start now" in prompt.button_labels
    clock.set(berlin(18, 11, 9))  # answered the next morning
    offer = await press(emulator, ADA, prompt, "Start now")
    assert "haven't finished" in (offer.plain_text or "")
    await emulator.press(ADA, offer, offer.button_data("Start a new one"))
    await first_question(emulator)
    assert dated(bot) == [(1, "2026-11-16"), (2, "2026-11-17")]
