"""The reflection through the real bot process: answered at the client's pace, never lost,
never doubled, whatever happens to the process."""

from __future__ import annotations

import asyncio
import signal

from emulator import Emulator
from tests.support.databases import write_lock
from tests.support.players import button, onboard, only_the_ratings, press, until
from tests.support.process import BotProcess

ADA = 1001


async def test_a_whole_reflection_with_ratings_text_a_skip_and_a_back(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    assert "10 short questions" in (await emulator.next_message(ADA)).plain_text
    q = await emulator.next_message(ADA)
    assert "Question 1 of 10" in q.plain_text and "felt heard and respected" in q.plain_text
    q = await press(emulator, ADA, q, "8")
    assert "Question 2 of 10" in q.plain_text
    q = await press(emulator, ADA, q, "7")
    q = await press(emulator, ADA, q, "Skip")  # the approach question
    assert "Question 4 of 10" in q.plain_text
    q = await press(emulator, ADA, q, "\u00ab Back")
    assert "Question 3 of 10" in q.plain_text and "You skipped this one" in q.plain_text
    q = await press(emulator, ADA, q, "6")
    q = await press(emulator, ADA, q, "9")
    assert "Question 5 of 10" in q.plain_text and "progress towards my goals" in q.plain_text

    # A text answer, then more to it after Back: kept as one.
    await emulator.send_text(ADA, "Slowly, yes.")
    q = await emulator.next_message(ADA)
    assert q.plain_text.startswith("Kept.") and "obstacles" in q.plain_text
    q = await press(emulator, ADA, q, "\u00ab Back")
    assert "So far you wrote: Slowly, yes." in q.plain_text
    await emulator.send_text(ADA, "Especially at work.")
    q = await emulator.next_message(ADA)
    assert "obstacles" in q.plain_text
    q = await press(emulator, ADA, q, "Skip")
    await emulator.send_text(ADA, "The breathing exercise <3 & naming it")
    q = await emulator.next_message(ADA)
    q = await press(emulator, ADA, q, "Next \u00bb")  # nothing written: a skip
    await emulator.send_text(ADA, "Mostly, yes")
    q = await emulator.next_message(ADA)
    assert "Question 10 of 10" in q.plain_text
    await emulator.send_text(ADA, "My sister's visit")
    thanks = await press(emulator, ADA, await emulator.next_message(ADA), "Done")
    assert "Thank you for taking the time" in thanks.plain_text
    assert "The breathing exercise <3 & naming it" in thanks.plain_text  # reflected back
    await emulator.no_message(ADA, within=0.5)  # no low ratings, so no offer

    answers = {
        q: (r, bot.decrypt(t), s)
        for q, r, t, s in bot.query("SELECT question, rating, text, skipped FROM answers")
    }
    # Encrypted at rest: no trace in the database files, as a thief would copy them.
    await bot.stop()
    for name in ("breathing exercise", "My sister's visit", "Especially at work"):
        assert name.encode() not in bot.database_bytes()
    assert answers == {
        "heard": (8, None, 0),
        "focus": (7, None, 0),
        "approach": (6, None, 0),
        "overall": (9, None, 0),
        "progress": (None, "Slowly, yes.\n\nEspecially at work.", 0),
        "obstacles": (None, None, 1),
        "helpful": (None, "The breathing exercise <3 & naming it", 0),
        "not_helpful": (None, None, 1),
        "felt_right": (None, "Mostly, yes", 0),
        "bring_up": (None, "My sister's visit", 0),
    }
    assert bot.query("SELECT complete, finished_at IS NOT NULL FROM reflections") == [(1, 1)]
    assert bot.query("SELECT step FROM flow_states") == [("idle",)]


async def test_a_low_rating_is_offered_for_the_next_sessions_note(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await only_the_ratings(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    assert "Question 1 of 4" in q.plain_text
    for rating in ("3", "8", "8"):
        q = await press(emulator, ADA, q, rating)
    thanks = await press(emulator, ADA, q, "8")
    assert "Thank you" in thanks.plain_text
    offer = await emulator.next_message(ADA)
    assert "Feeling heard and respected: 3" in offer.plain_text
    assert "You could say" in offer.plain_text
    done = await press(emulator, ADA, offer, "Add to my note")
    assert "Added to your note" in done.plain_text
    ((question, rating, raised),) = bot.query("SELECT question, rating, raised_at FROM topics")
    assert (bot.decrypt(question), rating, raised) == ("heard", 3, None)  # which, encrypted


async def test_leaving_midway_and_resuming_after_a_restart(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await press(emulator, ADA, await emulator.next_message(ADA), "4")
    q = await press(emulator, ADA, q, "5")
    await emulator.send_text(ADA, "/cancel")
    assert "Everything you answered is kept" in (await emulator.next_message(ADA)).plain_text

    await bot.stop()
    await bot.start()
    await emulator.send_text(ADA, "/reflect")
    offer = await emulator.next_message(ADA)
    assert "haven't finished" in offer.plain_text and "question 3 of 10" in offer.plain_text
    q = await press(emulator, ADA, offer, "Continue where I left off")
    assert "Question 3 of 10" in q.plain_text
    assert bot.query("SELECT question, rating FROM answers ORDER BY id") == [
        ("heard", 4),
        ("focus", 5),
    ]


async def test_a_stale_button_and_a_double_press_change_nothing(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    first = await emulator.next_message(ADA)
    # Two quick presses on the same question: one answer.
    await emulator.press(ADA, first, button(first, "8"))
    await emulator.press(ADA, first, button(first, "2"), strict=False)
    second = await emulator.next_message(ADA)
    assert "Question 2 of 10" in second.plain_text
    await emulator.no_message(ADA, within=1.0)
    assert bot.query("SELECT question, rating FROM answers") == [("heard", 8)]
    toasts = [c.params.get("text") for c in emulator.calls_to("answerCallbackQuery")]
    assert "Already answered. Use Back to change an answer." in toasts

    # Start over: the old reflection's button no longer does anything.
    await emulator.send_text(ADA, "/reflect")
    offer = await emulator.next_message(ADA)
    await press(emulator, ADA, offer, "Start a new one")
    await emulator.next_message(ADA)
    await emulator.press(ADA, second, button(second, "1"), strict=False)
    await emulator.wait_for_call("answerCallbackQuery")
    await asyncio.sleep(0.3)
    assert bot.query("SELECT count(*) FROM answers") == [(1,)]
    assert bot.query("SELECT serial, complete, finished_at IS NOT NULL FROM reflections") == [
        (1, 0, 1),
        (2, 0, 0),
    ]


async def test_kill_9_after_question_3_loses_nothing_and_doubles_nothing(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    q = await press(emulator, ADA, q, "8")
    q = await press(emulator, ADA, q, "7")
    await emulator.press(ADA, q, button(q, "6"))  # question 3, and at once:
    await bot.stop(signal.SIGKILL)
    await bot.start()

    # Whatever the kill interrupted, the client carries on from where the bot says they are:
    # question 3 if the press died with the process, question 4 if it was stored.
    await emulator.send_text(ADA, "/reflect")
    offer = await _resume_offer(emulator)
    q = await press(emulator, ADA, offer, "Continue where I left off")
    if "Question 3 of 10" in q.plain_text:
        q = await press(emulator, ADA, q, "6")
    assert "Question 4 of 10" in q.plain_text
    q = await press(emulator, ADA, q, "9")
    await emulator.send_text(ADA, "It's getting easier")
    q = await emulator.next_message(ADA)
    for _ in range(5):
        q = await press(emulator, ADA, q, "Skip")
    assert "Thank you" in q.plain_text

    rows = [
        (q, r, bot.decrypt(t))
        for q, r, t in bot.query("SELECT question, rating, text FROM answers ORDER BY question")
    ]
    assert len(rows) == len({question for question, _, _ in rows}) == 10  # once each
    assert ("heard", 8, None) in rows and ("focus", 7, None) in rows
    assert ("approach", 6, None) in rows and ("overall", 9, None) in rows
    assert ("progress", None, "It's getting easier") in rows


async def _resume_offer(emulator: Emulator):
    """The offer to resume (what the killed process had already sent comes first)."""
    message = await emulator.next_message(ADA, timeout=15)
    while "haven't finished" not in message.plain_text:
        message = await emulator.next_message(ADA, timeout=15)
    return message


async def test_a_redelivered_update_is_not_stored_twice(emulator: Emulator, bot: BotProcess):
    """The bot dies after committing a text answer but before acknowledging its update:
    Telegram delivers it again after the restart, and it must not be appended twice."""
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for _ in range(4):
        q = await press(emulator, ADA, q, "Skip")
    sent = await emulator.send_text(ADA, "Only once, please")
    await emulator.next_message(ADA)  # committed and answered
    await bot.stop(signal.SIGKILL)
    # Make Telegram deliver it again: the emulator re-queues an acknowledged update as is.
    await emulator.send_update({"update_id": _update_id_of(emulator, sent), "message": sent})
    await bot.start()
    await emulator.send_text(ADA, "and this once")  # the next question's answer
    await emulator.next_message(ADA)
    stored = dict(bot.query("SELECT question, text FROM answers WHERE text IS NOT NULL"))
    assert {q: bot.decrypt(t) for q, t in stored.items()} == {
        "progress": "Only once, please",
        "obstacles": "and this once",
    }
    assert "already handled" in bot.log


def _update_id_of(emulator: Emulator, message: dict) -> int:
    for call in emulator.calls_to("getUpdates"):
        for update in call.response.get("result", []):
            if update.get("message", {}).get("message_id") == message["message_id"]:
                return int(update["update_id"])
    raise AssertionError("the bot never fetched that message")


async def test_a_message_in_hand_when_the_bot_dies_is_handled_after_the_restart(
    emulator: Emulator, bot: BotProcess
):
    """Fetched but not yet stored when the process dies: Telegram must deliver it again,
    so the bot may acknowledge an update only once it has handled it."""
    await onboard(emulator, ADA)
    # Hold what her turn needs (SQLite's write lock, her row on PostgreSQL), so the bot's
    # turn waits for it mid-update.
    async with write_lock(bot.database_url, ADA):
        sent = await emulator.send_text(ADA, "/reflect")
        await _until_fetched(emulator, sent)
        await asyncio.sleep(0.5)  # a poll acknowledging it would have gone out by now
        await bot.stop(signal.SIGKILL)
    await bot.start()
    intro = await emulator.next_message(ADA, timeout=15)
    assert "short questions" in intro.plain_text
    assert bot.query("SELECT count(*) FROM reflections") == [(1,)]


async def _until_fetched(emulator: Emulator, message: dict) -> None:
    for _ in range(200):
        try:
            _update_id_of(emulator, message)
            return
        except AssertionError:
            await asyncio.sleep(0.05)
    raise AssertionError("the bot never fetched the message")


async def test_one_answer_stops_growing_at_its_limit_and_says_what_was_kept(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for rating in ("8", "7", "6", "9"):
        q = await press(emulator, ADA, q, rating)
    for _ in range(5):
        q = await press(emulator, ADA, q, "Skip")
    # The last question, where an answer grows over several messages until Done.
    assert "bring up next time" in q.plain_text
    page = "x" * 3_999
    await emulator.send_text(ADA, f"0{page}")
    assert (await emulator.next_message(ADA)).plain_text.startswith("Kept.")
    for number in range(1, 5):  # 5 messages and their joins: 20,003 characters, 4 fit
        await emulator.send_text(ADA, f"{number}{page}")
    reply = await emulator.next_message(ADA)  # the ones that fit are kept without a word
    assert "limit of 20,000 characters" in reply.plain_text
    assert "everything you wrote before it is kept" in reply.plain_text
    assert "bring up next time" in (await emulator.next_message(ADA)).plain_text
    ((stored,),) = bot.query("SELECT text FROM answers WHERE question = 'bring_up'")
    kept = bot.decrypt(stored)
    assert kept is not None and kept.split("\n\n") == [f"{n}{page}" for n in range(4)]
    await emulator.send_text(ADA, "one more line")  # what still fits is kept

    def grown() -> bool:
        ((stored,),) = bot.query("SELECT text FROM answers WHERE question = 'bring_up'")
        return (bot.decrypt(stored) or "").endswith("\n\none more line")

    await until(grown)
    await emulator.no_message(ADA, within=0.5)
