"""The PDF of /export as a person reads it on paper, through the real bot: no empty boxes
where an emoji was, each question's label set apart from its answer, goals in a section of
their own, and nothing that only works in the chat (a command)."""

from __future__ import annotations

import io
import re
from collections import defaultdict

from pypdf import PdfReader

from emulator import Emulator
from tests.e2e.reviewing import berlin
from tests.e2e.test_note import add_goal, walk
from tests.support.clock import Clock
from tests.support.players import button, onboard, press
from tests.support.process import BotProcess

ADA = 2301
GOAL = "Sleep through the night"


async def looking_fit(emulator: Emulator, user: int) -> None:
    """/fit before a first session: what am I looking for (five items)."""
    await emulator.send_text(user, "/fit")
    asked = await emulator.next_message(user)
    intro = await press(emulator, user, asked, "Not yet: what am I looking for?")
    assert "short questions" in (intro.plain_text or "")
    item = await emulator.next_message(user)
    labels = ["Direct", "Mostly quiet", "A bit of both", "Skip", "No preference"]
    for n, label in enumerate(labels, start=1):
        await emulator.press(user, item, button(item, label))
        if n < len(labels):
            item = await emulator.next_message(user)
    for _ in range(2):
        await emulator.next_message(user)  # what I'm looking for; what I could ask


async def test_the_pdf_reads_well_on_paper(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    await add_goal(emulator, ADA, GOAL)
    await looking_fit(emulator, ADA)
    clock.set(berlin(3, 11))
    await walk(
        emulator,
        ADA,
        [7, 6, 7, 6, 4, None, None, "The breathing exercise \U0001f642", None, None, None],
    )
    clock.set(berlin(4, 11))
    await emulator.send_text(ADA, "/export")
    await emulator.next_message(ADA)  # "Putting your files together"
    pdf = None
    for _ in range(3):
        document = await emulator.next_message(ADA)
        if (document.filename or "").endswith(".pdf"):
            pdf = document.file
    await emulator.next_message(ADA)  # "Here's everything"
    assert pdf is not None

    fonts: dict[str, set[str]] = defaultdict(set)

    def seen(text: str, cm, tm, font, size) -> None:
        if text.strip() and font is not None:
            fonts[text.strip()].add(f"{font.get('/BaseFont')}@{size}")

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text(visitor_text=seen) or "" for page in reader.pages)
    # No empty boxes: the session's date without an emoji, the client's in words.
    assert "\u25a1" not in text and "\U0001f4c5" not in text
    assert "Tuesday 3 November 2026" in text
    assert "(slightly smiling face)" in text
    # Nothing it can't keep: the client holds this copy; /privacy says who holds the rest.
    assert "This copy is mine to keep or share" in " ".join(text.split())
    assert "only I decide" not in text
    # Nothing that only works in the chat.
    assert not re.search(r"/[a-z]{3,}\b", text.replace("https://", "")), text
    # The goals have a section of their own, with the latest progress out of 10.
    assert "My goals" in text and GOAL in text and "4/10" in text
    # A label looks different from its answer.
    label = next(key for key in fonts if key.startswith("What helped"))
    answer = next(key for key in fonts if key.startswith("The breathing exercise"))
    assert fonts[label].isdisjoint(fonts[answer]), (fonts[label], fonts[answer])
