"""/schedule and what the bot sends on its own, through the real bot on a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from emulator import Emulator
from tests.e2e.test_prompts import ADA, berlin, set_up_tuesday_17
from tests.support.clock import Clock
from tests.support.players import press, press_in_place, until
from tests.support.process import BotProcess

# What a lock screen must not show of a message the bot sends on its own.
TELLING = ("therap", "session", "counsel", "psych")
LOCK_SCREEN = 200
SENDING = "SELECT count(*) FROM prompts WHERE status = 'sending'"


def lock_screen(text: str) -> str:
    """What a phone shows of a notification: its start, with line breaks folded."""
    return " ".join(text.split())[:LOCK_SCREEN]


def next_due(bot: BotProcess) -> datetime | None:
    """When the next prompt still to send comes due, if any."""
    rows = bot.query("SELECT due_at FROM prompts WHERE status = 'pending' ORDER BY due_at LIMIT 1")
    if not rows:
        return None
    due = datetime.fromisoformat(str(rows[0][0]))
    return due if due.tzinfo is not None else due.replace(tzinfo=UTC)  # stored in UTC


async def test_nothing_the_bot_sends_on_its_own_says_what_it_is_about_on_a_lock_screen(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00 in Berlin
    await bot.start()
    await set_up_tuesday_17(emulator)
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    asked = await press(emulator, ADA, card, "Add a one-off session")
    await emulator.send_text(ADA, "Thursday 10:00")
    await emulator.next_message(ADA)

    unprompted = []
    end = berlin(8, 12, 0)
    while (due := next_due(bot)) is not None and due < end:
        clock.set(due + timedelta(seconds=5))
        message = await emulator.next_message(ADA)
        unprompted.append(message.plain_text or "")
        await until(lambda: bot.query(SENDING) == [(0,)])  # recorded, and the plan moved on
        if len(unprompted) == 3:  # the client puts one off: it comes again later
            await press_in_place(emulator, ADA, message, "Later")
            await emulator.press(ADA, message, message.button_data("In 1 h"))
            await emulator.no_message(ADA, within=0.5)
    kinds = {kind for (kind,) in bot.query("SELECT kind FROM prompts WHERE status = 'sent'")}
    assert kinds == {"reflection", "reminder", "preparation"}
    assert len(unprompted) >= 8  # two weeks: three sessions, their prompts, reminders, notes
    folded = [lock_screen(text) for text in unprompted]
    assert (
        "A moment to look back? \U0001f33f Would you like to note a few thoughts from today?"
        in (" ".join(folded))
    )
    assert any("Your thoughts from Tuesday 24 November are still open" in t for t in folded)
    for text in unprompted:
        shown = lock_screen(text).lower()
        assert not [word for word in TELLING if word in shown], shown
    assert asked  # the one-off was asked for, and its prompts came among the rest


async def add_one_off(emulator: Emulator, typed: str) -> str:
    """A one-off session added from /schedule; what the bot answers to it."""
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    await press(emulator, ADA, card, "Add a one-off session")
    await emulator.send_text(ADA, typed)
    return (await emulator.next_message(ADA)).plain_text or ""


async def test_schedule_shows_all_it_governs_and_only_what_is_still_to_come(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00
    await bot.start()
    await set_up_tuesday_17(emulator)
    clock.set(berlin(23, 11, 19, 0, 10))
    await emulator.next_message(ADA)  # the note for Tuesday has come
    await emulator.next_message(ADA)  # and how the client has been that week
    clock.set(berlin(23, 11, 19, 30))
    assert "Thursday 26 November, 10:00" in await add_one_off(emulator, "next Thursday 10:00")

    await emulator.send_text(ADA, "/schedule")
    card = (await emulator.next_message(ADA)).plain_text or ""
    assert "Your next session: Tuesday 24 November, 17:00" in card
    assert "Your note for it comes" not in card  # it came at 19:00
    assert "One-off sessions: Thursday 26 November, 10:00." in card
    assert "Quiet hours: 22:00 to 08:00." in card
    assert "When I ask how a session went: an hour after." in card
    assert "Wording: discreet." in card


async def test_one_offs_are_understood_as_people_say_them_and_every_re_ask_says_why(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00
    await bot.start()
    await set_up_tuesday_17(emulator)
    assert "Monday 23 November, 19:00" in await add_one_off(emulator, "today 7pm")
    assert "Wednesday 25 November, 10:00" in await add_one_off(emulator, "Wednesday 10am")
    assert "Friday 27 November, 18:30" in await add_one_off(emulator, "Friday half six")
    said = await add_one_off(emulator, "Saturday 5")
    assert "Morning or evening?" in said
    await emulator.send_text(ADA, "Saturday 5pm")
    assert "Saturday 28 November, 17:00" in (await emulator.next_message(ADA)).plain_text

    clock.set(berlin(1, 12, 10))  # Tuesday 1 December, 10:00: the session is at 17:00
    assert "Tuesday 1 December, 19:00" in await add_one_off(emulator, "Tuesday 19:00")
    assert "Wednesday 2 December, 10:00" in await add_one_off(emulator, "tomorrow 10am")
    await emulator.send_text(ADA, "/schedule")
    card = (await emulator.next_message(ADA)).plain_text or ""
    assert "Tuesday 1 December, 19:00; Wednesday 2 December, 10:00" in card
    assert "Monday 23 November" not in card  # one-offs long past aren't listed


async def test_changing_sessions_starts_from_the_current_answers_and_says_why_it_asks_again(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    days = await press(emulator, ADA, card, "Change my sessions")
    assert "\u2705 Tue" in days.button_labels
    asked = await press(emulator, ADA, days, "Done")
    assert "Now: 17:00" in (asked.plain_text or "")
    await emulator.send_text(ADA, "6")
    said = await emulator.next_message(ADA)
    assert "Morning or evening?" in (said.plain_text or "")
    await emulator.next_message(ADA)  # the question again
    await emulator.send_text(ADA, "half six")
    length = await emulator.next_message(ADA)
    assert "How long is a session?" in (length.plain_text or "")
    await emulator.send_text(ADA, "fifty-ish")
    said = await emulator.next_message(ADA)
    assert "couldn't read that as a length" in (said.plain_text or "")
    await emulator.next_message(ADA)  # the question again
    await emulator.send_text(ADA, "55 minutes")
    how_often = await emulator.next_message(ADA)
    assert "\u2705 Every week" in how_often.button_labels
    saved = await press(emulator, ADA, how_often, "\u2705 Every week")
    assert "every Tue at 18:30, 55 minutes" in (saved.plain_text or "")

    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    quiet = await press_in_place(emulator, ADA, card, "Quiet hours")
    done = await press(emulator, ADA, quiet, "21:00\u201309:00")
    assert "quiet hours 21:00 to 09:00" in (done.plain_text or "")
    assert "from 21:00" not in (done.plain_text or "")


async def test_a_note_holding_what_the_client_noted_shows_it_only_after_a_tap(
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
    clock.set(berlin(23, 11, 19, 0, 10))  # the note for Tuesday
    note = await emulator.next_message(ADA)
    shown = lock_screen(note.plain_text or "").lower()
    assert not [word for word in TELLING if word in shown], shown
    opened = await press_in_place(emulator, ADA, note, "Open my notes")
    assert "I haven't always felt fully heard lately (I rated it 3/10)" in (opened.plain_text or "")
    assert "Tap a number" in (opened.plain_text or "")


async def test_a_client_may_choose_plain_wording_in_schedule(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))
    await bot.start()
    await set_up_tuesday_17(emulator)
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    said = await press(emulator, ADA, card, "Say what messages are about")
    assert "lock screen" in (said.plain_text or "")
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    assert "Wording: what I send on my own says it's about your therapy sessions." in (
        card.plain_text or ""
    )
    assert "Discreet wording" in card.button_labels
    clock.set(berlin(24, 11, 18, 50, 10))
    prompt = await emulator.next_message(ADA)
    assert "Your therapy session on Tuesday 24 November" in (prompt.plain_text or "")
