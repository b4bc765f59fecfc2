"""The reflection as a pure state machine: every step with every kind of event, and the
behaviours a client relies on (answer, skip, back, several messages, resume, stale buttons)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from features import router
from features.common.loaded import Goals, LastSerial, OwnQuestions
from features.common.questions import BUILT_IN, OPEN, RATINGS, questions_for
from features.goals.effects import AddGoal, AddOwnQuestion, RetireGoal, SetQuestionEnabled
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Command,
    Edited,
    Facts,
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
from features.reflection import flow
from features.reflection.effects import (
    AddTopics,
    DeclineTopics,
    FinishReflection,
    MoveTo,
    PutAnswer,
    StartReflection,
)
from features.reflection.flow import walked
from features.reflection.loaded import AnswerView, OpenReflection, RecentRatings, ReflectionView
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

NOW = datetime(2026, 11, 24, 18, 50, tzinfo=UTC)
CLIENT = Client(time_zone="Europe/Berlin")
FACTS = facts_of(CLIENT, NOW)
ALL = (*RATINGS, *OPEN)


def reflecting_at(position: int, answers=None, serial: int = 3, **facts) -> tuple[State, Facts]:
    r = ReflectionView(serial, ALL, position, date(2026, 11, 24), answers or {})
    extra = {"goals": Goals, "own_questions": OwnQuestions, "recent_ratings": RecentRatings}
    loaded = [extra[key](value) for key, value in facts.items()]
    return State(Step.REFLECTING, {"serial": serial}), FACTS.having(
        OpenReflection(r), LastSerial(serial), *loaded
    )


def press(position: int, action: str, serial: int = 3) -> Press:
    return Press(f"r:{serial}:{position}:{action}")


def of(outcome: Outcome, kind: type) -> list:
    return [e for e in outcome.effects if isinstance(e, kind)]


def replies(outcome: Outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply | Toast)]


# Every state, every event: an answer, known texts, valid buttons, no exception.

STATES = [
    (State(), FACTS),
    reflecting_at(0),
    reflecting_at(4),
    reflecting_at(len(ALL) - 1, {"heard": AnswerView(rating=2)}),
    (State(Step.OFFER_RESUME, {"serial": 3}), reflecting_at(2)[1]),
    (State(Step.OFFER_RAISE, {"serial": 3, "ratings": [["heard", 2]]}), FACTS),
    (State(Step.GOAL_NEW), FACTS.having(Goals({7: "Sleep better"}))),
    (State(Step.GOAL_EDIT, {"goal_id": 7}), FACTS.having(Goals({7: "Sleep better"}))),
    (State(Step.OWN_QUESTION_NEW), FACTS),
    (State(Step.REFLECTING, {"serial": 99}), FACTS),  # its reflection was closed elsewhere
    (State(Step.CONFIRM_DELETE), FACTS),
]
EVENTS = [
    Text("It helped to talk about my sister."),
    Text("7"),
    Text("11"),
    Text(""),
    Text("x" * 5000),
    Text("<b>bold & brave</b>"),
    Command("reflect"),
    Command("goals"),
    Command("questions"),
    Command("cancel"),
    Command("help"),
    Command("start"),
    Command("nonsense"),
    Press("r:3:0:7"),
    Press("r:3:4:next"),
    Press("r:3:4:skip"),
    Press("r:3:4:back"),
    Press("r:3:4:clear"),
    Press("r:3:0:back"),
    Press("r:2:0:7"),
    Press("r:3:9:11"),
    Press("r:x:y:z"),
    Press("rs:3:go"),
    Press("rs:3:new"),
    Press("rs:2:go"),
    Press("rr:3:add"),
    Press("rr:3:no"),
    Press("g:add"),
    Press("g:edit"),
    Press("g:edit:7"),
    Press("g:retire:7"),
    Press("g:retire:8"),
    Press("qs:t:heard"),
    Press("qs:t:nonsense"),
    Press("qs:r:1"),
    Press("qs:add"),
    Press("del:yes"),
    Press("del:no"),
    Command("delete"),
    Command("privacy"),
    Command("urgent"),
    Press(""),
    NonText("voice"),
    NonText("photo"),
    Edited(),
]


@pytest.mark.parametrize("state_facts", STATES, ids=lambda sf: f"{sf[0].step}")
@pytest.mark.parametrize("event", EVENTS, ids=repr)
def test_every_step_answers_every_event(state_facts, event):
    state, facts = state_facts
    outcome = router.step(state, event, facts)
    assert outcome.effects, "the client always hears back"
    check_outcome(outcome)
    if outcome.state.step is Step.REFLECTING:
        assert outcome.state.data["serial"] >= 1


# Starting, answering, skipping, going back.


def test_reflect_starts_with_the_ratings_then_the_open_questions():
    outcome = router.step(State(), Command("reflect"), FACTS)
    (started,) = of(outcome, StartReflection)
    assert started.serial == 1
    assert started.questions == ALL
    assert started.session_date == date(2026, 11, 24)  # Berlin's date
    assert replies(outcome) == ["reflection.intro", "reflection.rating"]
    question = outcome.effects[-1]
    assert "Question 1 of 10" in render(question.text, **question.args)
    labels = [plain(b.label, **b.args) for row in question.buttons for b in row]
    # No Back on the first question; "Skip the rest" on every question but the last.
    assert labels == [*map(str, range(11)), "Skip", "Skip the rest"]
    assert outcome.state == State(Step.REFLECTING, {"serial": 1, "position": 0})


def test_goals_get_their_own_rating_and_are_named_in_the_progress_question():
    facts = FACTS.having(Goals({4: "Feel calmer at work", 9: "Call my father"}))
    keys = questions_for(facts)
    assert keys[4:6] == ("goal:4", "goal:9")
    assert keys.index("progress") == 6
    r = ReflectionView(1, keys, 6, date(2026, 11, 24))
    state = State(Step.REFLECTING, {"serial": 1})
    question = router.step(state, Edited(), facts.having(OpenReflection(r))).effects[-1]
    text = render(question.text, **question.args)
    assert "Question 7 of 12" in text
    assert "Feel calmer at work" in text and "Call my father" in text


def test_each_rating_question_says_what_its_0_and_10_mean():
    facts = FACTS.having(Goals({4: "Feel calmer at work"}))
    keys = questions_for(facts)
    state = State(Step.REFLECTING, {"serial": 1})

    def shown(position: int) -> str:
        r = ReflectionView(1, keys, position, date(2026, 11, 24))
        question = router.step(state, Edited(), facts.having(OpenReflection(r))).effects[-1]
        return plain(question.text, **question.args)

    statement, goal, written = shown(0), shown(4), shown(5)
    assert "How true was this? 0 is not at all" in statement
    assert "How true" not in goal and "0 is no progress at all, 10 is a lot" in goal
    assert "How true" not in written and "0 is" not in written
    assert "today" not in plain("question.overall")  # the scale says "today" once


def test_turned_off_questions_are_not_asked_and_progress_off_drops_goal_ratings():
    client = replace(CLIENT, disabled_questions=frozenset({"approach", "progress"}))
    facts = replace(FACTS, client=client)
    facts = facts.having(Goals({4: "Sleep"}), OwnQuestions({2: "Did I cry?"}))
    assert questions_for(facts) == (
        "heard", "focus", "overall", "obstacles", "helpful", "not_helpful", "felt_right",
        "bring_up", "own:2",
    )  # fmt: skip


def test_a_rating_is_stored_and_the_next_question_asked():
    state, facts = reflecting_at(0)
    outcome = router.step(state, press(0, "8"), facts)
    assert of(outcome, PutAnswer) == [PutAnswer(3, "heard", rating=8)]
    # The place moves on in the state; the reflection's row is told only on leaving.
    assert outcome.state == State(Step.REFLECTING, {"serial": 3, "position": 1})
    assert not of(outcome, MoveTo)
    assert replies(outcome) == ["toast.rated", "reflection.rating"]


def test_a_typed_number_counts_as_a_rating():
    state, facts = reflecting_at(0)
    assert of(router.step(state, Text(" 7 "), facts), PutAnswer) == [PutAnswer(3, "heard", 7)]


def test_a_comment_on_a_rating_question_is_kept_not_dropped():
    state, facts = reflecting_at(0)
    outcome = router.step(state, Text("hard to say"), facts)
    assert of(outcome, PutAnswer) == [PutAnswer(3, "heard", text="hard to say")]
    assert outcome.state == state
    _, rated = reflecting_at(0, {"heard": AnswerView(rating=4)})
    again = router.step(state, Text("still hard"), rated)
    assert of(again, PutAnswer) == [PutAnswer(3, "heard", 4, "still hard")]


def test_a_text_answer_moves_on_and_back_adds_to_it():
    state, facts = reflecting_at(6)  # "helpful"
    first = router.step(state, Text("The breathing exercise."), facts)
    assert of(first, PutAnswer) == [PutAnswer(3, "helpful", text="The breathing exercise.")]
    # Written is answered: the next question follows, saying the answer was kept.
    assert first.state == State(Step.REFLECTING, {"serial": 3, "position": 7})
    assert replies(first) == ["reflection.kept_then"]
    # Back to it, and more written: joined with what was there.
    _, with_text = reflecting_at(6, {"helpful": AnswerView(text="The breathing exercise.")})
    second = router.step(state, Text("And being listened to."), with_text)
    joined = "The breathing exercise.\n\nAnd being listened to."
    assert of(second, PutAnswer) == [PutAnswer(3, "helpful", text=joined)]
    assert second.state == State(Step.REFLECTING, {"serial": 3, "position": 7})
    moved = router.step(state, press(6, "next"), with_text)
    assert moved.state == State(Step.REFLECTING, {"serial": 3, "position": 7})
    assert not of(moved, PutAnswer)


def test_next_without_text_is_a_skip_and_skip_keeps_what_was_written():
    state, facts = reflecting_at(6)
    assert of(router.step(state, press(6, "next"), facts), PutAnswer) == [
        PutAnswer(3, "helpful", skipped=True)
    ]
    _, written = reflecting_at(6, {"helpful": AnswerView(text="something")})
    skipped = router.step(state, press(6, "skip"), written)
    assert of(skipped, PutAnswer) == [PutAnswer(3, "helpful", text="something")]
    _, rated = reflecting_at(1, {"focus": AnswerView(rating=5)})
    kept = router.step(state, press(1, "skip"), rated)
    assert of(kept, PutAnswer) == [PutAnswer(3, "focus", rating=5)]


def test_back_shows_the_earlier_answer_and_changing_it_replaces_the_rating():
    state, facts = reflecting_at(2, {"focus": AnswerView(rating=6)})
    back = router.step(state, press(2, "back"), facts)
    assert back.state == State(Step.REFLECTING, {"serial": 3, "position": 1})
    assert not of(back, MoveTo)
    shown = [e for e in back.effects if isinstance(e, Reply)][-1]
    assert "Your answer so far: <b>6</b>" in render(shown.text, **shown.args)
    _, at_focus = reflecting_at(1, {"focus": AnswerView(rating=6)})
    again = router.step(state, press(1, "9"), at_focus)
    assert of(again, PutAnswer) == [PutAnswer(3, "focus", rating=9)]


def test_back_on_the_first_question_does_nothing():
    state, facts = reflecting_at(0)
    outcome = router.step(state, press(0, "back"), facts)
    assert replies(outcome) == ["toast.stale_button"] and outcome.state == state


def test_clear_forgets_a_text_answer_to_write_it_afresh():
    state, facts = reflecting_at(6, {"helpful": AnswerView(text="oops", danger=True)})
    outcome = router.step(state, press(6, "clear"), facts)
    assert of(outcome, PutAnswer) == [PutAnswer(3, "helpful")]
    assert outcome.state == state


# Stale and doubled presses.


def test_a_double_press_records_one_answer():
    state, facts = reflecting_at(0)
    first = router.step(state, press(0, "8"), facts)
    _, after = reflecting_at(1, {"heard": AnswerView(rating=8)})
    second = router.step(first.state, press(0, "8"), after)
    assert of(second, PutAnswer) == [] and of(second, MoveTo) == []
    assert replies(second) == ["toast.moved_on"]


def test_a_button_from_last_weeks_reflection_changes_nothing():
    state, facts = reflecting_at(0)
    outcome = router.step(state, Press("r:2:0:3"), facts)
    assert replies(outcome) == ["toast.old_reflection"]
    assert outcome.state == state
    assert not [e for e in outcome.effects if not isinstance(e, Toast)]


def test_a_reflection_button_when_not_reflecting_changes_nothing():
    outcome = router.step(State(), Press("r:3:0:8"), FACTS)
    assert replies(outcome) == ["toast.stale_button"]


# Leaving and resuming.


def test_cancel_pauses_and_reflect_offers_to_resume_then_continues():
    state, facts = reflecting_at(4, {"heard": AnswerView(rating=7)})
    paused = router.step(state, Command("cancel"), facts)
    assert paused.state == State() and replies(paused) == ["reflection.paused"]
    assert not of(paused, FinishReflection)
    offer = router.step(State(), Command("reflect"), facts)
    assert offer.state == State(Step.OFFER_RESUME, {"serial": 3})
    text = render(offer.effects[0].text, **offer.effects[0].args)
    assert "question 5 of 10" in text and "Tuesday 24 November" in text
    resumed = router.step(offer.state, Press("rs:3:go"), facts)
    assert resumed.state == State(Step.REFLECTING, {"serial": 3, "position": 4})
    assert "Question 5 of 10" in render(resumed.effects[0].text, **resumed.effects[0].args)


def test_starting_anew_closes_the_unfinished_one_and_keeps_its_answers():
    _, facts = reflecting_at(4)
    outcome = router.step(State(Step.OFFER_RESUME, {"serial": 3}), Press("rs:3:new"), facts)
    assert of(outcome, FinishReflection) == [FinishReflection(3, complete=False)]
    (started,) = of(outcome, StartReflection)
    assert started.serial == 4


def test_reflect_in_the_middle_of_a_reflection_offers_to_resume():
    state, facts = reflecting_at(2)
    outcome = router.step(state, Command("reflect"), facts)
    assert outcome.state.step is Step.OFFER_RESUME


def test_pressing_the_unfinished_reflections_own_button_continues_it():
    _, facts = reflecting_at(2)
    outcome = router.step(State(Step.OFFER_RESUME, {"serial": 3}), press(2, "6"), facts)
    assert of(outcome, PutAnswer) == [PutAnswer(3, "approach", rating=6)]
    assert outcome.state == State(Step.REFLECTING, {"serial": 3, "position": 3})


def test_an_offer_lapses_when_the_client_does_something_else():
    _, facts = reflecting_at(2)
    outcome = router.step(State(Step.OFFER_RESUME, {"serial": 3}), Text("hello"), facts)
    # Answered as if idle: words written outside a question are offered for the note.
    assert outcome.state.step is Step.OFFER_MEMO and replies(outcome) == ["memo.offer"]


def test_non_text_during_a_reflection_gets_a_kind_reply_and_changes_nothing():
    state, facts = reflecting_at(6)
    outcome = router.step(state, NonText("voice"), facts)
    assert replies(outcome) == ["reflection.only_text"] and outcome.state == state


def test_another_command_pauses_the_reflection_and_says_so():
    state, facts = reflecting_at(6)
    outcome = router.step(state, Command("goals"), facts)
    assert outcome.state.step is Step.GOALS_MENU  # the reflection left for the goals menu
    assert replies(outcome)[0] == "reflection.paused_for_command"


# Finishing: thanks, and low ratings.


def finish(answers: dict[str, AnswerView], recent=None) -> Outcome:
    last = len(ALL) - 1
    state, facts = reflecting_at(last, answers, recent_ratings=recent or {})
    return router.step(state, press(last, "skip"), facts)


def test_the_thank_you_reflects_back_one_thing_the_client_wrote():
    outcome = finish({"helpful": AnswerView(text="Naming the <anger> I felt")})
    assert of(outcome, FinishReflection) == [FinishReflection(3, complete=True, position=9)]
    thanks = next(e for e in outcome.effects if isinstance(e, Reply))
    text = render(thanks.text, **thanks.args)
    assert "Naming the &lt;anger&gt; I felt" in text  # echoed, escaped
    assert outcome.state == State()


def rendered(outcome: Outcome) -> list[str]:
    return [plain(e.text, **e.args) for e in outcome.effects if isinstance(e, Reply)]


def test_the_thank_you_quotes_real_words_not_an_emoji_or_a_word_or_two():
    outcome = finish(
        {
            "helpful": AnswerView(text="\U0001f642"),
            "bring_up": AnswerView(text="ok fine"),
            "felt_right": AnswerView(text="I left feeling small"),
        }
    )
    thanks = rendered(outcome)[0]
    assert "\u201cI left feeling small\u201d" in thanks and "\U0001f642" not in thanks
    preferred = finish(
        {
            "felt_right": AnswerView(text="I left feeling small"),
            "bring_up": AnswerView(text="How to say no to my mother"),
        }
    )
    assert "bring up next time: \u201cHow to say no to my mother\u201d" in rendered(preferred)[0]


def test_what_helped_saying_nothing_did_is_not_quoted_as_what_helped():
    outcome = finish(
        {
            "helpful": AnswerView(text="Nothing really helped this week"),
            "bring_up": AnswerView(text="That I felt rushed at the end"),
        }
    )
    thanks = rendered(outcome)[0]
    assert "Nothing really helped" not in thanks
    assert "\u201cThat I felt rushed at the end\u201d" in thanks
    short = finish({"helpful": AnswerView(text="Not much, honestly.")})
    assert "Not much" not in rendered(short)[0]


@pytest.mark.parametrize(
    "nothing",
    ["Nichts, ehrlich gesagt, es war zäh", "Nicht viel, wir haben nur geredet",
     "Nada en especial esta semana, la verdad", "¡Nada! fue una sesión difícil",
     "Rien de spécial cette fois, vraiment", "Pas grand-chose, on a surtout parlé",
     "Ничего особенного на этот раз, честно", "Не особо, мы просто разговаривали"],
)  # fmt: skip
def test_what_helped_saying_nothing_did_in_another_language_is_not_quoted(nothing):
    outcome = finish({"helpful": AnswerView(text=nothing)})
    assert nothing[:6] not in rendered(outcome)[0]


def test_what_helped_in_another_language_is_quoted_back():
    outcome = finish({"helpful": AnswerView(text="Dass sie mir wirklich zugehört hat")})
    assert "\u201cDass sie mir wirklich zugehört hat\u201d" in rendered(outcome)[0]


def test_a_reflection_with_nothing_given_thanks_for_nothing_kept():
    outcome = finish({"heard": AnswerView(skipped=True)})
    assert rendered(outcome)[0].startswith("Nothing kept this time, and that's fine.")
    assert "Everything you wrote" not in rendered(outcome)[0]


def test_the_last_written_question_says_no_next_question_follows():
    r = ReflectionView(3, ALL, len(ALL) - 1, date(2026, 11, 24))
    _, facts = reflecting_at(len(ALL) - 1, {})
    asked = plain(flow.ask(r, facts).text, "en", **flow.ask(r, facts).args)
    assert "Write your answer in a message, as long as you like." in asked
    assert "next question" not in asked


def test_words_of_danger_are_never_quoted_back():
    outcome = finish({"felt_right": AnswerView(text="words that were flagged", danger=True)})
    assert all("flagged" not in said for said in rendered(outcome))


def test_a_hard_session_is_acknowledged_before_the_thanks():
    outcome = finish({"overall": AnswerView(rating=2), "heard": AnswerView(rating=7)})
    thanks = rendered(outcome)[0]
    assert thanks.startswith("That sounds like it was a hard session")
    middling = finish({"overall": AnswerView(rating=6), "heard": AnswerView(rating=1)})
    assert rendered(middling)[0].startswith("Thank you")
    without_overall = finish({"heard": AnswerView(rating=3), "focus": AnswerView(rating=4)})
    assert rendered(without_overall)[0].startswith("That sounds like")


def test_good_ratings_bring_no_raise_offer():
    outcome = finish({k: AnswerView(rating=8) for k in RATINGS}, recent={"heard": (9, 8)})
    assert outcome.state == State() and "reflection.raise_offer" not in replies(outcome)


def test_first_ratings_are_a_starting_point_and_a_middling_one_is_not_raised():
    outcome = finish({"heard": AnswerView(rating=5), "focus": AnswerView(rating=9)})
    assert outcome.state == State()
    (thanks,) = rendered(outcome)
    assert "first ratings" in thanks and "starting point" in thanks
    assert "lower" not in thanks


def test_a_new_goal_among_rated_questions_is_named_as_a_first_rating():
    last = len(ALL) - 1
    r = ReflectionView(3, (*ALL, "goal:7"), last, date(2026, 11, 24), {})
    answers = {"heard": AnswerView(rating=8), "goal:7": AnswerView(rating=1)}
    facts = FACTS.having(
        OpenReflection(replace(r, answers=answers, position=len(r.questions) - 1)),
        LastSerial(3),
        Goals({7: "Sleep better"}),
        RecentRatings({"heard": (8, 8)}),
    )
    outcome = router.step(State(Step.REFLECTING, {"serial": 3}), press(last + 1, "skip"), facts)
    # A goal's progress starts low: a first one is a starting point, never raised.
    assert outcome.state == State()
    assert "\u2022 Progress on your goal \u201cSleep better\u201d: 1" in rendered(outcome)[0]


def test_a_low_rating_is_one_rating_gently_offered_for_the_note():
    outcome = finish({"heard": AnswerView(rating=3), "focus": AnswerView(rating=9)})
    assert outcome.state == State(
        Step.OFFER_RAISE, {"serial": 3, "ratings": [["heard", 3, "low", None]]}
    )
    offer = rendered(outcome)[-1]
    assert "One rating stood out today" in offer and "You could say" in offer
    assert "Feeling heard and respected: 3/10." in offer and "usual" not in offer
    added = router.step(outcome.state, Press("rr:3:add"), FACTS)
    assert of(added, AddTopics) == [AddTopics(3, (("heard", 3),))]
    declined = router.step(outcome.state, Press("rr:3:no"), FACTS)
    assert not of(declined, AddTopics) and declined.state == State()
    # "Not now" is kept, so that no note raises the rating anyway.
    assert of(declined, DeclineTopics) == [DeclineTopics(3, (("heard", 3),))]


def test_an_offer_kept_before_it_said_how_still_adds_and_shows_again():
    state = State(Step.OFFER_RAISE, {"serial": 3, "ratings": [["heard", 5]]})
    added = router.step(state, Press("rr:3:add"), FACTS)
    assert of(added, AddTopics) == [AddTopics(3, (("heard", 5),))]


def test_lower_than_usual_only_against_three_earlier_sessions():
    usual = finish({"approach": AnswerView(rating=6)}, recent={"approach": (8, 9, 8)})
    assert usual.state.data["ratings"] == [["approach", 6, "usual", 8]]
    assert (
        "How well your therapist's way of working suits you: 6/10, lower than your usual 8."
        in rendered(usual)[-1]
    )
    # Two earlier sessions: no "usual" yet, but down from last time is true.
    last = finish({"approach": AnswerView(rating=6)}, recent={"approach": (8, 9)})
    assert "6/10, down from 8 last time" in rendered(last)[-1]
    assert "usual" not in rendered(last)[-1]
    steady = finish({"approach": AnswerView(rating=8)}, recent={"approach": (9, 9, 9)})
    assert steady.state == State()


def test_several_ratings_that_stood_out_are_not_one():
    outcome = finish({"heard": AnswerView(rating=2), "focus": AnswerView(rating=3)})
    assert "Some of today's ratings stood out" in rendered(outcome)[-1]


def test_a_rise_is_noticed_warmly_and_never_called_lower():
    outcome = finish({"heard": AnswerView(rating=5)}, recent={"heard": (3, 8, 8)})
    assert outcome.state == State()
    (thanks,) = rendered(outcome)
    assert "Feeling heard and respected: 5, up from 3" in thanks and "lower" not in thanks
    small = finish({"heard": AnswerView(rating=6)}, recent={"heard": (5,)})
    assert "up from" not in rendered(small)[0]


# /goals and /questions


def test_goals_can_be_added_reworded_and_set_aside():
    shown = router.step(State(), Command("goals"), FACTS)
    assert replies(shown) == ["goals.none"]
    asking = router.step(State(), Press("g:add"), FACTS)
    assert asking.state == State(Step.GOAL_NEW)
    added = router.step(asking.state, Text("  Sleep better  "), FACTS)
    assert of(added, AddGoal) == [AddGoal("Sleep better")]
    facts = FACTS.having(Goals({7: "Sleep better"}))
    picking = router.step(State(), Press("g:edit:7"), facts)
    assert picking.state == State(Step.GOAL_EDIT, {"goal_id": 7})
    retired = router.step(State(), Press("g:retire:7"), facts)
    assert of(retired, RetireGoal) == [RetireGoal(7)]


def test_a_forged_goal_id_does_nothing():
    facts = FACTS.having(Goals({7: "Mine"}))
    for data in ("g:retire:8", "g:edit:8", "g:retire:x"):
        outcome = router.step(State(), Press(data), facts)
        assert replies(outcome) == ["toast.stale_button"] and not of(outcome, RetireGoal)


def test_questions_toggle_in_place_and_own_questions_can_be_added():
    outcome = router.step(State(), Press("qs:t:approach"), FACTS)
    assert of(outcome, SetQuestionEnabled) == [SetQuestionEnabled("approach", False)]
    (redraw,) = of(outcome, Redraw)
    labels = [plain(b.label, **b.args) for row in redraw.reply.buttons for b in row]
    assert labels[BUILT_IN.index("approach")].startswith("\u2b1c")
    assert labels[BUILT_IN.index("heard")].startswith("\u2705")
    asking = router.step(State(), Press("qs:add"), FACTS)
    added = router.step(asking.state, Text("Did I say what I meant?"), FACTS)
    assert of(added, AddOwnQuestion) == [AddOwnQuestion("Did I say what I meant?")]


def test_only_the_yes_button_erases():
    from features.privacy.effects import EraseClient

    confirming = State(Step.CONFIRM_DELETE)
    assert of(router.step(confirming, Press("del:yes"), FACTS), EraseClient) == [EraseClient()]
    for event in (Text("yes"), Press("del:no"), Command("cancel"), Press("r:3:0:1")):
        assert not of(router.step(confirming, event, FACTS), EraseClient)
    assert not of(router.step(State(), Press("del:yes"), FACTS), EraseClient)  # a stale button


def test_with_every_question_off_reflect_explains_instead_of_starting():
    client = replace(CLIENT, disabled_questions=frozenset(BUILT_IN))
    outcome = router.step(State(), Command("reflect"), replace(FACTS, client=client))
    assert replies(outcome) == ["reflection.no_questions"] and not of(outcome, StartReflection)


# The place in a reflection: held by the state while walking, kept on the row on leaving.


def walking_at(position: int, row_position: int = 0) -> tuple[State, Facts]:
    """Walking the reflection at `position`, its row still at `row_position`."""
    _, facts = reflecting_at(row_position)
    state = State(Step.REFLECTING, {"serial": 3, "position": position})
    # The reflection's loader places the client where their state says.
    return state, facts.having(OpenReflection(walked(state, facts[OpenReflection].view)))


def test_the_question_asked_again_is_the_one_the_state_holds():
    state, facts = walking_at(5)
    outcome = router.step(state, Command("help"), facts)
    asked = [e for e in outcome.effects if isinstance(e, Reply)][-1]
    assert asked.args["n"] == "6" and outcome.state == state
    assert not of(outcome, MoveTo)


def test_leaving_for_another_command_keeps_the_place_on_the_row():
    state, facts = walking_at(5)
    outcome = router.step(state, Command("goals"), facts)
    assert outcome.effects[0] == MoveTo(3, 5)
    for leaving in (Command("cancel"), Command("reflect"), press(5, "pause")):
        assert of(router.step(state, leaving, facts), MoveTo) == [MoveTo(3, 5)]
    offer = router.step(state, Command("reflect"), facts)
    resume = next(e for e in offer.effects if isinstance(e, Reply))
    assert "question 6 of 10" in render(resume.text, **resume.args)


def test_no_place_is_kept_while_walking_on_nor_for_a_finished_or_older_state():
    state, facts = walking_at(5)
    assert not of(router.step(state, press(5, "skip"), facts), MoveTo)
    last = len(ALL) - 1
    at_last, facts_at_last = walking_at(last)
    finished = router.step(at_last, press(last, "skip"), facts_at_last)
    assert not of(finished, MoveTo) and of(finished, FinishReflection)
    older, older_facts = reflecting_at(5)  # a state kept before it held the place
    assert not of(router.step(older, Command("goals"), older_facts), MoveTo)
