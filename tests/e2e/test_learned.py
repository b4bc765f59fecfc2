"""/learned and /find as clients read them, through the real bot over simulated weeks:
exactly their own "what helped" and "bring up" items by month, and every word they wrote
found again, whatever its case or accents, nobody else's, escaped, and never logged."""

from __future__ import annotations

from emulator import Emulator
from tests.e2e.reviewing import berlin, reflect, toast_after
from tests.support.clock import Clock
from tests.support.players import button, onboard, press, press_in_place
from tests.support.process import BotProcess

ADA, BEN, CARA = 2301, 2302, 2303
RATINGS = (7, 6, 7, 6)


async def _weeks_of_reflections(emulator: Emulator, clock: Clock) -> None:
    """Ada reflects three times over five weeks and keeps a memo between; Ben, once, writing
    the same word."""
    clock.set(berlin(26, 10, 12))
    for client in (ADA, BEN):
        await onboard(emulator, client)
    clock.set(berlin(27, 10))
    await reflect(
        emulator,
        ADA,
        RATINGS,
        {"helpful": "The breathing exercise", "bring_up": "Ask about my sleep"},
    )
    clock.set(berlin(10, 11))
    await reflect(
        emulator,
        ADA,
        RATINGS,
        {
            "helpful": "Sleeping with the window open",
            "obstacles": "Work, again",
            "bring_up": "<b>Mum</b> & me",
        },
    )
    await reflect(emulator, BEN, RATINGS, {"helpful": "Sleeping pills, I think"})
    clock.set(berlin(20, 11))
    await emulator.send_text(ADA, "Remember the sleep diary")
    offer = await emulator.next_message(ADA)
    await press(emulator, ADA, offer, "Add to my next note")
    clock.set(berlin(1, 12))
    await reflect(
        emulator, ADA, RATINGS, {"helpful": "Caf\u00e9 talks with Zo\u00eb about quokkas"}
    )
    clock.set(berlin(2, 12, 9))


async def _ask(emulator: Emulator, client: int, command: str) -> tuple[str, str]:
    """The bot's answer as the client reads it, and as it was sent (HTML)."""
    await emulator.send_text(client, command)
    answer = await emulator.next_message(client)
    return answer.plain_text or "", answer.text or ""


async def test_learned_and_find_show_each_client_exactly_their_own_words(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(26, 10, 12))
    await bot.start()
    await _weeks_of_reflections(emulator, clock)

    read, sent = await _ask(emulator, ADA, "/learned")
    assert read.splitlines() == [
        "Things you've learned: what helped, and what you wanted to bring up, newest first.",
        "",
        "December 2026",
        "",
        "What helped \u00b7 Tue 1 Dec",
        "Caf\u00e9 talks with Zo\u00eb about quokkas",
        "",
        "November 2026",
        "",
        "Kept for your note \u00b7 Fri 20 Nov",
        "Remember the sleep diary",
        "",
        "What helped \u00b7 Tue 10 Nov",
        "Sleeping with the window open",
        "",
        "To bring up \u00b7 Tue 10 Nov",
        "<b>Mum</b> & me",
        "",
        "October 2026",
        "",
        "What helped \u00b7 Tue 27 Oct",
        "The breathing exercise",
        "",
        "To bring up \u00b7 Tue 27 Oct",
        "Ask about my sleep",
    ]
    assert "&lt;b&gt;Mum&lt;/b&gt; &amp; me" in sent  # the client's words, escaped

    read, _ = await _ask(emulator, BEN, "/learned")
    assert "Sleeping pills, I think" in read
    assert "window" not in read and "breathing" not in read and "Mum" not in read

    read, sent = await _ask(emulator, ADA, "/find SLEEP")
    assert read.splitlines()[0] == "\u201cSLEEP\u201d: found in 3 places, newest first."
    assert "Kept for my note \u00b7 Fri 20 Nov\nRemember the sleep diary" in read
    assert "What helped \u00b7 Tue 10 Nov\nSleeping with the window open" in read
    assert "To bring up \u00b7 Tue 27 Oct\nAsk about my sleep" in read
    assert read.index("diary") < read.index("window") < read.index("Ask about")
    assert "pills" not in read  # Ben's words, never Ada's results
    assert "<b>Sleeping</b> with the window open" in sent and "the <b>sleep</b> diary" in sent

    read, _ = await _ask(emulator, BEN, "/find sleep")
    assert "found in one place" in read and "Sleeping pills" in read and "window" not in read

    read, sent = await _ask(emulator, ADA, "/find cafe ZOE")
    assert "found in one place" in read and "Tue 1 Dec" in read
    assert "<b>Caf\u00e9</b> talks with <b>Zo\u00eb</b> about quokkas" in sent

    # /find alone asks; the next message is the query.
    read, _ = await _ask(emulator, ADA, "/find")
    assert read == "What word should I look for? I'll search everything you've written here."
    read, sent = await _ask(emulator, ADA, "mum")
    assert "To bring up \u00b7 Tue 10 Nov\n<b>Mum</b> & me" in read
    assert "&lt;b&gt;<b>Mum</b>&lt;/b&gt; &amp; me" in sent

    read, _ = await _ask(emulator, ADA, "/find walrus")
    assert read.startswith("Nothing found for \u201cwalrus\u201d.")
    # Nothing she wrote, nor anything she looked for, reaches the log.
    for secret in ("quokka", "walrus", "Mum", "window open"):
        assert secret not in bot.log


async def test_a_client_who_wrote_nothing_hears_what_will_appear_and_how(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(26, 10, 12))
    await bot.start()
    await onboard(emulator, CARA)
    read, _ = await _ask(emulator, CARA, "/learned")
    assert read.startswith("Nothing here yet.") and "/reflect" in read
    read, _ = await _ask(emulator, CARA, "/find sleep")
    assert read.startswith("There's nothing to look through yet.")
    # Asked what to look for, then /cancel: nothing searched, and back to normal.
    await _ask(emulator, CARA, "/find")
    read, _ = await _ask(emulator, CARA, "/cancel")
    assert read == "Okay, I won't look for anything."


async def test_many_matches_page_with_the_query_held_encrypted_then_dropped(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    for number in range(1, 10):  # nine memos about the same thing: two pages of matches
        await emulator.send_text(ADA, f"Marker-7c1e number {number}")
        offer = await emulator.next_message(ADA)
        await press(emulator, ADA, offer, "Add to my next note")

    await emulator.send_text(ADA, "/find marker-7c1e")
    results = await emulator.next_message(ADA)
    assert "found in 9 places" in (results.plain_text or "")
    assert "Page 1 of 2" in (results.plain_text or "")
    assert "number 9" in (results.plain_text or "") and "number 1\n" not in (
        results.plain_text or ""
    )
    # While its pages can be turned, the query is held with the client's state, encrypted.
    ((held,),) = bot.query("SELECT sealed FROM flow_states WHERE user_id = ?", ADA)
    assert bot.decrypt(held) == "marker-7c1e"
    assert b"marker-7c1e" not in bot.database_bytes().lower()

    older = await press_in_place(emulator, ADA, results, "Older \u00bb")
    assert "Page 2 of 2" in (older.plain_text or "") and "number 1" in (older.plain_text or "")
    assert older.button_labels == ["\u00ab Newer"]

    # Anything else, and the query is gone; the old buttons then do nothing.
    await emulator.send_text(ADA, "/cancel")
    await emulator.next_message(ADA)
    assert bot.query("SELECT sealed FROM flow_states WHERE user_id = ?", ADA) == [(None,)]
    toast = await toast_after(emulator, ADA, older, button(older, "\u00ab Newer"))
    assert "no longer does anything" in toast
    assert "marker-7c1e" not in bot.log.lower()
