"""/share through the real bot: the client chooses what goes on the page (the last 3
sessions, one goal left out), presses Make the page, and gets one PDF, in their own chat
only, holding exactly what they chose on one page, prepared by them."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from emulator import Emulator
from storage import wellbeing
from storage.db import Database
from tests.e2e.reviewing import berlin
from tests.e2e.test_note import add_goal, walk
from tests.support.clock import Clock
from tests.support.databases import encrypted_engine
from tests.support.players import onboard, press, press_in_place
from tests.support.process import BotProcess

ADA, BEA = 2401, 2402
UNSAFE = "I don't feel safe at home"
KEPT, LEFT_OUT = "Sleep through the night", "Say no to my boss"
# How I've been, the week before each session: myself, close, daily, overall.
WEEKS = {
    date(2026, 11, 3): (2, 3, 2, 2),
    date(2026, 11, 10): (4, 5, 4, 4),
    date(2026, 11, 17): (6, 5, 6, 6),
    date(2026, 11, 24): (7, 8, 6, 7),
}


async def _how_ive_been(bot: BotProcess) -> None:
    """Ratings of how I've been, kept as the asking flow will keep them."""
    engine = encrypted_engine(bot.database_url, key_file=bot.workdir / "encryption.key")
    try:
        async with Database(engine).transaction() as session:
            for day, ratings in WEEKS.items():
                for part, rating in zip(wellbeing.PARTS, ratings, strict=True):
                    await wellbeing.put_rating(
                        session=session, user_id=ADA, session_date=day, part=part,
                        rating=rating, source="note", at=datetime.now(UTC),
                    )  # fmt: skip
    finally:
        await engine.dispose()


def _text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


async def test_the_page_holds_exactly_what_the_client_chose_and_goes_to_them_alone(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    await add_goal(emulator, ADA, KEPT)
    await add_goal(emulator, ADA, LEFT_OUT)
    # heard, focus, approach, overall, the two goals, then the six open questions.
    for day, rating in ((3, 5), (10, 6), (17, 7)):
        clock.set(berlin(day, 11))
        await walk(emulator, ADA, [rating] * 4 + [rating - 2, rating - 3] + [None] * 6)
    clock.set(berlin(24, 11))
    await walk(
        emulator,
        ADA,
        [9, 9, 9, 9, 8, 7, None, None, "The breathing exercise", None,
         "Not quite: I felt rushed at the end", "My sister's visit"],
    )  # fmt: skip
    await _how_ive_been(bot)

    # The note, with one item left out.
    clock.set(berlin(25, 11, 10))
    await emulator.send_text(ADA, "/note")
    draft = await emulator.next_message(ADA)
    lines = (draft.plain_text or "").splitlines()
    number = next(line.split(".")[0] for line in lines if "I felt rushed" in line)
    draft = await press_in_place(emulator, ADA, draft, f"\u2705 {number}")
    await press_in_place(emulator, ADA, draft, "Done")

    # Everything on to start with; the client picks 3 sessions and leaves a goal out.
    await emulator.send_text(ADA, "/share")
    menu = await emulator.next_message(ADA)
    assert "everything is on it, over your last 5 sessions" in (menu.plain_text or "")
    assert "\u2705 Last 5" in menu.button_labels
    assert f"\u2705 {LEFT_OUT}" in menu.button_labels
    menu = await press_in_place(emulator, ADA, menu, "Last 3")
    menu = await press_in_place(emulator, ADA, menu, f"\u2705 {LEFT_OUT}")
    assert "\u2705 Last 3" in menu.button_labels
    assert f"\u2b1c {LEFT_OUT}" in menu.button_labels
    assert LEFT_OUT not in (menu.plain_text or "")
    menu = await press_in_place(emulator, ADA, menu, "Make the page")
    assert "Making your page" in (menu.plain_text or "") and not menu.buttons
    document = await emulator.next_message(ADA)

    assert document.filename == "notes-2026-11-25.pdf"
    assert "to forward to your therapist if you wish" in (document.caption or "")
    assert "I haven't sent it to anyone else" in (document.caption or "")
    assert document.file is not None
    text, pages = _text(document.file)
    assert pages == 1
    assert "Prepared by me on 25 November 2026 to share with my therapist." in text
    # The note as the client trimmed it.
    assert "My sister's visit" in text and "The breathing exercise" in text
    assert "I felt rushed" not in text
    # The last 3 sessions and weeks, with their scale; the first is not on the page.
    assert "How my last 3 sessions felt" in text
    for shown in ("10 Nov 2026", "17 Nov 2026", "24 Nov 2026"):
        assert shown in text
    assert "3 Nov 2026" not in text and "5/10 5/10 5/10 5/10" not in text
    assert "24 Nov 2026 9/10 9/10 9/10 9/10" in text
    assert "24 Nov 2026 7/10 8/10 6/10 7/10" in text  # how I've been
    assert "2/10 3/10 2/10 2/10" not in text
    # The goal kept, with its progress in those sessions; the goal left out, nowhere.
    assert f"\u201c{KEPT}\u201d" in text
    assert "4/10 on 10 Nov 2026; 5/10 on 17 Nov 2026; 8/10 on 24 Nov 2026" in text
    assert LEFT_OUT not in text

    # One document, to the client's own chat; nothing else went anywhere else.
    documents = emulator.calls_to("sendDocument")
    assert len(documents) == 1 and int(documents[0].params["chat_id"]) == ADA
    sent = [c for c in emulator.calls if "chat_id" in c.params]
    assert {int(c.params["chat_id"]) for c in sent} == {ADA}


async def test_cancel_makes_no_page(emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    await add_goal(emulator, ADA, KEPT)
    await emulator.send_text(ADA, "/share")
    menu = await emulator.next_message(ADA)
    assert menu.button_labels == [f"\u2705 {KEPT}", "Make the page", "Cancel"]
    menu = await press_in_place(emulator, ADA, menu, "Cancel")
    assert "No page made" in (menu.plain_text or "") and not menu.buttons
    assert emulator.calls_to("sendDocument") == []


async def _unsafe_words_then_one_more(emulator: Emulator, user: int, share: str) -> None:
    """A reflection: words of danger to "what helped?", "Pause here", resumed, a line
    for "what didn't help?", and `share` ("Yes, add it to my note" or "No") when asked
    whether to bring the words to the therapist; then /note, Done."""
    await emulator.send_text(user, "/reflect")
    await emulator.next_message(user)
    q = await emulator.next_message(user)
    for _ in range(6):  # four ratings, progress, obstacles
        q = await press(emulator, user, q, "Skip")
    await emulator.send_text(user, UNSAFE)  # "what was helpful?"
    await emulator.next_message(user)  # help, at once
    await press(emulator, user, await emulator.next_message(user), "Pause here")
    await emulator.send_text(user, "/reflect")
    q = await press(emulator, user, await emulator.next_message(user), "Continue where I left off")
    q = await press(emulator, user, q, "Next \u00bb")
    await emulator.send_text(user, "Sessions felt rushed")  # "what wasn't helpful?"
    q = await emulator.next_message(user)
    for _ in range(2):  # felt right, bring up
        q = await press(emulator, user, q, "Skip")
    assert "really hard" in (q.plain_text or "")
    await press(emulator, user, await emulator.next_message(user), share)
    await emulator.send_text(user, "/note")
    await press_in_place(emulator, user, await emulator.next_message(user), "Done")


async def _page(emulator: Emulator, user: int) -> str:
    """/share with what it offers, Make the page: the PDF's text."""
    await emulator.send_text(user, "/share")
    menu = await emulator.next_message(user)
    await press_in_place(emulator, user, menu, "Make the page")
    document = await emulator.next_message(user)
    assert document.chat_id == user and document.file is not None
    text, pages = _text(document.file)
    assert pages == 1
    return text


async def test_words_of_danger_reach_the_page_only_when_the_client_agreed_to_share_them(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await onboard(emulator, BEA)
    await _unsafe_words_then_one_more(emulator, ADA, "No")
    await _unsafe_words_then_one_more(emulator, BEA, "Yes, add it to my note")
    kept_back, shared = await _page(emulator, ADA), await _page(emulator, BEA)
    assert "Sessions felt rushed" in kept_back and UNSAFE not in kept_back
    assert "Sessions felt rushed" in shared and UNSAFE in shared
    documents = emulator.calls_to("sendDocument")
    assert sorted(int(c.params["chat_id"]) for c in documents) == [ADA, BEA]
