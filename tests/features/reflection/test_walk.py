"""Walking a reflection, pure: what an answered question keeps of its answer, how a
written answer moves on, "Skip the rest", and the quick version."""

from __future__ import annotations

from datetime import UTC, date, datetime

from features import router  # noqa: F401  (installs the catalogue)
from features.common.loaded import Goals, LastSerial, OwnQuestions
from features.common.questions import OPEN, RATINGS
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Facts,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Text,
)
from features.reflection import flow
from features.reflection.effects import FinishReflection, PutAnswer, StartReflection
from features.reflection.loaded import AnswerView, OpenReflection, RecentRatings, ReflectionView
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

NOW = datetime(2026, 11, 24, 18, 50, tzinfo=UTC)
ALL = (*RATINGS, *OPEN)


def at(position: int, answers=None, questions=ALL) -> tuple[State, Facts]:
    r = ReflectionView(3, questions, position, date(2026, 11, 24), answers or {})
    facts = facts_of(Client(time_zone="Europe/Berlin"), NOW).having(
        OpenReflection(r), LastSerial(3), Goals({}), OwnQuestions({}), RecentRatings({})
    )
    return State(Step.REFLECTING, {"serial": 3, "position": position}), facts


def shown(outcome: Outcome) -> str:
    """The pressed question as the chat keeps it once answered."""
    check_outcome(outcome)
    (redraw,) = [e for e in outcome.effects if isinstance(e, Redraw)]
    assert redraw.reply.buttons == ()  # the keyboard goes in the same edit
    return plain(redraw.reply.text, "en", **redraw.reply.args)


def test_a_pressed_rating_shows_on_its_question():
    state, facts = at(0)
    outcome = flow.reflecting(state, Press("r:3:0:7"), facts)
    assert shown(outcome) == "Question 1 of 10 \u00b7 I felt heard and respected \u00b7 7"


def test_a_skip_shows_skipped_and_a_kept_rating_stays_shown():
    state, facts = at(1)
    skipped = flow.reflecting(state, Press("r:3:1:skip"), facts)
    assert shown(skipped).endswith("We worked on what I wanted to work on \u00b7 skipped")
    state, facts = at(1, {"focus": AnswerView(rating=4)})
    assert shown(flow.reflecting(state, Press("r:3:1:skip"), facts)).endswith(" \u00b7 4")


def test_a_written_answer_shows_its_start_and_words_of_danger_only_written():
    long = "Slowly, yes, especially at work where it has been very hard for weeks now"
    state, facts = at(4, {"progress": AnswerView(text=long)})
    line = shown(flow.reflecting(state, Press("r:3:4:next"), facts))
    assert line.startswith("Question 5 of 10 \u00b7 Are we making progress towards my goals?")
    assert "\u201cSlowly, yes, especially at work" in line and long not in line
    state, facts = at(4, {"progress": AnswerView(text="I can't go on", danger=True)})
    line = shown(flow.reflecting(state, Press("r:3:4:next"), facts))
    assert line.endswith(" \u00b7 written") and "go on" not in line


def test_going_back_shows_nothing_as_answered():
    state, facts = at(3)
    outcome = flow.reflecting(state, Press("r:3:3:back"), facts)
    assert not [e for e in outcome.effects if isinstance(e, Redraw)]


def test_the_resume_offer_says_a_new_one_closes_this_one():
    _, facts = at(2, {"heard": AnswerView(rating=4)})
    outcome = flow.begin(facts)
    check_outcome(outcome)
    (offer,) = [e for e in outcome.effects if isinstance(e, Reply)]
    text = render(offer.text, "en", **offer.args)
    assert "question 3 of 10" in text and "can't be continued" in text


def test_skip_the_rest_ends_at_once_keeping_what_was_given():
    state, facts = at(2, {"heard": AnswerView(rating=8), "focus": AnswerView(rating=3)})
    outcome = flow.reflecting(state, Press("r:3:2:rest"), facts)
    check_outcome(outcome)
    assert shown(outcome).endswith("The way my therapist works suits me \u00b7 skipped")
    assert not [e for e in outcome.effects if isinstance(e, PutAnswer)]  # nothing written
    (finished,) = [e for e in outcome.effects if isinstance(e, FinishReflection)]
    assert finished.complete and finished.serial == 3
    texts = [e.text for e in outcome.effects if isinstance(e, Reply)]
    assert texts[0] == "reflection.thanks" and "reflection.raise_offer" in texts  # the 3


def test_skip_the_rest_is_on_every_question_but_the_last():
    for position, expected in ((0, True), (5, True), (len(ALL) - 1, False)):
        r = ReflectionView(3, ALL, position, date(2026, 11, 24))
        question = flow.ask(r, at(position)[1])
        labels = [plain(b.label, "en", **b.args) for row in question.buttons for b in row]
        assert ("Skip the rest" in labels) is expected, position


def test_the_quick_version_asks_the_four_ratings_and_what_to_bring_up():
    _, facts = at(0)
    facts = facts.having(OpenReflection(None), Goals({4: "Sleep"}), OwnQuestions({2: "Rest?"}))
    outcome = flow.begin(facts, source="prompt", session_date=date(2026, 11, 24), quick=True)
    check_outcome(outcome)
    (started,) = [e for e in outcome.effects if isinstance(e, StartReflection)]
    assert started.questions == (*RATINGS, "bring_up")
    assert started.session_date == date(2026, 11, 24)
    intro = next(e for e in outcome.effects if isinstance(e, Reply))
    assert "5 short questions" in plain(intro.text, "en", **intro.args)


def test_the_last_question_says_kept_once_and_done_ends_it():
    last = len(ALL) - 1
    state, facts = at(last)
    first = flow.reflecting(state, Text("My sister's visit"), facts)
    check_outcome(first)
    assert first.state == state  # more may follow
    (kept,) = [e for e in first.effects if isinstance(e, Reply)]
    assert kept.text == "reflection.noted"
    assert [plain(b.label) for row in kept.buttons for b in row] == ["Done"]
    _, written = at(last, {"bring_up": AnswerView(text="My sister's visit")})
    more = flow.reflecting(state, Text("and work"), written)
    assert [e for e in more.effects if isinstance(e, Reply)] == []  # kept without a word
    (put,) = [e for e in more.effects if isinstance(e, PutAnswer)]
    assert put.text == "My sister's visit\n\nand work"
    done = flow.reflecting(state, Press(f"r:3:{last}:next"), written)
    assert [e for e in done.effects if isinstance(e, FinishReflection)]
