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
