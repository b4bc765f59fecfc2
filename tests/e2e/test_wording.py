"""Small things a client reads: their own words inside ours, a mistyped command, a menu
that an aside leaves open."""

from __future__ import annotations

from emulator import Emulator
from tests.support.players import onboard, press
from tests.support.process import BotProcess

ADA = 1001


async def test_a_question_of_ones_own_is_added_without_a_stop_after_its_question_mark(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/questions")
    menu = await emulator.next_message(ADA)
    add = next(label for row in menu.buttons for label, _ in row if "Add" in label)
    await press(emulator, ADA, menu, add)
    await emulator.send_text(ADA, "Did I say what I really meant?")
    added = (await emulator.next_message(ADA)).plain_text
    assert "Did I say what I really meant? I'll ask it" in added
    assert "?." not in added


async def test_a_mistyped_command_gets_the_nearest_one(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/sumary")
    assert "Did you mean /summary?" in (await emulator.next_message(ADA)).plain_text
    await emulator.send_text(ADA, "/xyzzy")  # nothing near: no guess
    answer = (await emulator.next_message(ADA)).plain_text
    assert "don't know that command" in answer and "Did you mean" not in answer


async def test_the_goals_menu_comes_back_after_an_unknown_command(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/goals")
    menu = await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/sumary")
    await emulator.next_message(ADA)  # did you mean /summary?
    again = await emulator.next_message(ADA)
    assert again.button_labels == menu.button_labels
    await press(emulator, ADA, again, "Add a goal")  # its buttons work
    await emulator.send_text(ADA, "Say no without apologising.")
    assert "apologising. /goals" in (await emulator.next_message(ADA)).plain_text
