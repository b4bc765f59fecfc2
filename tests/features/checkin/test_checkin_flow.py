"""The check-in between sessions as a pure flow, through the router: a face, a line, the
next note; old messages, double taps, commands and words of danger."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader

from features import router
from features.checkin.effects import MarkCheckInNoted, PutCheckInFace, PutCheckInLine
from features.checkin.flow import ask
from features.checkin.loaded import CheckInLine
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Command,
    NonText,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.memos.effects import KeepMemo
from features.review import export
from features.review.history import History
from features.review.loaded import SummaryWindow
from features.safety.crisis import load
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

# Thursday 26 November 2026, 19:00 in Berlin.
NOW = datetime(2026, 11, 26, 18, tzinfo=UTC)
THURSDAY = date(2026, 11, 26)
FACTS = facts_of(Client("Europe/Berlin"), NOW).having(load())
LINE_STEP = State(Step.CHECKIN_LINE, {"day": "2026-11-26", "at": NOW.isoformat()})


def step(state: State, event, facts=FACTS) -> Outcome:
    outcome = router.step(state, event, facts)
    check_outcome(outcome)
    return outcome


def changes(outcome: Outcome) -> list[object]:
    return [e for e in outcome.effects if not isinstance(e, Reply | Redraw | Toast)]


def texts(outcome: Outcome) -> list[str]:
    said = []
    for effect in outcome.effects:
        reply = effect.reply if isinstance(effect, Redraw) else effect
        if isinstance(reply, Reply):
            said.append(render(reply.text, "en", **reply.args))
        if isinstance(reply, Toast):
            said.append(plain(reply.text, "en", **reply.args))
    return said


def test_the_message_is_discreet_with_five_faces_in_one_row_and_their_words():
    message = ask(THURSDAY)
    check_outcome(Outcome(State(), (message,)))
    shown = render(message.text, "en", **message.args)
    assert shown.startswith("How's your day going? \U0001f33f")
    for word in ("therapy", "session", "counsel", "psych"):
        assert word not in shown[:200].lower()
    assert len(message.buttons) == 1 and len(message.buttons[0]) == 5
    for word in ("hard", "low", "okay", "good", "great"):
        assert word in shown  # a caption line a screen reader reads
    assert message.buttons[0][3].data == "ck:f:2026-11-26:4"


def test_a_tap_keeps_the_face_redraws_the_message_and_invites_a_line():
    outcome = step(State(), Press("ck:f:2026-11-26:4"))
    assert changes(outcome) == [PutCheckInFace(THURSDAY, 4)]
    assert outcome.state == LINE_STEP
    (redraw,) = [e for e in outcome.effects if isinstance(e, Redraw)]
    shown = render(redraw.reply.text, "en", **redraw.reply.args)
    assert "Today: \U0001f642 good" in shown and "write a line" in shown
    assert not redraw.reply.buttons
    assert not any(isinstance(e, Reply) for e in outcome.effects)  # one message, redrawn


def test_a_double_tap_keeps_the_same_days_face_again_and_sends_nothing_new():
    first = step(State(), Press("ck:f:2026-11-26:4"))
    again = step(first.state, Press("ck:f:2026-11-26:4"))
    assert changes(again) == [PutCheckInFace(THURSDAY, 4)]  # the same row, upserted
    assert again.state == LINE_STEP
    assert not any(isinstance(e, Reply) for e in again.effects)


def test_a_tap_on_an_old_message_keeps_it_for_its_own_day():
    outcome = step(State(), Press("ck:f:2026-11-24:2"))
    assert changes(outcome) == [PutCheckInFace(date(2026, 11, 24), 2)]
    assert "Tuesday 24 November: \U0001f641 low" in texts(outcome)[0]
    assert outcome.state == State(Step.CHECKIN_LINE, {"day": "2026-11-24", "at": NOW.isoformat()})


def test_a_tap_too_old_or_not_yet_come_changes_nothing_and_says_so_kindly():
    old = step(State(), Press("ck:f:2026-11-10:3"))
    assert changes(old) == [] and old.state == State()
    assert texts(old) == ["That check-in has closed. The next one comes as usual."]
    for data in ("ck:f:2026-11-28:3", "ck:f:2026-11-26:9", "ck:f:nope:3", "ck:x"):
        outcome = step(State(), Press(data))
        assert changes(outcome) == [] and outcome.state == State()


def test_in_the_middle_of_a_reflection_a_tap_is_kept_and_the_reflection_keeps_its_place():
    reflecting = State(Step.REFLECTING, {"serial": 1, "position": 2})
    outcome = step(reflecting, Press("ck:f:2026-11-26:5"))
    assert PutCheckInFace(THURSDAY, 5) in changes(outcome)
    assert outcome.state.step is Step.REFLECTING
    assert not any("write a line" in t for t in texts(outcome))


def test_the_next_words_are_the_line_with_the_choice_of_the_next_note():
    outcome = step(LINE_STEP, Text("A long walk helped"))
    assert changes(outcome) == [PutCheckInLine(THURSDAY, "A long walk helped")]
    assert outcome.state == State()
    (reply,) = [e for e in outcome.effects if isinstance(e, Reply)]
    assert [b.data for row in reply.buttons for b in row] == ["ck:n:2026-11-26", "ck:d:2026-11-26"]
    assert [plain(b.label) for row in reply.buttons for b in row] == [
        "Add to my next note",
        "That's all",
    ]


def test_words_long_after_the_tap_are_not_taken_as_its_line():
    later = facts_of(Client("Europe/Berlin"), NOW + timedelta(hours=3)).having(load())
    outcome = step(LINE_STEP, Text("Session tomorrow, nervous"), later)
    assert not any(isinstance(e, PutCheckInLine) for e in outcome.effects)
    assert outcome.state.step is Step.OFFER_MEMO  # words of their own, offered as ever


def test_add_to_my_next_note_keeps_the_line_as_a_memo_once():
    facts = FACTS.having(CheckInLine("A long walk helped"))
    outcome = step(State(), Press("ck:n:2026-11-26"), facts)
    assert changes(outcome) == [MarkCheckInNoted(THURSDAY), KeepMemo("A long walk helped")]
    assert outcome.state == State()
    again = step(State(), Press("ck:n:2026-11-26"), FACTS.having(CheckInLine("x", noted=True)))
    assert changes(again) == []
    assert "already in your next note" in " ".join(texts(again))
    nothing = step(State(), Press("ck:n:2026-11-26"), FACTS.having(CheckInLine()))
    assert changes(nothing) == []


def test_thats_all_only_takes_the_buttons_away():
    outcome = step(State(), Press("ck:d:2026-11-26"))
    assert changes(outcome) == []
    (redraw,) = outcome.effects
    assert isinstance(redraw, Redraw) and not redraw.reply.buttons


def test_a_command_or_anything_else_leaves_the_line_and_the_face_stays():
    summary = step(LINE_STEP, Command("schedule"))
    assert summary.state.step is not Step.CHECKIN_LINE
    assert not any(isinstance(e, PutCheckInLine) for e in summary.effects)
    cancelled = step(LINE_STEP, Command("cancel"))
    assert cancelled.state == State() and "Your tap is kept" in texts(cancelled)[0]
    sticker = step(LINE_STEP, NonText("sticker"))
    assert sticker.state.step is Step.IDLE
    assert not any(isinstance(e, PutCheckInLine) for e in sticker.effects)


def test_words_of_danger_bring_the_crisis_help_first_and_no_note_offer():
    outcome = step(LINE_STEP, Text("I want to kill myself"))
    said = texts(outcome)
    assert said and said[0].startswith("It sounds like things may be very hard right now")
    assert PutCheckInLine(THURSDAY, "I want to kill myself") in changes(outcome)
    assert not any(
        isinstance(e, Reply) and any(b.data.startswith("ck:n:") for r in e.buttons for b in r)
        for e in outcome.effects
    )
    assert outcome.state.step is Step.IDLE


def test_summary_shows_the_faces_between_sessions_newest_first():
    days = ((date(2026, 11, 26), 4), (date(2026, 11, 24), 1))
    outcome = step(State(), Command("summary"), FACTS.having(SummaryWindow(None, days)))
    said = texts(outcome)
    assert "\U0001f642 Thu 26 Nov \u00b7 \U0001f61e Tue 24 Nov" in said[-1]
    many = tuple((date(2026, 11, 26), 3) for _ in range(40))
    said = texts(step(State(), Command("summary"), FACTS.having(SummaryWindow(None, many))))
    assert "and 9 earlier" in said[-1]
    nothing = texts(step(State(), Command("summary"), FACTS.having(SummaryWindow())))
    assert not any("Between sessions" in text for text in nothing)


def test_the_export_files_hold_each_check_in_with_its_line():
    checkin = {"day": "2026-11-26", "face": 4, "face_word": "good", "text": "=a walk",
               "heading": "Thursday 26 November 2026: good (4 of 5)"}  # fmt: skip
    data = export.Export(
        History(()), NOW, "Europe/Berlin", {}, checkins=[checkin],
        titles={"checkins": "Check-ins between sessions", "checkin_question": "How's your day"},
    )  # fmt: skip
    document = json.loads(export.to_json(data))
    assert document["checkins"] == [
        {"day": "2026-11-26", "face": 4, "face_word": "good", "text": "=a walk"}
    ]
    rows = list(csv.DictReader(io.StringIO(export.to_csv(data).decode("utf-8-sig"))))
    assert [(r["session_date"], r["question_key"], r["rating"], r["answer"]) for r in rows] == [
        ("2026-11-26", "checkin", "4", "'=a walk")
    ]
    text = PdfReader(io.BytesIO(export.to_pdf(data))).pages[0].extract_text()
    assert "Check-ins between sessions" in text
    assert "Thursday 26 November 2026: good (4 of 5)" in text and "=a walk" in text
