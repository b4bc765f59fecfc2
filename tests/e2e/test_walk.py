"""Walking a reflection as a client lives it, through the real bot process: what the chat
keeps of each answered question, how few taps a reflection takes, and a way out at once."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from emulator import Emulator, SentMessage
from tests.support.clock import Clock
from tests.support.players import (
    OPEN,
    button,
    onboard,
    press,
    set_up_tuesdays_at_17,
)
from tests.support.process import BotProcess

ADA = 1001
BERLIN = ZoneInfo("Europe/Berlin")


class Client:
    """Ada, her actions counted: each message sent and each button pressed is one."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.actions = 0

    async def say(self, text: str) -> SentMessage:
        """Send a message; the bot's next message."""
        self.actions += 1
        await self.emulator.send_text(ADA, text)
        return await self.emulator.next_message(ADA)

    async def press(self, message: SentMessage, label: str) -> SentMessage:
        """Press a button; the bot's next message."""
        self.actions += 1
        await self.emulator.press(ADA, message, button(message, label))
        return await self.emulator.next_message(ADA)


async def test_an_answered_question_shows_its_answer_in_one_edit(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    first = await emulator.next_message(ADA)
    second = await press(emulator, ADA, first, "7")
    # The question keeps its answer, in place of its buttons.
    assert first.plain_text == "Question 1 of 10 \u00b7 I felt heard and respected \u00b7 7"
    assert first.buttons == []
    q = await press(emulator, ADA, second, "Skip")
    assert second.plain_text == (
        "Question 2 of 10 \u00b7 We worked on what I wanted to work on \u00b7 skipped"
    )
    # One call per press for it: the text edited with the buttons gone, no separate removal.
    for rating in ("8", "9"):
        q = await press(emulator, ADA, q, rating)
    # A written answer, gone back to and kept with Next: its start, quoted.
    await emulator.send_text(
        ADA, "Slowly, yes, especially at work, where it has been hard since the move in spring"
    )
    back = await press(emulator, ADA, await emulator.next_message(ADA), "\u00ab Back")
    assert "So far you wrote" in back.plain_text
    await press(emulator, ADA, back, "Next \u00bb")
    assert back.plain_text.startswith(
        "Question 5 of 10 \u00b7 Are we making progress towards my goals? \u00b7 \u201cSlowly, yes"
    )
    assert back.buttons == [] and "the move in spring" not in back.plain_text
    questions = {str(first.message_id), str(second.message_id)}
    edits = [
        call
        for method in ("editMessageText", "editMessageReplyMarkup")
        for call in emulator.calls_to(method)
        if str(call.params.get("message_id")) in questions
    ]
    assert [call.method for call in edits] == ["editMessageText", "editMessageText"]
    assert all("reply_markup" not in call.params for call in edits)


async def test_the_resume_offer_says_what_starting_anew_does(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    await press(emulator, ADA, await emulator.next_message(ADA), "4")
    await emulator.send_text(ADA, "/cancel")
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/reflect")
    offer = await emulator.next_message(ADA)
    assert "Starting anew keeps" not in offer.plain_text
    assert (
        "A new one closes this one as it is: what you answered in it stays kept, "
        "but it can't be continued." in offer.plain_text
    )
    # And that is what happens: the first is closed unfinished, its answer kept.
    await press(emulator, ADA, offer, "Start a new one")
    rows = bot.query("SELECT serial, complete, finished_at IS NOT NULL FROM reflections")
    assert sorted(rows) == [(1, 0, 1), (2, 0, 0)]
    assert bot.query("SELECT question, rating FROM answers") == [("heard", 4)]


async def test_ten_questions_answered_in_full_take_twelve_actions_and_say_kept_once_each(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    ada = Client(emulator)
    assert "10 short questions" in (await ada.say("/reflect")).plain_text
    q = await emulator.next_message(ADA)
    for rating in ("7", "6", "8", "7"):
        q = await ada.press(q, rating)
    written = (
        "Slowly, yes", "Rushing to fix things", "Naming the feeling", "The last ten minutes",
        "Mostly, yes", "My sister's visit",
    )  # fmt: skip
    for number, text in enumerate(written, start=5):
        assert f"Question {number} of 10" in q.plain_text
        q = await ada.say(text)
        if number < 10:
            # The next question at once, saying once that the answer was kept.
            assert q.plain_text.startswith("Kept. To add to it, press \u00ab Back.")
    # The last question: "Kept." once, more may follow it unanswered, and Done ends it.
    assert q.plain_text == "Kept. Add more if you like, or press Done."
    await emulator.send_text(ADA, "and work")
    await emulator.no_message(ADA, within=0.5)
    thanks = await ada.press(q, "Done")
    assert "Thank you for taking the time" in thanks.plain_text
    assert ada.actions == 12  # and the one more message, which was the client's choice
    kept = [m for m in emulator.messages(ADA) if (m.plain_text or "").startswith("Kept.")]
    assert len(kept) == 5
    # The last "Kept." now shows the question it answered, as every answered one does.
    assert q.plain_text.startswith("Question 10 of 10 \u00b7 Is there anything")
    assert q.plain_text.endswith("\u201cMy sister's visit and work\u201d") and q.buttons == []
    stored = {q: bot.decrypt(t) for q, t in bot.query("SELECT question, text FROM answers")}
    assert [stored[key] for key in OPEN] == [*written[:-1], "My sister's visit\n\nand work"]


async def test_skip_the_rest_ends_a_reflection_in_one_tap_keeping_what_was_given(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    ada = Client(emulator)
    await ada.say("/reflect")
    first = await emulator.next_message(ADA)
    thanks = await ada.press(first, "Skip the rest")
    # Nothing given: nothing to thank them for keeping.
    assert thanks.plain_text.startswith("Nothing kept this time, and that's fine.")
    assert ada.actions <= 3
    assert first.plain_text.endswith("\u00b7 skipped") and first.buttons == []
    assert bot.query("SELECT complete, finished_at IS NOT NULL FROM reflections") == [(1, 1)]
    assert bot.query("SELECT count(*) FROM answers") == [(0,)]
    assert bot.query("SELECT step FROM flow_states") == [("idle",)]

    # Partway: what was given stays, and the usual end follows (a low rating raised).
    await ada.say("/reflect")
    q = await press(emulator, ADA, await emulator.next_message(ADA), "3")
    thanks = await press(emulator, ADA, q, "Skip the rest")
    assert "Thank you" in thanks.plain_text
    offer = await emulator.next_message(ADA)
    assert "Feeling heard and respected: 3" in offer.plain_text
    rows = bot.query("SELECT question, rating FROM answers")
    assert rows == [("heard", 3)]


def berlin(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


async def test_the_prompt_offers_a_quick_version_for_busy_days(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday 23 November, 10:00 in Berlin
    await bot.start()
    await set_up_tuesdays_at_17(emulator, ADA)

    clock.set(berlin(24, 11, 18, 51))
    prompt = await emulator.next_message(ADA)
    ada = Client(emulator)
    intro = await ada.press(prompt, "Quick version")
    assert "5 short questions" in intro.plain_text
    q = await emulator.next_message(ADA)
    for rating in ("7", "6", "8", "7"):
        q = await ada.press(q, rating)
    assert "Question 5 of 5" in q.plain_text and "bring up next time" in q.plain_text
    kept = await ada.say("How tired I have been")
    thanks = await ada.press(kept, "Done")
    assert "Thank you for taking the time" in thanks.plain_text
    assert ada.actions == 7
    ((questions, session_date),) = bot.query("SELECT questions, session_date FROM reflections")
    assert "bring_up" in str(questions) and "helpful" not in str(questions)
    assert str(session_date).startswith("2026-11-24")
