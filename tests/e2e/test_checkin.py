"""The one-minute check-in between sessions, through the real bot on the tests' clock:
chosen in /schedule, sent at the chosen local time once (a restart doesn't double it), never
inside the quiet hours nor on a session day, stopped when turned off; a face and a line kept
(the line encrypted) and, at a tap, in the next note."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from emulator import Emulator, SentMessage
from tests.support.clock import Clock
from tests.support.players import button, press, press_in_place, set_up_tuesdays_at_17, until
from tests.support.process import BotProcess

ADA = 1001
BERLIN = ZoneInfo("Europe/Berlin")
ASKED = "How's your day going? \U0001f33f"
LINE = "marker-7c1d: a long walk by the river helped"


@pytest.fixture
async def replicas(
    emulator: Emulator, tmp_path: Path, database_url: str
) -> AsyncIterator[tuple[list[BotProcess], Clock]]:
    """Two bots in webhook mode on one database and key, on one clock the test sets (the
    emulator posts updates to them in turn, as a load balancer would)."""
    clock = Clock(tmp_path / "clock")
    env = {"CLOCK_FILE": str(clock.path), "DISPATCH_INTERVAL_SECONDS": "0.1"}
    pair = [
        BotProcess(emulator, tmp_path, database_url, webhook=True, name=name, extra_env=env)
        for name in "ab"
    ]
    yield pair, clock
    for process in pair:
        if process.process is not None:
            await process.stop()


def berlin(day: int, month: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


def checkins_sent(emulator: Emulator) -> int:
    return sum(
        1
        for call in emulator.calls_to("sendMessage")
        if call.ok and str(call.params.get("text", "")).startswith(ASKED)
    )


def checkin_prompts(bot: BotProcess) -> list[tuple[object, ...]]:
    return bot.query(
        "SELECT session_date, status FROM prompts WHERE kind = 'checkin' ORDER BY session_date"
    )


async def card(emulator: Emulator) -> SentMessage:
    await emulator.send_text(ADA, "/schedule")
    return await emulator.next_message(ADA)


async def choose_checkin(emulator: Emulator, day: str, typed: str) -> str:
    """/schedule, "Check-in between sessions", a day, then a time typed: what the bot said."""
    days = await press_in_place(emulator, ADA, await card(emulator), "Check-in between sessions")
    asked = await press(emulator, ADA, days, day)
    assert "What time" in (asked.plain_text or "")
    await emulator.send_text(ADA, typed)
    return (await emulator.next_message(ADA)).plain_text or ""


async def test_chosen_in_schedule_it_comes_at_the_local_time_once_across_restarts(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00 in Berlin
    await bot.start()
    await set_up_tuesdays_at_17(emulator, ADA)
    assert "Check-in between sessions: off." in ((await card(emulator)).plain_text or "")

    said = await choose_checkin(emulator, "Thu", "7pm")
    assert "Done: a check-in Thursdays at 19:00." in said
    assert "Check-in between sessions: Thursdays at 19:00." in (
        (await card(emulator)).plain_text or ""
    )
    assert checkin_prompts(bot) == [("2026-11-26", "pending")]

    await bot.stop()  # a restart before it comes
    await bot.start()
    clock.set(berlin(26, 11, 18, 59, 30))
    await emulator.no_message(ADA, within=1.0)  # not a moment early
    clock.set(berlin(26, 11, 19, 0, 10))
    asked = await emulator.next_message(ADA)
    text = asked.plain_text or ""
    assert text.startswith(ASKED)
    assert not any(
        word in text[:200].lower() for word in ("therapy", "session", "counsel", "psych")
    )
    assert len(asked.buttons) == 1 and len(asked.button_labels) == 5
    assert "\U0001f61e hard" in text and "\U0001f604 great" in text

    await bot.stop()  # and a restart after it came
    await bot.start()
    clock.set(berlin(26, 11, 19, 30))
    await emulator.no_message(ADA, within=1.5)
    assert checkins_sent(emulator) == 1
    assert checkin_prompts(bot) == [("2026-11-26", "sent"), ("2026-12-03", "pending")]

    # Two taps at once keep one face for the day; the message shows it.
    data = button(asked, "\U0001f642")
    await emulator.press(ADA, asked, data)
    await emulator.press(ADA, asked, data)
    await until(lambda: "Today: \U0001f642 good" in (asked.plain_text or ""))
    assert "write a line" in (asked.plain_text or "")
    await until(lambda: bot.query("SELECT day, face FROM checkins") == [("2026-11-26", 4)])

    await emulator.send_text(ADA, LINE)
    kept = await emulator.next_message(ADA)
    assert "kept that with today's check-in" in (kept.plain_text or "")
    (stored,) = bot.query("SELECT text FROM checkins")
    assert bot.decrypt(stored[0]) == LINE
    assert LINE.encode() not in bot.database_bytes()

    add = button(kept, "Add to my next note")
    noted = await press(emulator, ADA, kept, "Add to my next note")
    assert "Added to your next note" in (noted.plain_text or "")
    await emulator.press(ADA, kept, add, strict=False)  # again, on a message now without it
    await asyncio.sleep(0.5)
    memos = bot.query("SELECT text FROM memos")
    assert [bot.decrypt(text) for (text,) in memos] == [LINE]  # once, whatever the taps
    await emulator.send_text(ADA, "/note")
    note = (await emulator.next_message(ADA)).plain_text or ""
    assert LINE in note

    # /summary shows the faces between sessions; /export holds the face and the line.
    await emulator.send_text(ADA, "/summary")
    await emulator.next_message(ADA)  # nothing reflected on yet
    faces = (await emulator.next_message(ADA)).plain_text or ""
    assert "Between sessions" in faces and "\U0001f642 Thu 26 Nov" in faces
    await emulator.send_text(ADA, "/export")
    files: dict[str, bytes] = {}
    while len(files) < 3:
        sent = await emulator.next_message(ADA)
        if sent.filename:
            files[sent.filename.rsplit(".", 1)[1]] = sent.file or b""
    document = json.loads(files["json"])
    assert document["checkins"] == [
        {"day": "2026-11-26", "face": 4, "face_word": "good", "text": LINE}
    ]
    assert LINE in files["csv"].decode("utf-8-sig")


async def test_quiet_hours_session_days_and_turning_it_off(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday
    await bot.start()
    await set_up_tuesdays_at_17(emulator, ADA)

    refused = await choose_checkin(emulator, "Every day", "23:00")
    assert "inside your quiet hours (22:00 to 08:00)" in refused
    assert "How about 21:30?" in refused
    assert checkin_prompts(bot) == []
    await emulator.send_text(ADA, "21:00")
    assert "every day at 21:00" in ((await emulator.next_message(ADA)).plain_text or "")
    assert checkin_prompts(bot) == [("2026-11-23", "pending")]

    # Quiet hours that come to cover it: it doesn't come, and the card says why.
    quiet = await press_in_place(emulator, ADA, await card(emulator), "Quiet hours")
    await press(emulator, ADA, quiet, "21:00\u201309:00")
    assert checkin_prompts(bot) == []
    assert "inside your quiet hours, so it doesn't come" in (
        (await card(emulator)).plain_text or ""
    )
    clock.set(berlin(23, 11, 19, 0, 10))  # the note for Tuesday comes, as ever
    assert "Your notes" in ((await emulator.next_message(ADA)).plain_text or "")
    # With it, how the week has been (features/progress).
    assert "this past week" in ((await emulator.next_message(ADA)).plain_text or "")
    clock.set(berlin(23, 11, 21, 0, 10))
    await emulator.no_message(ADA, within=1.0)

    # Quiet hours back as they were, after 21:00: Tuesday has a session, so Wednesday.
    quiet = await press_in_place(emulator, ADA, await card(emulator), "Quiet hours")
    await press(emulator, ADA, quiet, "22:00\u201308:00")
    assert checkin_prompts(bot) == [("2026-11-25", "pending")]

    # Turned off: the pending one goes, and nothing comes at its time.
    days = await press_in_place(emulator, ADA, await card(emulator), "Check-in between sessions")
    off = await press(emulator, ADA, days, "Off")
    assert "no check-ins" in (off.plain_text or "")
    assert checkin_prompts(bot) == []
    clock.set(berlin(25, 11, 21, 0, 10))
    await emulator.no_message(ADA, within=1.0)
    assert "Check-in between sessions: off." in ((await card(emulator)).plain_text or "")
    assert checkins_sent(emulator) == 0


async def test_after_an_outage_it_comes_late_the_same_evening_but_never_in_quiet_hours(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesdays_at_17(emulator, ADA)
    await choose_checkin(emulator, "Thu", "19:00")
    clock.set(berlin(24, 11, 18, 50, 10))  # Tuesday's prompt, out of the way
    assert (await emulator.next_message(ADA)).plain_text

    await bot.stop()  # down over Thursday 19:00, back at 20:30: within the grace, not quiet
    clock.set(berlin(26, 11, 20, 30))
    await bot.start()
    asked = await emulator.next_message(ADA)
    assert (asked.plain_text or "").startswith(ASKED)

    await bot.stop()  # down over the next Thursday 19:00, back at 22:30: in the quiet hours
    clock.set(berlin(3, 12, 22, 30))
    await bot.start()
    await emulator.no_message(ADA, within=1.5)
    assert checkins_sent(emulator) == 1
    assert ("2026-12-03", "missed") in checkin_prompts(bot)
    assert ("2026-12-10", "pending") in checkin_prompts(bot)


async def test_two_replicas_send_it_once(
    emulator: Emulator, replicas: tuple[list[BotProcess], Clock]
):
    pair, clock = replicas
    clock.set(berlin(23, 11, 10))
    for process in pair:  # one after the other: the first makes the key file
        await process.start()
    await set_up_tuesdays_at_17(emulator, ADA)
    assert "Thursdays at 19:00" in await choose_checkin(emulator, "Thu", "19:00")
    clock.set(berlin(26, 11, 19, 0, 10))
    asked = await emulator.next_message(ADA)
    assert (asked.plain_text or "").startswith(ASKED)
    await emulator.no_message(ADA, within=2.0)
    assert checkins_sent(emulator) == 1
    assert ("2026-11-26", "sent") in checkin_prompts(pair[0])
