"""The share page as a PDF: one page, prepared by the client in their voice, holding what
was chosen and nothing else, ratings with their scale; too much is shortened to fit, and
the caption says what was shortened."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta

from pypdf import PdfReader

from features import router  # noqa: F401  (installs the catalogue)
from features.kernel.texts import plain
from features.kernel.vocabulary import MadeDocument, Ref
from features.share.document import SharePage
from features.share.loaded import RatedSession, WellbeingRow
from features.share.page import GoalOnPage, Line, Page

TUESDAY = date(2026, 12, 1)
NOTE = (
    ("bring_up", (Line(words="My sister's visit \U0001f642"),)),
    ("how", (Line(said=Ref("share.low.heard", {"rating": "3", "goal": ""})),)),
)
SESSIONS = (
    RatedSession(7, date(2026, 11, 17), {"heard": 6, "focus": 7, "overall": 5}),
    RatedSession(8, date(2026, 11, 24), {"heard": 8, "approach": 9, "goal:4": 4}),
)
WELLBEING = (
    WellbeingRow(date(2026, 11, 17), 4, 5, 3, 4),
    WellbeingRow(date(2026, 11, 24), 6, None, 5, 6),
)
PAGE = Page(
    prepared_on=TUESDAY,
    note_day=TUESDAY,
    note=NOTE,
    sessions=SESSIONS,
    wellbeing=WELLBEING,
    goals=(GoalOnPage("Sleep through the night", ((8, date(2026, 11, 24), 4),)),),
    count=5,
)


def _made(page: Page) -> MadeDocument:
    return SharePage(page).make("en")


def _read(made: MadeDocument) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(made.data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def test_the_page_is_the_clients_own_with_what_they_chose_and_ratings_out_of_ten():
    made = _made(PAGE)
    text, pages = _read(made)
    assert pages == 1
    assert made.filename == "notes-2026-12-01.pdf"
    assert "Prepared by me on 1 December 2026 to share with my therapist." in text
    assert "My note for Tuesday 1 December 2026" in text
    assert "My sister's visit (slightly smiling face)" in text  # no empty box for an emoji
    assert "I haven't always felt fully heard lately (I rated it 3/10)." in text
    assert "How my last 2 sessions felt" in text
    assert "17 Nov 2026 6/10 7/10 \u2013 5/10" in text
    assert "24 Nov 2026 8/10 \u2013 9/10 \u2013" in text
    assert "How I've been" in text and "24 Nov 2026 6/10 \u2013 5/10 6/10" in text
    assert "from 0 (very badly) to 10 (very well)" in text
    assert "\u201cSleep through the night\u201d" in text
    assert "My progress, from 0 (none) to 10 (a lot): 4/10 on 24 Nov 2026." in text
    # No branding, no promise, nothing that only works in the chat.
    assert not re.search(r"/[a-z]{3,}\b", text), text
    assert "companion" not in text.lower() and "private" not in text.lower()
    assert made.caption == Ref("share.caption")
    caption = plain(made.caption.text, "en")
    assert "I haven't sent it to anyone else" in caption


def test_what_was_left_out_is_not_on_the_page():
    page = replace(PAGE, note=None, wellbeing=None, goals=())
    text, _ = _read(_made(page))
    assert "My note" not in text and "My sister" not in text
    assert "How I've been" not in text and "Sleep through the night" not in text
    assert "My goals" not in text
    assert "How my last 2 sessions felt" in text


def test_fewer_sessions_leave_the_older_ones_and_their_goal_ratings_off():
    page = replace(
        PAGE,
        goals=(GoalOnPage("Sleep", ((7, date(2026, 11, 17), 2), (8, date(2026, 11, 24), 4))),),
    )
    shown = page.fewer(1)
    assert shown.sessions == SESSIONS[1:] and shown.wellbeing == WELLBEING[1:]
    assert shown.goals[0].ratings == ((8, date(2026, 11, 24), 4),)
    text, _ = _read(_made(shown))
    assert "17 Nov" not in text and "How my last session felt" in text


def test_too_much_for_one_page_is_shortened_and_the_caption_says_how():
    day = date(2026, 9, 1)
    sessions = tuple(
        RatedSession(n, day + timedelta(weeks=n), {"heard": n % 11, "focus": 5, "overall": 6})
        for n in range(10)
    )
    wellbeing = tuple(WellbeingRow(day + timedelta(weeks=n), 5, 6, n % 11, 6) for n in range(10))
    long_words = "I keep going over the argument with my brother, " * 20
    many = tuple(Line(words=f"Item {n}: {long_words}") for n in range(30))
    page = replace(
        PAGE, note=(("bring_up", many),), sessions=sessions, wellbeing=wellbeing, count=10
    )
    made = _made(page)
    text, pages = _read(made)
    assert pages == 1
    assert "\u2026" in text and "Item 0:" in text
    assert made.caption.text == "share.caption_shortened"
    caption = plain(made.caption.text, "en", **made.caption.args)
    assert "To fit it on one page:" in caption
    assert "some long items are cut short" in caption
    assert "it goes back 3 sessions rather than 10" in caption
    left = re.search(r"the last (\d+) items of your note are left out", caption)
    assert left is not None
    kept = 30 - int(left.group(1))
    assert f"Item {kept - 1}:" in text and f"Item {kept}:" not in text
    # The sessions it went back over, and no older one.
    assert "How my last 3 sessions felt" in text
    assert f"{(day + timedelta(weeks=6)).day} {day + timedelta(weeks=6):%b %Y}" not in text


def test_a_page_that_fits_says_nothing_was_shortened():
    made = _made(replace(PAGE, count=10))
    assert made.caption == Ref("share.caption")
