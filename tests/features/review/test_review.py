"""/summary, /note and /export's pure parts: windows, pages, trends, notes, files."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from features import router
from features.common.pages import pack, size, split_text
from features.kernel.texts import CATALOGUE, forms, render
from features.kernel.vocabulary import (
    Client,
    Command,
    Facts,
    Press,
    Redraw,
    Reply,
    SendExport,
    ShowChart,
    State,
    Step,
    Toast,
)
from features.review import export, note, paper, summary
from features.review.effects import CreateNote, FinishNote, ToggleNoteItem
from features.review.history import Answered, History, Session
from features.review.loaded import NoteFacts, SummaryWindow
from features.review.note import NoteItem, NoteView
from features.review.window import ALL, DEFAULT, MAX_DAYS, Unreadable, Window, parse
from tests.support.facts import facts_of

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
FACTS = facts_of(Client("Europe/Berlin"), NOW)


def session(serial: int, ratings: dict[str, int], words: dict[str, str] | None = None) -> Session:
    answers = {q: Answered(q, rating=r) for q, r in ratings.items()}
    answers |= {q: Answered(q, text=t) for q, t in (words or {}).items()}
    return Session(
        serial,
        date(2026, 1, 6) + timedelta(weeks=serial),
        NOW,
        True,
        tuple(answers),
        answers,
    )


def rendered(reply: Reply) -> str:
    return render(reply.text, "en", **reply.args)


@pytest.mark.parametrize(
    ("typed", "window"),
    [
        ("", DEFAULT),
        ("  ", DEFAULT),
        ("all", ALL),
        ("ALL", ALL),
        ("90", Window(90, 0)),
        ("90 days", Window(90, 0)),
        ("7d", Window(7, 0)),
        (str(MAX_DAYS), Window(MAX_DAYS, 0)),
        # The same in German, Spanish, French and Russian.
        ("alle", ALL), ("todo", ALL), ("tout", ALL), ("все", ALL), ("Всё", ALL),
        ("90 Tage", Window(90, 0)), ("90 días", Window(90, 0)), ("90 jours", Window(90, 0)),
        ("90 дней", Window(90, 0)), ("30j", Window(30, 0)),
    ],
)  # fmt: skip
def test_summary_windows_the_client_can_ask_for(typed: str, window: Window):
    assert parse(typed) == window


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("abc", "usage"),
        ("Tage", "usage"),
        ("alles oder nichts", "usage"),
        ("-5", "usage"),
        ("0", "usage"),
        ("1.5", "usage"),
        ("\u0663\u0660", "usage"),  # Arabic-Indic digits
        ("100000", "too_far"),
        (str(MAX_DAYS + 1), "too_far"),
        ("9" * 400, "too_far"),
    ],
)
def test_summary_words_that_cannot_be_a_window(typed: str, reason: str):
    assert parse(typed) == Unreadable(reason)
    outcome = router.step(State(), Command("summary", typed), FACTS)
    assert [e.text for e in outcome.effects if isinstance(e, Reply)] == [f"summary.{reason}"]
    assert outcome.state == State()


def test_trends_compare_each_rating_with_the_time_before():
    history = History(
        (session(1, {"heard": 5}), session(2, {"heard": 7, "focus": 4}), session(3, {"heard": 7})),
        earlier={"focus": 6},
        total=5,
        upto=3,
    )
    [page] = summary.pages(history, DEFAULT, "en")
    text = rendered(page)
    assert text.index("<b>7</b> \u2192 as before") < text.index("<b>7</b> \u2191 from 5")
    assert "<b>4</b> \u2193 from 6" in text  # against a session before the window
    assert text.endswith("Felt heard and respected: <b>5</b>")  # the first ever: no trend


def test_a_reflection_only_started_is_shown_but_is_no_session():
    stray = replace(session(2, {"heard": 2}), finished=False)
    history = History(
        (session(1, {"heard": 7, "focus": 6}), stray, session(3, {"heard": 8})),
        total=3,
        upto=3,
        since=date(2026, 1, 1),
    )
    assert [s.only_started for s in history.sessions] == [False, True, False]
    [page] = summary.pages(history, Window(30, 0), "en")
    text = rendered(page)
    assert text.startswith(
        "<b>Your reflections from the last 30 days</b>: 2 sessions, and one reflection "
        "only started."
    )
    assert "(only started)</i>\nFelt heard and respected: <b>2</b>\n" in text
    assert "<b>8</b> \u2191 from 7" in text  # against the last real session, not the tap
    chart = summary.chart(history)
    assert chart is not None and len(chart.dates) == 2
    # Three answers, or finished (however little was answered), make it a session.
    given = replace(session(2, {"heard": 2, "focus": 3, "approach": 4}), finished=False)
    assert not given.only_started
    assert not session(2, {"heard": 2}).only_started


@pytest.mark.parametrize(
    ("window", "since", "heading"),
    [
        (DEFAULT, date(2026, 1, 1), "<b>Your reflections from the last 30 days</b>: 2 sessions."),
        (
            DEFAULT,
            date(2026, 1, 16),
            "<b>Your last 2 sessions</b>, reaching back past the last 30 days.",
        ),
        (
            Window(90, 0),
            date(2026, 1, 1),
            "<b>Your reflections from the last 90 days</b>: 2 sessions.",
        ),
        (ALL, None, "<b>All your reflections</b>: 2 sessions."),
    ],
)
def test_the_summary_heading_reads_as_a_sentence(window: Window, since: date | None, heading: str):
    history = History((session(1, {"heard": 7}), session(2, {"heard": 6})), total=2, since=since)
    [page] = summary.pages(history, window, "en")
    assert rendered(page).startswith(heading + "\n")


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=2400), min_size=1, max_size=40),
    emoji=st.booleans(),
)
def test_pages_fit_telegram_and_hold_every_answer_whole_once(lengths: list[int], emoji: bool):
    filler = "\U0001f33f" if emoji else "&"
    sessions = []
    for serial, length in enumerate(lengths, start=1):
        words = f"<{serial}> " + (filler * (length // 2)) + f" </{serial}>"
        sessions.append(session(serial, {"heard": serial % 11}, {"helpful": words}))
    history = History(tuple(sessions), total=len(sessions), upto=len(sessions))
    pages = summary.pages(history, ALL, "en")
    texts = [rendered(page) for page in pages]
    assert all(size(text) <= 4096 for text in texts)
    everything = "\n".join(texts)
    for serial, answer in enumerate(s.answers["helpful"].text for s in sessions):
        opening, closing = f"&lt;{serial + 1}&gt;", f"&lt;/{serial + 1}&gt;"
        if size(html.escape(answer or "", quote=False)) <= summary.LONGEST_WHOLE:
            holding = [t for t in texts if opening in t]  # whole, on one page
            assert len(holding) == 1 and closing in holding[0]
        else:  # longer than a page can hold: in parts, in order, nothing lost
            assert everything.count(opening) == 1
            assert everything.index(opening) < everything.index(closing)
    for number, page in enumerate(pages, start=1):
        labels = [b.label for row in page.buttons for b in row]
        assert ("button.newer" in labels) == (number > 1)
        assert ("button.older" in labels) == (number < len(pages))


@settings(max_examples=80, deadline=None)
@given(text=st.text(min_size=1, max_size=3000), limit=st.integers(min_value=20, max_value=400))
def test_split_text_keeps_every_word_in_parts_within_the_limit(text: str, limit: int):
    parts = split_text(text, limit)
    assert all(size(part) <= limit for part in parts)
    assert "".join("".join(parts).split()) == "".join(text.split())


def test_split_text_cuts_between_sentences_before_words():
    text = " ".join(f"Sentence number {n} is here." for n in range(50))
    parts = split_text(text, 200)
    assert len(parts) > 1
    assert all(part.endswith(".") for part in parts)


def test_pack_never_exceeds_the_limit_unless_one_piece_does():
    assert pack([10, 10, 10], 25) == [[0, 1], [2]]
    assert pack([30, 5], 25) == [[0], [1]]


def test_summary_of_nothing_is_a_kind_word():
    facts = FACTS.having(SummaryWindow(History(())))
    outcome = router.step(State(), Command("summary"), facts)
    assert [e.text for e in outcome.effects if isinstance(e, Reply)] == ["summary.none"]
    facts = FACTS.having(SummaryWindow(History((), total=3)))
    outcome = router.step(State(), Command("summary", "7"), facts)
    assert [e.text for e in outcome.effects if isinstance(e, Reply)] == ["summary.none_in_window"]


def test_summary_sends_a_chart_from_two_rated_sessions():
    one = History((session(1, {"heard": 5}),), total=1, upto=1)
    assert summary.chart(one) is None
    two = History((session(1, {"heard": 5, "goal:3": 2}), session(2, {"heard": 7})), goals={3: "x"})
    outcome = router.step(State(), Command("summary"), FACTS.having(SummaryWindow(two)))
    [chart] = [e for e in outcome.effects if isinstance(e, ShowChart)]
    assert [(s.values, s.goal) for s in chart.series] == [((5, 7), False), ((2, None), True)]


def test_summary_in_the_middle_of_a_reflection_asks_the_question_again():
    history = History((session(1, {"heard": 5}),), total=1, upto=1)
    state = State(Step.REFLECTING, {"serial": 1})
    outcome = router.step(state, Command("summary"), FACTS.having(SummaryWindow(history)))
    assert outcome.state == state


def test_a_page_button_turns_the_page_and_a_stale_one_says_so():
    history = History(
        tuple(session(n, {"heard": 5}, {"helpful": "x" * 2000}) for n in range(1, 6)),
        total=5,
        upto=5,
    )
    facts = FACTS.having(SummaryWindow(history))
    turned = router.step(State(), Press("sum:all:5:2"), facts)
    assert isinstance(turned.effects[0], Redraw)
    for stale in ("sum:all:5:99", "sum:all:5:x", "sum:nope:5:1", "sum:all"):
        outcome = router.step(State(), Press(stale), facts)
        assert outcome.effects == (Toast("toast.stale_button"),)


ITEMS = note.in_order(
    [
        NoteItem("answer", 11, "helpful", text="The breathing"),
        NoteItem("answer", 12, "bring_up", text="My sister's visit"),
        NoteItem("topic", 5, "heard", rating=3),
        NoteItem("drop", 13, "goal:2", rating=2, previous=6, goal="Sleep <better>"),
    ]
)


def test_a_note_is_grouped_in_the_first_person_with_every_item():
    assert [i.section for i in ITEMS] == ["bring_up", "how", "how", "helpful"]
    draft = note.draft(NoteView(4, ITEMS), False, "en")
    text = rendered(draft)
    assert "1. My sister's visit" in text
    assert "I haven't always felt fully heard lately (I rated it 3/10)." in text
    assert "\u201cSleep &lt;better&gt;\u201d feels smaller: 6/10, then 2/10" in text
    data = [b.data for row in draft.buttons for b in row]
    assert data == ["n:4:0", "n:4:1", "n:4:2", "n:4:3", "n:4:done"]


def test_a_note_says_whether_it_felt_right_and_each_goals_progress_out_of_ten():
    items = note.in_order(
        [
            NoteItem("goal", 21, "goal:2", rating=3, previous=6, goal="Sleep better"),
            NoteItem("goal", 22, "goal:4", rating=7),
            NoteItem("answer", 23, "felt_right", text="I felt rushed"),
            NoteItem("answer", 24, "progress", text="Some nights are better"),
        ]
    )
    assert [i.section for i in items] == ["felt_right", "progress", "progress", "progress"]
    text = rendered(note.draft(NoteView(4, items), False, "en"))
    assert "Whether it has felt right</u>\n1. I felt rushed" in text
    assert "\u201cSleep better\u201d: 3/10 (the time before, 6/10)." in text
    assert "A goal I've since set aside: 7/10." in text
    assert "Some nights are better" in text


def test_a_note_with_nothing_in_it_shows_the_clients_goals():
    empty = NoteView(3, (), scheduled=True, goals=("Sleep <better>", "Say no"))
    text = rendered(note.nothing_to_raise(empty, False))
    assert "Nothing noted this time" in text
    assert "\u2022 Sleep &lt;better&gt;\n\u2022 Say no" in text
    assert rendered(note.nothing_to_raise(NoteView(3, ()), False)).endswith("bring it.")
    asked = router.step(
        State(), Command("note"), FACTS.having(NoteFacts(NoteView(0, (), goals=("Say no",))))
    )
    [reply] = [e for e in asked.effects if isinstance(e, Reply)]
    assert "Say no" in rendered(reply)


def test_note_toggles_and_done_store_the_choice_and_show_it():
    facts = FACTS.having(NoteFacts(NoteView(4, ITEMS)))
    left_out = router.step(State(), Press("n:4:0"), facts)
    assert ToggleNoteItem(4, 0) in left_out.effects
    [redraw] = [e for e in left_out.effects if isinstance(e, Redraw)]
    assert "<s>1. My sister's visit</s>" in rendered(redraw.reply)

    chosen = FACTS.having(NoteFacts(NoteView(4, ITEMS).toggled(0)))
    done = router.step(State(), Press("n:4:done"), chosen)
    assert FinishNote(4) in done.effects
    [redraw] = [e for e in done.effects if isinstance(e, Redraw)]
    final = rendered(redraw.reply)
    assert "My sister's visit" not in final and "The breathing" in final
    assert redraw.reply.buttons == ()


def test_a_discreet_note_shows_nothing_it_holds_until_opened():
    kept = NoteView(4, ITEMS, session_date=date(2026, 11, 24), scheduled=True)
    closed = note.closed(kept)
    text = rendered(closed)
    assert "Tuesday 24 November" in text and "sister" not in text and "heard" not in text
    assert [b.data for row in closed.buttons for b in row] == ["n:4:open"]
    opened = router.step(State(), Press("n:4:open"), FACTS.having(NoteFacts(kept)))
    [redraw] = [e for e in opened.effects if isinstance(e, Redraw)]
    assert "1. My sister's visit" in rendered(redraw.reply)
    assert len(opened.effects) == 1  # nothing stored: opening changes no choice


@pytest.mark.parametrize("data", ["n:4:9", "n:4:-1", "n:4:x", "n:4", "n:5:0"])
def test_a_forged_or_stale_note_button_changes_nothing(data: str):
    facts = FACTS.having(NoteFacts(NoteView(4, ITEMS) if data != "n:5:0" else None))
    outcome = router.step(State(), Press(data), facts)
    assert outcome.effects == (Toast("toast.stale_button"),)
    final = FACTS.having(NoteFacts(NoteView(4, ITEMS, final=True)))
    assert router.step(State(), Press("n:4:0"), final).effects == (Toast("toast.note_final"),)


def test_a_new_note_keeps_out_what_the_client_left_out_before():
    facts = FACTS.having(NoteFacts(NoteView(0, ITEMS), 2))
    outcome = router.step(State(), Command("note"), facts)
    [created] = [e for e in outcome.effects if isinstance(e, CreateNote)]
    assert created.serial == 3 and len(created.items) == 4
    assert all(included for *_, included in created.items)
    left_out = (ITEMS[0], replace(ITEMS[1], included=False), *ITEMS[2:])
    again = router.step(State(), Command("note"), FACTS.having(NoteFacts(NoteView(0, left_out))))
    [created] = [e for e in again.effects if isinstance(e, CreateNote)]
    assert [included for *_, included in created.items] == [True, False, True, True]
    empty = FACTS.having(NoteFacts(NoteView(0, ())))
    assert [e.text for e in router.step(State(), Command("note"), empty).effects] == [
        "note.nothing"
    ]


def test_a_draft_with_long_answers_stays_one_message():
    items = tuple(
        NoteItem("answer", n, "bring_up", text=("word & " * 2000)) for n in range(MAX_ITEMS)
    )
    text = rendered(note.draft(NoteView(1, items), False, "en"))
    assert size(text) <= 4096
    pages = note.final(NoteView(1, items), False, "en")
    assert len(pages) > 1 and all(size(rendered(p)) <= 4096 for p in pages)


MAX_ITEMS = note.MAX_ITEMS


def test_export_command_sends_the_files():
    outcome = router.step(State(), Command("export"), FACTS)
    assert isinstance(outcome.effects[-1], SendExport)


def test_csv_neutralises_spreadsheet_formulas_and_json_keeps_everything():
    history = History((session(1, {"heard": 4}, {"helpful": "=HYPERLINK(1)"}),), total=1, upto=1)
    data = export.Export(history, NOW, "Europe/Berlin", {"heard": "I felt heard"})
    rows = list(csv.DictReader(io.StringIO(export.to_csv(data).decode("utf-8-sig"))))
    assert [r["answer"] for r in rows] == ["", "'=HYPERLINK(1)"]
    document = json.loads(export.to_json(data))
    assert document["reflections"][0]["answers"][1]["text"] == "=HYPERLINK(1)"


def test_the_pdf_draws_what_its_font_can_and_logs_nothing_of_the_rest(
    caplog: pytest.LogCaptureFixture, recwarn: pytest.WarningsRecorder
):
    words = "calm \U0001f33f \u0161\u010d \u0436\u0438\u0437\u043d\u044c"
    history = History((session(1, {"heard": 4}, {"helpful": words}),))
    data = export.Export(
        history,
        NOW,
        None,
        {},
        session_lines=[("Tuesday", [("What helped", words)])],
        titles={"title": "Mine"},
    )
    with caplog.at_level("DEBUG"):
        pdf = PdfReader(io.BytesIO(export.to_pdf(data)))
    text = pdf.pages[0].extract_text()
    assert "calm" in text and "\u0436\u0438\u0437\u043d\u044c" in text  # Cyrillic drawn
    assert "\U0001f33f" not in text  # no glyph for it: its name in words instead
    assert "(herb)" in text and "\u25a1" not in text
    assert not any(
        "\U0001f33f" in r.getMessage() or "calm" in r.getMessage() for r in caplog.records
    )
    assert not any("calm" in str(w.message) for w in recwarn)


def test_on_paper_each_answer_is_under_its_label_with_the_scale_and_no_emoji():
    stray = replace(session(3, {"heard": 2}), finished=False)
    history = History(
        (
            session(1, {"heard": 5, "goal:2": 4}, {"helpful": "Breathing"}),
            session(2, {"heard": 7}),
            stray,
        ),
        goals={2: "Sleep better"},
    )
    blocks = paper.session_blocks(history, "en")
    assert blocks[0] == (
        "Tuesday 13 January 2026",
        [
            ("Felt heard and respected", "5/10"),
            ("Progress on \u201cSleep better\u201d", "4/10"),
            ("What helped", "Breathing"),
        ],
    )
    assert blocks[1][1] == [("Felt heard and respected", "7/10 \u2191 from 5")]
    assert blocks[2] == (
        "Tuesday 27 January 2026 (only started)",
        [("Felt heard and respected", "2/10")],
    )
    goals = [
        paper.GoalRecord(3, "Say no", datetime(2026, 1, 2, tzinfo=UTC), NOW),
        paper.GoalRecord(2, "Sleep better", datetime(2026, 1, 1, 23, 30, tzinfo=UTC)),
    ]
    assert paper.goal_blocks(goals, history, "Europe/Berlin", "en") == [
        (
            "Sleep better",
            [
                "Set on 2 January 2026.",
                "My latest rating of progress: 4/10, after the session of Tuesday 13 January 2026.",
            ],
        ),
        ("Say no", ["Set on 2 January 2026.", "Set aside on 20 November 2026."]),
    ]


def test_a_fit_result_on_paper_names_no_command():
    from features.fit.export import ON_PAPER

    parts = ("fit.result.", "fit.closing.", "fit.line.", "fit.step.", "fit.head.", "fit.change")
    shown = [key for key in CATALOGUE["en"] if key.startswith(parts)]
    printed = {key: "\n".join(forms(CATALOGUE["en"][ON_PAPER.get(key, key)])) for key in shown}
    assert not [key for key, text in printed.items() if re.search(r"(?<!<)/[a-z]{3,}", text)]
    assert not [key for key, text in printed.items() if "today" in text]  # printed later
    assert "/fit" in CATALOGUE["en"]["fit.closing.gaps"]  # the chat's wording keeps it


@pytest.mark.parametrize("data", ["sum:bogus:1:1", "sum:7d", "n:x:done", "n::keep"])
def test_a_mangled_review_button_loads_nothing_and_gets_the_stale_notice(data: str):
    # What a turn declares for these presses is nothing (review's `needs`), so the step
    # must not ask for a window or a note it was never given.
    bare = Facts(Client("Europe/Berlin"), NOW)
    outcome = router.step(State(), Press(data), bare)
    assert outcome.effects == (Toast("toast.stale_button"),)
    assert outcome.state == State()
