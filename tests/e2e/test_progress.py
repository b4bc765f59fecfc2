"""How I've been and /progress, through the real bot over simulated weeks: the four ratings
come once with the note the evening before each session, in one message redrawn at each
tap; skipped as a whole they aren't asked again; /reflect asks them first only for a week
not answered; /progress puts the direction of four weeks of them in words, with a chart;
/summary and /export show them."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta

from pypdf import PdfReader

from emulator import Emulator, SentMessage
from tests.e2e.reviewing import berlin, toast_after
from tests.support.clock import Clock
from tests.support.players import (
    button,
    press,
    press_in_place,
    set_up_tuesdays_at_17,
    until,
)
from tests.support.process import BotProcess

RISING, FLAT, FALLING, ADA = 2701, 2702, 2703, 2704
FOUR = "How have you been this past week?"
# Sessions on Tuesdays at 17:00; the note (and the four) come at 19:00 the evening before.
MONDAYS = (berlin(2, 11, 19), berlin(9, 11, 19), berlin(16, 11, 19), berlin(23, 11, 19))
DISCREET = re.compile(r"therap|session|counsel|psych", re.IGNORECASE)


async def message_with(
    emulator: Emulator, user: int, words: str
) -> tuple[SentMessage, list[SentMessage]]:
    """The next message holding `words`, and those that came before it."""
    before: list[SentMessage] = []
    while True:
        message = await emulator.next_message(user, timeout=20)
        if words in (message.plain_text or ""):
            return message, before
        before.append(message)


async def prompted_after_session(emulator: Emulator, bot: BotProcess, user: int) -> None:
    """Wait for the prompt after a session (Start now), and for the next note to be planned
    once its send is recorded: the clock then jumps a week, past a note not planned yet."""
    while "Start now" not in (await emulator.next_message(user, 20)).button_labels:
        pass
    sql = "SELECT id FROM prompts WHERE user_id = ? AND kind = 'preparation' AND status = 'pending'"
    await until(lambda: bool(bot.query(sql, user)))


def sent_with(emulator: Emulator, user: int, words: str) -> int:
    """How many messages holding `words` the bot sent the client (edits not counted)."""
    return sum(
        1
        for call in emulator.calls_to("sendMessage")
        if call.params.get("chat_id") in (user, str(user)) and words in str(call.params.get("text"))
    )


async def rate(emulator: Emulator, user: int, asked: SentMessage, ratings: tuple[int, ...]) -> str:
    """Press the four ratings on the one message, redrawn in place after each; its text."""
    for rating in ratings:
        asked = await press_in_place(emulator, user, asked, str(rating))
    return asked.plain_text or ""


def at(moment: datetime) -> datetime:
    return moment + timedelta(seconds=10)


async def test_four_weeks_rising_flat_and_falling_read_as_such_with_a_chart(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 10))  # Monday, 10:00
    await bot.start()
    weeks = {RISING: (3, 4, 5, 6), FLAT: (5, 5, 5, 5), FALLING: (7, 6, 5, 4)}
    for user in weeks:
        await set_up_tuesdays_at_17(emulator, user)

    for week, monday in enumerate(MONDAYS):
        clock.set(at(monday))
        for user, overall in weeks.items():
            asked, before = await message_with(emulator, user, FOUR)
            # After the note, on its own, and discreet on a lock screen.
            assert before  # the note came first
            assert not DISCREET.search((asked.plain_text or "")[:200])
            assert len(asked.buttons) == 3 and [len(row) for row in asked.buttons] == [6, 5, 1]
            rating = overall[week]
            done = await rate(emulator, user, asked, (rating, rating, rating, rating))
            tuesday = monday + timedelta(days=1)
            assert f"Kept for Tuesday {tuesday.day} November." in done
            assert f"Overall: {rating}" in done
            assert asked.buttons == []
        clock.set(at(monday + timedelta(hours=23, minutes=55)))  # Tuesday, 18:55
        for user in weeks:
            await prompted_after_session(emulator, bot, user)
    for user in weeks:
        # Exactly once a week, never twice.
        assert sent_with(emulator, user, FOUR) == len(MONDAYS)

    clock.set(berlin(24, 11, 10))
    said: dict[int, str] = {}
    for user in weeks:
        await emulator.send_text(user, "/progress")
        report = await emulator.next_message(user)
        chart = await emulator.next_message(user, timeout=30)
        said[user] = " ".join((report.plain_text or "").split())
        assert chart.method == "sendPhoto" and chart.file is not None
        assert chart.file.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"4 dates, 4 lines" in chart.file  # its description, in the PNG
        assert "It's early days" in said[user]  # four weeks: no comparison with the first
    assert "Overall: rising over your last four (3, 4, 5, 6)." in said[RISING]
    assert "Overall: about level over your last four (5, 5, 5, 5)." in said[FLAT]
    assert "Overall: falling over your last four (7, 6, 5, 4)." in said[FALLING]
    helping = "I've been wondering whether what we're doing is helping."
    assert helping not in said[RISING]
    assert helping in said[FLAT] and "stayed about level" in said[FLAT]
    assert helping in said[FALLING] and "gone down" in said[FALLING]
    for words in said.values():
        assert "improv" not in words and "than usual" not in words


async def test_skipped_whole_answered_at_reflect_then_shown_in_summary_and_export(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday
    await bot.start()
    await set_up_tuesdays_at_17(emulator, ADA)

    # Monday evening: the four, skipped as a whole; a second press keeps nothing twice.
    clock.set(at(berlin(23, 11, 19)))
    asked, _ = await message_with(emulator, ADA, FOUR)
    skip = button(asked, "Skip these")
    skipped = await press_in_place(emulator, ADA, asked, "Skip these")
    assert "Skipped for this week" in (skipped.plain_text or "")
    assert await toast_after(emulator, ADA, asked, skip) == "Already kept."

    # Tuesday, after the session: /reflect goes straight to the questions.
    clock.set(berlin(24, 11, 18))
    await emulator.send_text(ADA, "/reflect")
    intro = await emulator.next_message(ADA)
    assert "Let's look back at your session" in (intro.plain_text or "")
    question = await emulator.next_message(ADA)
    await press(emulator, ADA, question, "Skip the rest")
    clock.set(at(berlin(24, 11, 18) + timedelta(minutes=55)))
    await prompted_after_session(emulator, bot, ADA)

    # The next Monday's four are left unanswered; Tuesday's /reflect asks them first.
    clock.set(at(berlin(30, 11, 19)))
    ignored, _ = await message_with(emulator, ADA, FOUR)
    clock.set(berlin(1, 12, 18))
    await emulator.send_text(ADA, "/reflect")
    first = await emulator.next_message(ADA)
    assert "First, how have you been in the week before Tuesday 1 December?" in (
        first.plain_text or ""
    )
    calls = len(emulator.calls_to("sendMessage"))
    for rating in (6, 5, 7):
        first = await press_in_place(emulator, ADA, first, str(rating))
    assert len(emulator.calls_to("sendMessage")) == calls  # each tap redraws, sends nothing
    last = button(first, "6")
    await emulator.press(ADA, first, last)
    intro = await emulator.next_message(ADA)
    assert "Kept for Tuesday 1 December." in (first.plain_text or "")
    assert "Let's look back at your session" in (intro.plain_text or "")
    question = await emulator.next_message(ADA)
    for given in ("7", "6", "8", "5"):
        question = await press(emulator, ADA, question, given)
    await press(emulator, ADA, question, "Skip the rest")
    # A second press of the last rating, and a press on Monday's old message: kindly
    # answered, nothing begins again.
    assert await toast_after(emulator, ADA, first, last) == "Already kept."
    assert await toast_after(emulator, ADA, ignored, button(ignored, "6")) == "Already kept."
    await emulator.no_message(ADA, within=1.5)
    assert sent_with(emulator, ADA, "Let's look back at your session") == 2

    await emulator.send_text(ADA, "/summary")
    summary = " ".join(((await emulator.next_message(ADA)).plain_text or "").split())
    assert (
        "How I'd been the week before: in myself 6/10 \u00b7 in my close relationships 5/10 "
        "\u00b7 in work, study or daily life 7/10 \u00b7 overall 6/10"
    ) in summary

    await emulator.send_text(ADA, "/export")
    files: dict[str, bytes] = {}
    while not {"pdf", "csv", "json"} <= files.keys():
        document = await emulator.next_message(ADA, timeout=30)
        if document.filename and document.file is not None:
            files[document.filename.rsplit(".", 1)[1]] = document.file
    weeks = json.loads(files["json"])["how_ive_been"]
    assert [(w["session_date"], w["overall"], w["skipped"]) for w in weeks] == [
        ("2026-11-24", None, True),
        ("2026-12-01", 6, False),
    ]
    csv = files["csv"].decode("utf-8-sig")
    assert "2026-12-01,,how_ive_been:close,In my close relationships,5,,no," in csv
    pdf = PdfReader(io.BytesIO(files["pdf"]))
    text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    assert "How I've been, week by week" in text
    assert "The week before Tuesday 1 December 2026" in text
    assert "in work, study or daily life 7/10" in text

    # /delete names them, and takes them with everything else.
    assert bot.query("SELECT count(*) FROM wellbeing") == [(2,)]
    await emulator.send_text(ADA, "/delete")
    confirm = await message_with(emulator, ADA, "Erase everything?")
    assert "ratings, check-ins" in (confirm[0].plain_text or "")
    await press(emulator, ADA, confirm[0], "Yes, erase everything")
    assert bot.query("SELECT count(*) FROM wellbeing") == [(0,)]
