"""What a client takes from their reflections, through the real bot: /summary with trends
and pages, the chart, the note for the next session, and /export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from PIL import Image
from pypdf import PdfReader

from emulator import Emulator, SentMessage
from tests.e2e.reviewing import berlin, reflect, toast_after
from tests.support.clock import Clock
from tests.support.players import onboard, press_in_place
from tests.support.process import BotProcess

ADA = 2001
TELEGRAM_LIMIT = 4096

FIRST = {
    "progress": "Some progress with the sleep goal",
    "obstacles": "I avoid talking about my father",
    "helpful": "The breathing exercise",
    "not_helpful": "Running out of time at the end",
    "felt_right": "Mostly, yes",
    "bring_up": "My sister's visit",
}
SECOND = {
    "helpful": "Naming the feeling out loud",
    "not_helpful": "Homework felt like a test",
    "bring_up": "Whether we could meet every week",
}
THIRD = {
    "progress": "Sleeping through twice this week",
    "helpful": "Being asked what I wanted to work on",
    "bring_up": "How to keep going after the holidays",
}


async def three_reflections(emulator: Emulator, bot: BotProcess, clock: Clock) -> None:
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    clock.set(berlin(3, 11))
    await reflect(emulator, ADA, (7, 6, 7, 6), FIRST)
    clock.set(berlin(10, 11))
    # "approach" at 5: low, offered for the note and added.
    await reflect(emulator, ADA, (8, 6, 5, 7), SECOND, offer="Add to my note")
    clock.set(berlin(17, 11))
    await reflect(emulator, ADA, (9, 6, 7, 8), THIRD)
    clock.set(berlin(20, 11))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def test_summary_shows_every_answer_with_trends_and_a_chart(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    await three_reflections(emulator, bot, clock)
    await emulator.send_text(ADA, "/summary")
    page = await emulator.next_message(ADA)
    text = page.plain_text or ""
    assert "3 sessions" in text
    for words in (*FIRST.values(), *SECOND.values(), *THIRD.values()):
        assert text.count(words) == 1, words
    # Newest first, each rating against the session before it.
    newest = text[: text.index("Tuesday 10 November")]
    assert "Tuesday 17 November 2026" in newest
    assert "Felt heard and respected: 9 \u2191 from 8" in newest
    assert "Worked on what I wanted: 6 \u2192 as before" in newest
    assert "The way my therapist works suits me: 7 \u2191 from 5" in newest
    assert "The session overall: 8 \u2191 from 7" in newest
    middle = text[text.index("Tuesday 10 November") : text.index("Tuesday 3 November")]
    assert "The way my therapist works suits me: 5 \u2193 from 7" in middle
    oldest = text[text.index("Tuesday 3 November") :]
    assert "Felt heard and respected: 7\n" in oldest + "\n"  # the first: no trend
    assert page.buttons == []  # one page

    chart = await emulator.next_message(ADA)
    assert chart.method == "sendPhoto" and chart.file is not None
    image = Image.open(io.BytesIO(chart.file))
    image.load()  # decodes every pixel: a broken PNG fails here
    assert image.format == "PNG"
    assert 600 <= image.width <= 2000 and 300 <= image.height <= 1500
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20  # lines and text, not a blank image
    assert "Dashed lines" in (chart.caption or "")


async def test_a_long_history_pages_without_losing_or_splitting_an_answer(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    clock.set(berlin(2, 11, 12))
    await bot.start()
    await onboard(emulator, ADA)
    answers = []
    for week in range(3):
        clock.set(berlin(3 + 7 * week, 11))
        words = {}
        for key in ("progress", "obstacles", "helpful", "not_helpful", "felt_right"):
            marker = f"[{week}-{key}]"
            body = " ".join(f"Sentence {n} of {marker} about the session." for n in range(40))
            words[key] = f"{marker} {body} {marker}end"
            answers.append(words[key])
        await reflect(emulator, ADA, (7, 7, 7, 7), words)
    # One answer longer than any page: written over three messages.
    longest = [" ".join(f"Long part {p} line {n}." for n in range(120)) for p in range(3)]
    clock.set(berlin(24, 11))
    await reflect(emulator, ADA, (6, 6, 6, 6), {"bring_up": longest})
    clock.set(berlin(25, 11))

    await emulator.send_text(ADA, "/summary all")
    page = await emulator.next_message(ADA)
    await emulator.next_message(ADA)  # the chart
    texts = [page.text or ""]
    plains = [page.plain_text or ""]
    while "Older \u00bb" in page.button_labels:
        page = await press_in_place(emulator, ADA, page, "Older \u00bb")
        texts.append(page.text or "")
        plains.append(page.plain_text or "")
    assert len(plains) >= 4
    assert all(utf16(text) <= TELEGRAM_LIMIT for text in texts)
    assert all(f"of {len(plains)}" in plain for plain in plains)
    for answer in answers:  # each whole on one page, and on one only
        assert sum(answer in plain for plain in plains) == 1, answer[:12]
    everything = "\n".join(plains)
    for part in longest:
        for sentence in part.split(". "):  # cut only between sentences
            assert sentence.rstrip(".") in everything
    # Back again: the first page is as it was.
    page = await press_in_place(emulator, ADA, page, "\u00ab Newer")
    assert page.plain_text == plains[-2]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/summary abc", "I didn't quite get that"),
        ("/summary -5", "I didn't quite get that"),
        ("/summary 0", "I didn't quite get that"),
        ("/summary 100000", "further back than I look"),
    ],
)
async def test_summary_with_words_it_cannot_use_explains_and_changes_nothing(
    emulator: Emulator, bot: BotProcess, typed: str, expected: str
):
    await onboard(emulator, ADA)
    before = bot.query("SELECT step, data FROM flow_states")
    await emulator.send_text(ADA, typed)
    reply = await emulator.next_message(ADA)
    assert expected in (reply.plain_text or "")
    assert "/summary all" in (reply.plain_text or "")
    await emulator.no_message(ADA, within=0.5)
    assert bot.query("SELECT step, data FROM flow_states") == before


async def test_summary_note_and_export_with_no_history_say_so_kindly(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/summary")
    assert "nothing to show yet" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.send_text(ADA, "/summary 7")
    assert "nothing to show yet" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.send_text(ADA, "/note")
    assert "nothing for a note yet" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.send_text(ADA, "/export")
    assert "Putting your files" in ((await emulator.next_message(ADA)).plain_text or "")
    assert "nothing to export yet" in ((await emulator.next_message(ADA)).plain_text or "")
    await emulator.no_message(ADA, within=0.5)
    assert bot.query("SELECT count(*) FROM notes") == [(0,)]


async def test_the_summary_window_and_a_stale_page_button(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    await three_reflections(emulator, bot, clock)
    clock.set(berlin(15, 12))  # four weeks after the last one
    await emulator.send_text(ADA, "/summary 7")
    reply = await emulator.next_message(ADA)
    assert "haven't reflected on a session in the last 7 days" in (reply.plain_text or "")
    # The default window reaches back to the last 4 sessions, however long ago.
    await emulator.send_text(ADA, "/summary")
    page = await emulator.next_message(ADA)
    assert "3 sessions" in (page.plain_text or "")
    await emulator.next_message(ADA)  # the chart
    toast = await toast_after(emulator, ADA, page, "sum::99:7")  # no page 7
    assert "no longer does anything" in toast
    await emulator.press(ADA, page, "sum:bogus:1:1", strict=False)
    await emulator.no_message(ADA, within=0.5)
    assert page.edits == 0


def note_lines(message: SentMessage) -> str:
    return message.plain_text or ""


async def test_the_note_holds_what_to_bring_up_and_honours_the_clients_choices(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    await three_reflections(emulator, bot, clock)
    await emulator.send_text(ADA, "/note")
    draft = await emulator.next_message(ADA)
    text = note_lines(draft)
    for words in (FIRST["bring_up"], SECOND["bring_up"], THIRD["bring_up"]):
        assert words in text
    assert "I'd like to bring up" in text and "What has helped" in text
    # The low rating the client agreed to raise, in their first person.
    assert "I'm not sure the way we work suits me (I rated it 5/10)" in text
    assert "Tap a number to leave that item out" in text

    # Leave out the first thing to bring up; put the second in and out again.
    first = draft.buttons[0][0][0]
    draft = await press_in_place(emulator, ADA, draft, first)
    assert "(left out)" in note_lines(draft)
    second = draft.buttons[0][1][0]
    draft = await press_in_place(emulator, ADA, draft, second)
    draft = await press_in_place(emulator, ADA, draft, draft.buttons[0][1][0])
    final = await press_in_place(emulator, ADA, draft, "Done")
    text = note_lines(final)
    assert final.buttons == []
    assert FIRST["bring_up"] not in text  # left out
    assert SECOND["bring_up"] in text and THIRD["bring_up"] in text
    assert "Tap a number" not in text and "(left out)" not in text
    assert text.startswith("For your next session")

    # The choices were kept: the note as stored has the first item out.
    [(items,)] = bot.query("SELECT items FROM notes")
    kept = json.loads(str(items))
    assert [item[2] for item in kept][:3] == [False, True, True]
    # A button of the finished note does nothing.
    assert "already final" in await toast_after(emulator, ADA, final, "n:1:1")
    # Nor does one naming a note that isn't the client's.
    assert "no longer does anything" in await toast_after(emulator, ADA, final, "n:7:0")


async def test_export_sends_a_pdf_csv_and_json_with_every_answer(
    emulator: Emulator, clocked_bot: tuple[BotProcess, Clock]
):
    bot, clock = clocked_bot
    await three_reflections(emulator, bot, clock)
    await emulator.send_text(ADA, "/export")
    assert "Putting your files" in ((await emulator.next_message(ADA)).plain_text or "")
    files = {}
    for _ in range(3):
        document = await emulator.next_message(ADA)
        assert document.method == "sendDocument" and document.file is not None
        assert document.filename is not None
        files[document.filename.rsplit(".", 1)[1]] = document.file
    done = await emulator.next_message(ADA)
    assert "keep them somewhere safe" in (done.plain_text or "")

    every = [*FIRST.values(), *SECOND.values(), *THIRD.values()]
    pdf = PdfReader(io.BytesIO(files["pdf"]))
    assert len(pdf.pages) >= 1
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    for words in every:
        assert " ".join(words.split()) in pdf_text.replace("\u2019", "'"), words

    rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    stored = bot.query("SELECT count(*) FROM answers WHERE rating IS NOT NULL OR text IS NOT NULL")
    skipped = bot.query("SELECT count(*) FROM answers WHERE rating IS NULL AND text IS NULL")
    assert len(rows) == stored[0][0] + skipped[0][0]  # one row per answer
    written = [row["answer"] for row in rows if row["answer"]]
    assert sorted(written) == sorted(every)
    ratings = [int(row["rating"]) for row in rows if row["rating"]]
    assert sorted(ratings) == sorted([7, 6, 7, 6, 8, 6, 5, 7, 9, 6, 7, 8])

    document = json.loads(files["json"])
    assert len(document["reflections"]) == 3
    assert document["time_zone"] == "Europe/Berlin"
    texts = [a["text"] for r in document["reflections"] for a in r["answers"] if a["text"]]
    assert sorted(texts) == sorted(every)
    # Nothing of it reached the log.
    for words in every:
        assert words not in bot.log
