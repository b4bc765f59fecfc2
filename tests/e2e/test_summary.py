"""/summary as a client reads it, through the real bot: a heading in plain words, and a
reflection only started (a stray tap, then /cancel) shown as that, not as a session."""

from __future__ import annotations

from emulator import Emulator
from tests.e2e.reviewing import berlin, reflect
from tests.support.clock import Clock
from tests.support.players import onboard, press
from tests.support.process import BotProcess

ADA = 2201


async def test_a_stray_tap_then_cancel_is_no_session_and_the_heading_reads_naturally(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    clock.set(berlin(3, 11))
    await reflect(emulator, ADA, (7, 6, 7, 6), {"helpful": "The breathing exercise"})
    # A week on: one tap of "2" on the first question, then /cancel.
    clock.set(berlin(10, 11))
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    question = await emulator.next_message(ADA)
    await press(emulator, ADA, question, "2")
    await emulator.send_text(ADA, "/cancel")
    await emulator.next_message(ADA)

    clock.set(berlin(11, 11))
    await emulator.send_text(ADA, "/summary")
    page = await emulator.next_message(ADA)
    text = page.plain_text or ""
    heading = text.splitlines()[0]
    assert heading == (
        "Your reflections from the last 30 days: 1 session, and one reflection only started."
    )
    started = text[text.index("Tuesday 10 November") : text.index("Tuesday 3 November")]
    assert "(only started)" in started
    assert "Felt heard and respected: 2\n" in started  # what was given, with no arrow
    assert "\u2193" not in text and "from 7" not in text
    # One session: no chart with a line down to the stray tap.
    await emulator.no_message(ADA, within=1.5)

    # Four weeks later the default window reaches back further, and says so.
    clock.set(berlin(15, 12))
    await emulator.send_text(ADA, "/summary")
    heading = ((await emulator.next_message(ADA)).plain_text or "").splitlines()[0]
    assert heading == (
        "Your last session, and one reflection only started, from before the last 30 days."
    )
    await emulator.send_text(ADA, "/summary all")
    heading = ((await emulator.next_message(ADA)).plain_text or "").splitlines()[0]
    assert heading == "All your reflections: 1 session, and one reflection only started."
