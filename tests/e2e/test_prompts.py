"""Prompts timed to the client's own sessions, through the real bot on a controlled clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from emulator import Emulator
from tests.support.clock import Clock
from tests.support.players import press, press_in_place, until
from tests.support.process import BotProcess

ADA = 1001
BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, month: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


async def set_up_tuesday_17(emulator: Emulator) -> str:
    """Getting started on Monday: Berlin, Tuesdays at 17:00, 50 minutes, weekly."""
    await emulator.send_text(ADA, "/start")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "Berlin")
    for _ in range(2):
        await emulator.next_message(ADA)
    days = await emulator.next_message(ADA)
    await press_in_place(emulator, ADA, days, "Tue")
    assert "\u2705 Tue" in days.button_labels
    asked = await press(emulator, ADA, days, "Done")
    assert "What time" in asked.plain_text
    asked = await press(emulator, ADA, asked, "17:00")
    asked = await press(emulator, ADA, asked, "50 min")
    summary = await press(emulator, ADA, asked, "Every week")
    assert "That's all I need" in (await emulator.next_message(ADA)).plain_text
    return summary.plain_text


def prompts_sent(emulator: Emulator, first_line: str) -> int:
    return sum(
        1
        for call in emulator.calls_to("sendMessage")
        if call.ok and str(call.params.get("text", "")).startswith(first_line)
    )


async def test_a_tuesday_session_brings_its_prompt_and_the_next_weeks_note_once_each(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00 in Berlin
    await bot.start()
    summary = await set_up_tuesday_17(emulator)
    assert "every Tue at 17:00, 50 minutes" in summary
    assert "Your next session: Tuesday 24 November, 17:00" in summary
    assert "I'll ask how it went: Tuesday 24 November, 18:50" in summary
    assert "Your note for it comes: Monday 23 November, 19:00" in summary

    clock.set(berlin(24, 11, 18, 49, 30))
    await emulator.no_message(ADA, within=1.0)  # not a moment early
    clock.set(berlin(24, 11, 18, 50, 10))
    prompt = await emulator.next_message(ADA)
    first_line = prompt.plain_text.splitlines()[0]
    assert first_line == "A moment to look back? \U0001f33f"
    assert "therapy" not in first_line.lower() and "session" not in first_line.lower()
    assert [label for row in prompt.buttons for label, _ in row] == [
        "Start now", "Quick version", "Later", "Skip this time",
    ]  # fmt: skip

    await bot.stop()  # a restart between the prompt and the note
    await bot.start()
    clock.set(berlin(30, 11, 18, 59, 50))
    await emulator.no_message(ADA, within=1.0)
    clock.set(berlin(30, 11, 19, 0, 10))  # Monday 30 November, 19:00: the note for Tuesday
    note = await emulator.next_message(ADA)
    assert note.plain_text.startswith("Your notes, ready when you are")
    assert "Tuesday 1 December" in note.plain_text
    four = await emulator.next_message(ADA)  # how the client has been: after it, once
    assert four.plain_text.startswith("How have you been this past week?")
    await emulator.no_message(ADA, within=1.0)

    assert prompts_sent(emulator, "A moment to look back") == 1
    assert prompts_sent(emulator, "Your notes, ready when you are") == 1
    rows = bot.query("SELECT kind, session_date, status FROM prompts ORDER BY due_at")
    assert ("reflection", "2026-11-24", "sent") in rows
    assert ("preparation", "2026-12-01", "sent") in rows
    assert ("reminder", "2026-11-24", "missed") in rows  # due Wednesday, long past by Monday
    assert ("reflection", "2026-12-01", "pending") in rows


async def test_start_now_begins_the_reflection_on_that_sessions_date(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    clock.set(berlin(25, 11, 9, 30))  # Wednesday morning: within the grace? no: long past
    await emulator.no_message(ADA, within=1.0)
    clock.set(berlin(1, 12, 18, 51))  # the next Tuesday's prompt
    prompt = await emulator.next_message(ADA)
    intro = await press(emulator, ADA, prompt, "Start now")
    assert "short questions" in intro.plain_text
    assert "Question 1" in (await emulator.next_message(ADA)).plain_text
    assert bot.query("SELECT session_date, source FROM reflections") == [("2026-12-01", "prompt")]
    assert bot.query(
        "SELECT status FROM prompts WHERE kind = 'reflection' AND session_date = '2026-12-01'"
    ) == [("answered",)]


async def test_later_asks_again_after_the_chosen_hours_and_skip_closes_it(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    clock.set(berlin(24, 11, 18, 51))
    prompt = await emulator.next_message(ADA)
    await press_in_place(emulator, ADA, prompt, "Later")
    await emulator.press(ADA, prompt, prompt.button_data("In 2 h"))
    await until(lambda: bot.query("SELECT status FROM prompts WHERE id = 2") == [("pending",)])
    clock.set(berlin(24, 11, 20, 50))
    await emulator.no_message(ADA, within=1.0)
    clock.set(berlin(24, 11, 20, 52))
    again = await emulator.next_message(ADA)
    assert again.plain_text.startswith("A moment to look back")
    done = await press(emulator, ADA, again, "Skip this time")
    assert "not this time" in done.plain_text
    clock.set(berlin(25, 11, 20, 0))  # when the reminder would have come
    await emulator.no_message(ADA, within=1.0)
    statuses = dict(bot.query("SELECT kind, status FROM prompts WHERE session_date = '2026-11-24'"))
    assert statuses["reflection"] == "skipped"
    assert statuses["reminder"] == "skipped"  # the reminder was closed with it, never sent
    assert prompts_sent(emulator, "Just a gentle nudge") == 0
    assert prompts_sent(emulator, "A moment to look back") == 2  # the prompt, and after Later


async def test_a_client_who_blocked_the_bot_is_not_prompted(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    emulator.block(ADA)
    clock.set(berlin(24, 11, 18, 51))
    query = "SELECT status FROM prompts WHERE kind = 'reflection' AND session_date = '2026-11-24'"
    await until(lambda: bot.query(query) == [("undeliverable",)])
    assert bot.query("SELECT active FROM users") == [(0,)]
    assert prompts_sent(emulator, "A moment to look back") == 0


async def test_two_bot_processes_on_one_database_send_each_prompt_once(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock], tmp_path
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    (tmp_path / "second").mkdir()
    shared = {
        "CLOCK_FILE": str(clock.path),
        "DISPATCH_INTERVAL_SECONDS": "0.05",
        "ENCRYPTION_KEY_FILE": str(tmp_path / "encryption.key"),
    }
    second = BotProcess(emulator, tmp_path / "second", bot.database_url, extra_env=shared)
    await second.start()
    try:
        clock.set(berlin(24, 11, 18, 51))
        await emulator.next_message(ADA)
        clock.set(berlin(30, 11, 19, 1))
        await emulator.next_message(ADA)
        await emulator.next_message(ADA)  # how the client has been, after the note
        await emulator.no_message(ADA, within=1.5)
    finally:
        await second.stop()
    assert prompts_sent(emulator, "A moment to look back") == 1
    assert prompts_sent(emulator, "Your notes, ready when you are") == 1
    assert prompts_sent(emulator, "<b>How have you been this past week?</b>") == 1


async def test_a_prompt_that_fell_due_while_the_bot_was_down_is_sent_once_after_the_restart(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await bot.stop()
    clock.set(berlin(24, 11, 20, 30))  # due at 18:50, the bot was down: within the grace
    await bot.start()
    prompt = await emulator.next_message(ADA)
    assert prompt.plain_text.startswith("A moment to look back")
    await bot.stop()
    await bot.start()  # and again: nothing twice
    await emulator.no_message(ADA, within=1.0)
    assert prompts_sent(emulator, "A moment to look back") == 1


async def test_a_prompt_that_fell_due_while_the_bot_was_down_never_arrives_in_the_quiet_hours(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await bot.stop()
    # Due at 18:50; back at 23:30, within the grace but in the quiet hours (22:00 to 08:00).
    clock.set(berlin(24, 11, 23, 30))
    await bot.start()
    await emulator.no_message(ADA, within=2.0)
    # Held for 08:00, it would be 13 hours late, past the grace: it lapses, quietly.
    clock.set(berlin(25, 11, 8, 1))
    await emulator.no_message(ADA, within=2.0)
    assert prompts_sent(emulator, "A moment to look back") == 0
    # The next week's comes as planned.
    clock.set(berlin(1, 12, 18, 51))
    prompt = await emulator.next_message(ADA)
    assert prompt.plain_text.startswith("A moment to look back")


async def test_a_one_off_session_added_in_schedule_brings_its_own_prompt(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    assert "Your next session: Tuesday 24 November, 17:00" in card.plain_text
    asked = await press(emulator, ADA, card, "Add a one-off session")
    assert "extra session" in asked.plain_text
    await emulator.send_text(ADA, "Thursday 10:00")
    added = await emulator.next_message(ADA)
    assert "Thursday 26 November, 10:00" in added.plain_text
    clock.set(berlin(24, 11, 18, 51))
    await emulator.next_message(ADA)  # Tuesday's prompt
    clock.set(berlin(26, 11, 11, 51))  # Thursday 10:00 + 50 min + 1 h
    extra = await emulator.next_message(ADA)
    assert "a few thoughts from today?" in extra.plain_text  # Thursday's, on Thursday
    query = "SELECT status FROM prompts WHERE kind = 'reflection' AND session_date = '2026-11-26'"
    await until(lambda: bot.query(query) == [("sent",)])


async def test_clients_whose_prompts_went_missing_are_planned_after_start(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await bot.stop()
    bot.query("DELETE FROM prompts")  # as after a long outage, or a restore from backup
    await bot.start()
    for _ in range(100):
        if bot.query("SELECT count(*) FROM prompts WHERE status = 'pending'") != [(0,)]:
            break
        await emulator.no_message(ADA, within=0.1)
    clock.set(berlin(24, 11, 18, 51))
    assert (await emulator.next_message(ADA)).plain_text.startswith("A moment to look back")


async def test_a_note_that_failed_to_send_keeps_its_topics_when_retried(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await press(emulator, ADA, await emulator.next_message(ADA), "3")
    for _ in range(9):
        q = await press(emulator, ADA, q, "Skip")
    offer = await emulator.next_message(ADA)
    await press(emulator, ADA, offer, "Add to my note")
    emulator.fail_next(n=3, status=502, methods={"sendMessage"})  # every attempt fails
    clock.set(berlin(23, 11, 19, 0, 10))
    await until(lambda: bot.query("SELECT attempts FROM prompts WHERE kind = 'preparation' "
                                  "AND status = 'pending'") == [(1,)])  # fmt: skip
    clock.set(berlin(23, 11, 19, 6))  # the retry, five minutes on
    note = await emulator.next_message(ADA)
    assert note.plain_text.startswith("Your notes, ready when you are")
    opened = await press_in_place(emulator, ADA, note, "Open my notes")
    assert "I haven't always felt fully heard lately (I rated it 3/10)" in opened.plain_text
