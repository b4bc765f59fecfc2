"""/fit through the real bot process: "does this therapist feel right for me?", walked
twice to see what changed, before the first session, with stale buttons and a restart."""

from __future__ import annotations

import json

from emulator import Emulator, SentMessage
from tests.support.players import button, onboard, press, until
from tests.support.process import BotProcess

ADA = 1001

# What Ada would like (5), what it is like with her therapist (5), and the qualities (6).
FIRST = [
    "Direct", "Responding throughout", "Old patterns", "A bit of both", "No preference",
    "Indirect", "Responding throughout", "Old patterns", "Structured", "Challenge",
    "Yes", "Yes", "Somewhat", "Not sure yet", "No", "Yes",
]  # fmt: skip
SECOND = [*FIRST[:5], "Direct", *FIRST[6:14], "Yes", "Somewhat"]


async def start_fit(emulator: Emulator, seeing: bool = True) -> SentMessage:
    """/fit for a client with no reflections: the first question, then the first item."""
    await emulator.send_text(ADA, "/fit")
    asked = await emulator.next_message(ADA)
    assert "have you started seeing this therapist?" in asked.plain_text
    label = "Yes, I've started" if seeing else "Not yet: what am I looking for?"
    intro = await press(emulator, ADA, asked, label)
    assert "short questions" in intro.plain_text
    return await emulator.next_message(ADA)


async def walk(emulator: Emulator, item: SentMessage, labels: list[str]) -> list[SentMessage]:
    """Press one label per item; the messages that follow the last one (the result)."""
    total = len(labels)
    for n, label in enumerate(labels, start=1):
        assert f"{n} of {total}" in item.plain_text, item.plain_text
        await emulator.press(ADA, item, button(item, label))
        if n < total:
            item = await emulator.next_message(ADA)
    return [await emulator.next_message(ADA) for _ in range(2)]


def stored(bot: BotProcess) -> list[tuple[int, int, dict[str, str], bool]]:
    rows = bot.query(
        "SELECT serial, seeing_therapist, answers, finished_at IS NOT NULL FROM fit_checks"
        " ORDER BY serial"
    )
    return [(s, f, json.loads(bot.decrypt(a) or "{}"), bool(d)) for s, f, a, d in rows]


async def test_a_full_walk_then_a_second_shows_what_changed(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    item = await start_fit(emulator)
    assert "1 of 16" in item.plain_text and "direct, or more indirect" in item.plain_text
    assert [[label for label, _ in row] for row in item.buttons] == [
        ["Direct", "Indirect"], ["A bit of both", "No preference"], ["Skip"],
    ]  # fmt: skip
    matches, gaps = await walk(emulator, item, FIRST)
    assert "Where it matches" in matches.plain_text
    assert "Quiet or responding: responding throughout, as you'd like." in matches.plain_text
    assert "Accepted, without judgement: yes." in matches.plain_text
    assert "It feels right: yes." in matches.plain_text
    assert "you'd like direct, and it's indirect" in gaps.plain_text
    assert "You could say: \u201cIt helps me when you tell me plainly" in gaps.plain_text
    assert "Open to feedback: no." in gaps.plain_text
    assert "A mirror for blind spots: not sure yet." in gaps.plain_text
    assert "Give these a few more sessions" in gaps.plain_text
    await emulator.no_message(ADA, within=0.5)  # nothing to compare with yet
    ((serial, seeing, answers, finished),) = stored(bot)
    assert (serial, seeing, finished) == (1, 1, True)
    assert answers["q.feedback"] == "no" and answers["exp.style"] == "b" and len(answers) == 16

    # Some weeks later: /fit again, no question about having started this time.
    await emulator.send_text(ADA, "/fit")
    assert "16 short questions" in (await emulator.next_message(ADA)).plain_text
    item = await emulator.next_message(ADA)
    matches, gaps = await walk(emulator, item, SECOND)
    assert "Direct or indirect: direct, as you'd like." in matches.plain_text
    assert "Open to feedback: yes." in matches.plain_text
    changes = (await emulator.next_message(ADA)).plain_text
    assert "Since your last fit check" in changes
    assert "Direct or indirect (with your therapist): Indirect \u2192 Direct" in changes
    assert "Open to feedback: No \u2192 Yes" in changes
    assert "It feels right: Yes \u2192 Somewhat" in changes
    assert changes.count("\u2192") == 3
    assert [row[:2] + row[3:] for row in stored(bot)] == [(1, 1, True), (2, 1, True)]
    assert bot.query("SELECT step FROM flow_states WHERE user_id = ?", ADA) == [("idle",)]

    # What she chose is encrypted at rest, and never logged.
    await bot.stop()
    for secret in (b"feels_right", b"somewhat", b"exp.style"):
        assert secret not in bot.database_bytes()
    assert "feels_right" not in bot.log and "somewhat" not in bot.log.lower()


async def test_the_result_groups_gaps_and_a_gap_can_be_taken_into_the_note(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    item = await start_fit(emulator)
    mostly_apart = [
        "Direct", "Mostly quiet", "Old patterns", "Structured", "Gentle support",
        "Indirect", "Responding throughout", "Coping skills", "A bit of both", "Not sure yet",
        "No", "Somewhat", "No", "Not sure yet", "Somewhat", "Somewhat",
    ]  # fmt: skip
    _, gaps = await walk(emulator, item, mostly_apart)
    text = gaps.plain_text
    # Not a next step under every bullet: what is worth raising has words to use, the rest
    # is watched together, with one word about giving it time.
    assert "Next step" not in text
    raising, watching = text.split("Worth watching")
    assert raising.count("You could say") == 5 and "You could say" not in watching
    assert watching.count("a few more sessions") == 1
    # Labels read as words inside the sentence, not capitalised mid-sentence.
    assert "you'd like mostly quiet, and it's responding throughout" in text
    assert "like Mostly" not in text and "it's Responding" not in text

    labels = [label for row in gaps.buttons for label, _ in row]
    assert "\U0001f4dd Note: Quiet or responding" in labels
    await emulator.press(ADA, gaps, button(gaps, "\U0001f4dd Note: Quiet or responding"))
    assert "Added to your next note" in (await emulator.next_message(ADA)).plain_text
    await until(lambda: "\u2705 In your note: Quiet or responding" in gaps.button_labels)
    assert len(gaps.button_labels) == len(labels)  # the other gaps can still be added
    ((kept,),) = bot.query("SELECT text FROM memos WHERE user_id = ?", ADA)
    assert bot.decrypt(kept) == "Sometimes I need more room to think out loud before you respond."
    await emulator.send_text(ADA, "/note")
    note = (await emulator.next_message(ADA)).plain_text
    assert "I'd like to bring up" in note and bot.decrypt(kept) in note


async def test_before_the_first_session_it_is_what_am_i_looking_for(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    item = await start_fit(emulator, seeing=False)
    assert "1 of 5" in item.plain_text
    looking, asking = await walk(
        emulator, item, ["Direct", "Mostly quiet", "A bit of both", "Skip", "No preference"]
    )
    assert "What I'm looking for in a therapist" in looking.plain_text
    assert "Someone direct, who says plainly what they see." in looking.plain_text
    assert "Someone who mostly listens" in looking.plain_text
    assert "Questions you could ask in a first session" in asking.plain_text
    assert "How direct are you?" in asking.plain_text
    assert "How are your sessions usually shaped?" not in asking.plain_text  # skipped
    ((_, seeing, answers, finished),) = stored(bot)
    assert (seeing, finished) == (0, True)
    assert answers == {
        "pref.style": "a", "pref.talk": "a", "pref.work": "both", "pref.structure": "skip",
        "pref.challenge": "none",
    }  # fmt: skip


async def test_a_stale_or_doubled_fit_button_changes_nothing(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    first = await start_fit(emulator)
    # Two quick presses on the same item: one choice.
    await emulator.press(ADA, first, button(first, "Direct"))
    await emulator.press(ADA, first, button(first, "Indirect"), strict=False)
    second = await emulator.next_message(ADA)
    assert "2 of 16" in second.plain_text
    await emulator.no_message(ADA, within=1.0)
    assert stored(bot)[0][2] == {"pref.style": "a"}
    toasts = [c.params.get("text") for c in emulator.calls_to("answerCallbackQuery")]
    assert "Already answered. Use Back to change an answer." in toasts

    # Paused by /cancel: its buttons say how to go on, and change nothing.
    await emulator.send_text(ADA, "/cancel")
    assert "/fit picks up where you left off" in (await emulator.next_message(ADA)).plain_text
    await emulator.press(ADA, second, "f:1:1:b", strict=False)
    await _toast(emulator, "This fit check is paused; /fit picks it up again.")

    # Finished: the first check's buttons are from an earlier check now.
    await emulator.send_text(ADA, "/fit")
    offer = await emulator.next_message(ADA)
    assert "1 of 16 answered" in offer.plain_text
    item = await press(emulator, ADA, offer, "Continue where I left off")
    await walk_rest(emulator, item, 2)
    await emulator.send_text(ADA, "/fit")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)  # check 2, item 1
    await emulator.press(ADA, second, "f:1:1:b", strict=False)
    await _toast(emulator, "That's from an earlier fit check; nothing was changed.")
    await emulator.no_message(ADA, within=0.5)
    checks = stored(bot)
    assert [(c[0], c[3]) for c in checks] == [(1, True), (2, False)]
    assert checks[0][2]["pref.talk"] == "skip" and checks[1][2] == {}


async def walk_rest(emulator: Emulator, item: SentMessage, start: int) -> None:
    """Skip from item `start` to the end of a 16-item check, and read its result."""
    for n in range(start, 17):
        assert f"{n} of 16" in item.plain_text
        item = await press(emulator, ADA, item, "Skip")
    assert "enough here to compare" in item.plain_text or "How it fits" in item.plain_text


async def _toast(emulator: Emulator, text: str) -> None:
    """Wait until the bot answered a press with this toast."""
    await until(
        lambda: text in [c.params.get("text") for c in emulator.calls_to("answerCallbackQuery")]
    )


async def test_a_restart_mid_walk_keeps_every_choice(emulator: Emulator, bot: BotProcess):
    await onboard(emulator, ADA)
    item = await start_fit(emulator)
    for label in ("Indirect", "Mostly quiet", "Coping skills"):
        item = await press(emulator, ADA, item, label)
    assert "4 of 16" in item.plain_text

    await bot.stop()
    await bot.start()
    # The item on screen still works: the walk lives in the database, not in the process.
    item = await press(emulator, ADA, item, "Structured")
    assert "5 of 16" in item.plain_text
    item = await press(emulator, ADA, item, "\u00ab Back")
    assert "4 of 16" in item.plain_text and "Your answer so far: Structured" in item.plain_text

    await emulator.send_text(ADA, "/goals")  # leaving for something else pauses it
    assert "paused and kept" in (await emulator.next_message(ADA)).plain_text
    await emulator.next_message(ADA)
    await bot.stop()
    await bot.start()
    await emulator.send_text(ADA, "/fit")
    offer = await emulator.next_message(ADA)
    assert "4 of 16 answered" in offer.plain_text
    item = await press(emulator, ADA, offer, "Continue where I left off")
    assert "5 of 16" in item.plain_text
    await until(lambda: len(stored(bot)) == 1)
    assert stored(bot)[0][2] == {
        "pref.style": "b", "pref.talk": "a", "pref.work": "a", "pref.structure": "a",
    }  # fmt: skip
