"""Walking a reflection as a client lives it, through the real bot process: what the chat
keeps of each answered question, how few taps a reflection takes, and a way out at once."""

from __future__ import annotations

from emulator import Emulator
from tests.support.players import onboard, press
from tests.support.process import BotProcess

ADA = 1001


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
    await press(emulator, ADA, second, "Skip")
    assert second.plain_text == (
        "Question 2 of 10 \u00b7 We worked on what I wanted to work on \u00b7 skipped"
    )
    # One call per press for it: the text edited with the buttons gone, no separate removal.
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
