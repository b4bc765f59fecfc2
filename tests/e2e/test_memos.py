"""Words written when no question is open are welcome: the client chooses to add them to
their next note, to reflect now, or to leave them; only what they add is kept."""

from __future__ import annotations

from emulator import Emulator
from tests.e2e.test_erasure import file_bytes, readable_words
from tests.e2e.test_prompts import berlin, set_up_tuesday_17
from tests.support.clock import Clock
from tests.support.players import onboard, press, press_in_place, until
from tests.support.process import BotProcess

ADA = 1001
WORDS = "I had a really hard session today and I want to remember to tell her about it"
OTHER_WORDS = "marker-left-3f9a: nothing to keep"


def sealed_and_kept(bot: BotProcess) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    held = bot.query("SELECT sealed FROM flow_states WHERE user_id = ?", ADA)
    return held, bot.query("SELECT text FROM memos WHERE user_id = ?", ADA)


async def test_words_outside_a_question_can_be_added_to_the_next_note(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, WORDS)
    offer = await emulator.next_message(ADA)
    assert "don't keep" not in offer.plain_text
    assert offer.button_labels == ["Add to my next note", "Reflect now", "Leave it"]
    # Until the client chooses, the words are held with their state, encrypted.
    held, kept = sealed_and_kept(bot)
    assert kept == [] and bot.decrypt(held[0][0]) == WORDS
    assert WORDS.encode() not in bot.database_bytes()

    added = await press(emulator, ADA, offer, "Add to my next note")
    assert "Added to your next note" in added.plain_text
    held, kept = sealed_and_kept(bot)
    assert held == [(None,)] and [bot.decrypt(text) for (text,) in kept] == [WORDS]
    assert WORDS.encode() not in bot.database_bytes()

    await emulator.send_text(ADA, "/note")
    note = (await emulator.next_message(ADA)).plain_text or ""
    bring_up = note.index("I'd like to bring up")
    assert WORDS in note[bring_up:]


async def test_leave_it_or_anything_else_keeps_nothing_of_the_words(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, OTHER_WORDS)
    offer = await emulator.next_message(ADA)
    assert "haven't kept it" in (await press(emulator, ADA, offer, "Leave it")).plain_text
    assert sealed_and_kept(bot) == ([(None,)], [])

    await emulator.send_text(ADA, OTHER_WORDS)
    offer = await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/help")  # something else: the words are dropped
    await emulator.next_message(ADA)
    assert sealed_and_kept(bot) == ([(None,)], [])
    await emulator.press(ADA, offer, offer.button_data("Add to my next note"))
    await emulator.no_message(ADA, within=1.0)  # a stale button: a toast, nothing kept
    assert sealed_and_kept(bot) == ([(None,)], [])
    # Nor does any copy written while they were held stay readable in the database's files.
    await until(lambda: OTHER_WORDS not in readable_words(bot, file_bytes(bot)), within=30)


async def test_reflect_now_keeps_the_words_for_the_note_and_begins_a_reflection(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, WORDS)
    offer = await emulator.next_message(ADA)
    kept = await press(emulator, ADA, offer, "Reflect now")
    assert "Added to your next note" in kept.plain_text
    await emulator.next_message(ADA)  # the reflection's opening
    assert "Question 1 of" in (await emulator.next_message(ADA)).plain_text
    assert [bot.decrypt(text) for (text,) in sealed_and_kept(bot)[1]] == [WORDS]


async def test_words_of_danger_get_help_and_no_offer_to_file_them(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "I want to kill myself")
    help_now = await emulator.next_message(ADA)
    assert "findahelpline.com" in help_now.plain_text or "112" in help_now.plain_text
    for message in emulator.messages(ADA)[-3:]:
        assert "Add to my next note" not in message.button_labels
    assert sealed_and_kept(bot) == ([(None,)], [])


async def test_the_scheduled_note_shows_what_the_client_wanted_to_bring_up(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday; sessions on Tuesdays at 17:00
    await bot.start()
    await set_up_tuesday_17(emulator)
    await emulator.send_text(ADA, WORDS)
    offer = await emulator.next_message(ADA)
    await press(emulator, ADA, offer, "Add to my next note")
    clock.set(berlin(23, 11, 19, 0, 10))  # the note for Tuesday 24 November
    note = await emulator.next_message(ADA)
    assert "24 November" in note.plain_text
    ((items,),) = bot.query("SELECT items FROM notes WHERE user_id = ?", ADA)
    assert "memo" in str(items)  # the note made for the session holds the memo
    assert WORDS not in note.plain_text  # discreet on a lock screen: shown once opened
    opened = await press_in_place(emulator, ADA, note, "Open my notes")
    assert WORDS in (opened.plain_text or "")
