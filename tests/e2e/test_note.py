"""The note for the next session, through the real bot: it carries whether sessions felt
right and each goal's progress out of 10, respects "Not now" on raising a dropped rating,
and keeps out what the client left out until they put it back."""

from __future__ import annotations

from datetime import timedelta

from emulator import Emulator, NoMessageError, SentMessage
from tests.e2e.reviewing import berlin
from tests.support.clock import Clock
from tests.support.players import button, onboard, press, press_in_place, set_up_tuesdays_at_17
from tests.support.process import BotProcess

ADA = 2101
GOAL = "Sleep through the night"
Answer = int | str | None


async def add_goal(emulator: Emulator, user: int, goal: str) -> None:
    """/goals, "Add a goal", and the goal in the client's words."""
    await emulator.send_text(user, "/goals")
    menu = await emulator.next_message(user)
    asked = await press(emulator, user, menu, "Add a goal")
    assert "What's the goal" in (asked.plain_text or "")
    await emulator.send_text(user, goal)
    added = await emulator.next_message(user)
    assert "Added your goal" in (added.plain_text or "")


async def walk(emulator: Emulator, user: int, answers: list[Answer]) -> SentMessage:
    """/reflect, answering each question in turn: a number is a rating, words are written
    (the last written answer then Done), None is Skip. Returns the bot's message after the
    last answer."""
    await emulator.send_text(user, "/reflect")
    await emulator.next_message(user)  # what the reflection is
    question = await emulator.next_message(user)
    for answer in answers:
        if isinstance(answer, int):
            question = await press(emulator, user, question, str(answer))
        elif answer is None:
            question = await press(emulator, user, question, "Skip")
        else:
            await emulator.send_text(user, answer)
            question = await emulator.next_message(user)  # the next question follows
            if _has(question, "Done"):  # the last one: "Kept. Add more, or press Done."
                question = await press(emulator, user, question, "Done")
    return question


def _has(message: SentMessage, label: str) -> bool:
    return any(text == label for row in message.buttons for text, _ in row)


async def decline_any_offer(emulator: Emulator, user: int) -> str | None:
    """Press "Not now" if the bot offers to put a rating in the note; the offer's text."""
    try:
        offered = await emulator.next_message(user, timeout=3)
    except (NoMessageError, TimeoutError):
        return None
    if not _has(offered, "Not now"):
        return None
    await emulator.press(user, offered, button(offered, "Not now"))
    await emulator.next_message(user)  # "That's fine."
    return offered.plain_text or ""


async def test_the_note_carries_what_matters_and_keeps_the_clients_choices(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    await add_goal(emulator, ADA, GOAL)
    # heard, focus, approach, overall, the goal, then the six open questions.
    clock.set(berlin(3, 11))
    await walk(
        emulator,
        ADA,
        [8, 8, 8, 8, 6, "Some nights are better", None, None, None,
         "Not quite: I felt rushed at the end", "My sister's visit"],
    )  # fmt: skip
    await decline_any_offer(emulator, ADA)
    clock.set(berlin(10, 11))
    await walk(
        emulator, ADA, [8, 8, 2, 8, 7, None, None, None, None, None, "Whether to meet weekly"]
    )
    offer = await decline_any_offer(emulator, ADA)  # "the way my therapist works": 2
    assert offer is not None
    # The rating in the offer reads right, with its scale.
    assert "How well your therapist's way of working suits you: 2/10, down from 8" in offer
    clock.set(berlin(11, 11))

    await emulator.send_text(ADA, "/note")
    draft = await emulator.next_message(ADA)
    text = draft.plain_text or ""
    # "Did it feel right?" and the goal's progress, out of 10.
    assert "Not quite: I felt rushed at the end" in text
    assert f"\u201c{GOAL}\u201d: 7/10 (the time before, 6/10)." in text
    assert "Some nights are better" in text
    # "Not now": the rating of 2 is not in the note, in any wording.
    assert "then 2" not in text and "rated it 2" not in text and "suited me less" not in text

    # Leave out the sister's visit, and finish.
    lines = text.splitlines()
    number = next(line.split(".")[0] for line in lines if "My sister's visit" in line)
    draft = await press_in_place(emulator, ADA, draft, f"\u2705 {number}")
    final = await press_in_place(emulator, ADA, draft, "Done")
    assert "My sister's visit" not in (final.plain_text or "")

    # The next /note still leaves it out, struck through, until the client puts it back.
    await emulator.send_text(ADA, "/note")
    again = await emulator.next_message(ADA)
    line = next(line for line in (again.plain_text or "").splitlines() if "sister" in line)
    assert "(left out)" in line
    assert f"\u2b1c {number}" in again.button_labels
    again = await press_in_place(emulator, ADA, again, f"\u2b1c {number}")
    line = next(line for line in (again.plain_text or "").splitlines() if "sister" in line)
    assert "(left out)" not in line
    final = await press_in_place(emulator, ADA, again, "Done")
    assert "My sister's visit" in (final.plain_text or "")

    # A goal's rating the client said "Not now" to raising isn't in the note either.
    clock.set(berlin(17, 11))
    await walk(emulator, ADA, [8, 8, 8, 8, 2, None, None, None, None, None, None])
    assert await decline_any_offer(emulator, ADA) is not None
    await emulator.send_text(ADA, "/note")
    text = (await emulator.next_message(ADA)).plain_text or ""
    assert "2/10" not in text and "rated it 2" not in text


async def test_the_note_before_a_first_session_shows_the_clients_goals(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(23, 11, 10))  # Monday; sessions on Tuesdays at 17:00
    await bot.start()
    await set_up_tuesdays_at_17(emulator, ADA)
    await add_goal(emulator, ADA, GOAL)
    # Discreet by default: a goal is in the client's words, which a lock screen would show.
    await emulator.send_text(ADA, "/note")
    assert f"\u2022 {GOAL}" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.send_text(ADA, "/schedule")
    card = await emulator.next_message(ADA)
    await press(emulator, ADA, card, "Say what messages are about")

    clock.set(berlin(23, 11, 19) + timedelta(seconds=10))  # the note for Tuesday
    note = await emulator.next_message(ADA)
    text = note.plain_text or ""
    assert "Nothing noted this time" in text
    assert f"\u2022 {GOAL}" in text
