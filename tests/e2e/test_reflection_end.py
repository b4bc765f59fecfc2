"""The end of a reflection and the questions' own words, through the real bot process:
ratings compared only with the client's own history, an honest thank-you that quotes what
mattered, and each rating question with a scale that fits it."""

from __future__ import annotations

from emulator import Emulator
from tests.support.players import onboard, press
from tests.support.process import BotProcess

ADA = 1101


async def test_each_rating_question_carries_its_own_scale(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/goals")
    menu = await emulator.next_message(ADA)
    await press(emulator, ADA, menu, "Add a goal")
    await emulator.send_text(ADA, "Sleep through the night")
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    question = await emulator.next_message(ADA)
    texts = []
    for _ in range(5):
        texts.append(question.plain_text or "")
        question = await press(emulator, ADA, question, "7")
    heard, overall, goal = texts[0], texts[3], texts[4]
    assert "How true was this today?" in heard
    assert "today's session" not in overall and "How true" in overall
    assert "Sleep through the night" in goal
    assert "How true" not in goal and "0 is no progress" in goal
