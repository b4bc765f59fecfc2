"""Crisis resources: shown at once when words suggest danger; the conversation goes on."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from features import router
from features.common.loaded import LastSerial
from features.kernel.texts import render
from features.kernel.vocabulary import (
    Arg,
    Client,
    Command,
    Edited,
    NonText,
    Press,
    Ref,
    Reply,
    State,
    Step,
    Text,
)
from features.reflection.effects import FinishReflection, PutAnswer, ShareDanger
from features.reflection.loaded import AnswerView, OpenReflection, RecentRatings, ReflectionView
from features.safety.crisis import load
from features.safety.loaded import SafetyPlan
from tests.support.facts import facts_of

CRISIS = load()
BERLIN = facts_of(Client(time_zone="Europe/Berlin"), datetime(2026, 11, 24, 18, tzinfo=UTC), CRISIS)


@pytest.mark.parametrize(
    "words",
    [
        "I want to die",
        "Sometimes I feel SUICIDAL",
        "I don\u2019t want to live anymore",
        "thinking about self-harm again",
        "I need help now",
        "I'm in danger",
    ],
)
def test_words_that_suggest_danger_bring_resources_first(words):
    outcome = router.step(State(), Text(words), BERLIN)
    first = outcome.effects[0]
    assert isinstance(first, Reply) and first.text == "crisis"
    text = render(first.text, **first.args)
    assert "call 112 now" in text and "TelefonSeelsorge" in text


@pytest.mark.parametrize(
    "words", ["It went fine", "we had an emergency meeting at work", "I killed it at my talk"]
)
def test_ordinary_words_bring_no_alarm(words):
    outcome = router.step(State(), Text(words), BERLIN)
    assert all(not (isinstance(e, Reply) and e.text == "crisis") for e in outcome.effects)


@pytest.mark.parametrize(
    ("words", "language"),
    [
        ("Ich will nicht mehr leben", "en"),
        ("Ich will nicht mehr leben", "de"),
        ("quiero morirme", "en"),
        ("je veux mourir", "de"),
        ("не хочу жить", "en"),
        ("I want to die", "ru"),
    ],
)
def test_words_of_danger_in_any_language_bring_help_whatever_the_clients_language(words, language):
    client = Client(time_zone="Europe/Berlin", language=language)
    outcome = router.step(State(), Text(words), replace(BERLIN, client=client))
    first = outcome.effects[0]
    assert isinstance(first, Reply) and first.text == "crisis"
    text = render(first.text, **first.args)
    assert "call 112 now" in text and "TelefonSeelsorge" in text


def _urgent(client: Client) -> str:
    outcome = router.step(State(), Command("urgent"), replace(BERLIN, client=client))
    return render(outcome.effects[0].text, **outcome.effects[0].args)


def test_the_lines_are_named_in_the_clients_language_where_the_data_has_it():
    german = _urgent(Client("Europe/Berlin", language="de"))
    assert "rund um die Uhr, kostenlos" in german and "0800 111 0 111" in german
    assert "Nummer gegen Kummer (Kinder- und Jugendtelefon)" in german
    english = _urgent(Client("Europe/Berlin"))
    assert "(24/7, free)" in english and "Nummer gegen Kummer (for children and teens)" in english
    assert "Die Dargebotene Hand</b>" in _urgent(Client("Europe/Zurich", language="de-CH"))
    french = _urgent(Client("Europe/Zurich", language="fr"))
    assert "La Main Tendue" in french and "call 144 ou 112 now" in french
    russian = _urgent(Client("Europe/Berlin", language="ru", country="RU"))
    assert "Детский телефон доверия" in russian and "8 800 2000 122" in russian
    # A language the data says nothing in: the lines as they are.
    assert "Die Dargebotene Hand / La Main Tendue" in _urgent(Client("Europe/Zurich", "it"))


def _texts(outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply)]


def _labels(reply: Reply) -> list[str]:
    return [render(b.label, **b.args) for row in reply.buttons for b in row]


def test_in_a_reflection_help_comes_first_then_a_choice_not_a_form():
    reflection = ReflectionView(1, ("helpful",), 0, date(2026, 11, 24))
    facts = BERLIN.having(OpenReflection(reflection), LastSerial(1))
    outcome = router.step(State(Step.REFLECTING, {"serial": 1}), Text("I want to die"), facts)
    assert _texts(outcome) == ["crisis", "crisis.choice"]  # no "Kept."
    # The words are kept with the question, flagged so no note holds them unasked.
    assert PutAnswer(1, "helpful", text="I want to die", danger=True) in outcome.effects
    assert _labels(outcome.effects[-1]) == ["Pause here", "Carry on"]
    assert outcome.state.step is Step.REFLECTING and outcome.state.data["serial"] == 1


def test_on_a_rating_question_the_words_are_kept_without_a_form_line():
    reflection = ReflectionView(1, ("heard", "helpful"), 0, date(2026, 11, 24))
    facts = BERLIN.having(OpenReflection(reflection), LastSerial(1))
    outcome = router.step(State(Step.REFLECTING, {"serial": 1}), Text("I can't go on"), facts)
    assert _texts(outcome) == ["crisis", "crisis.choice"]
    assert PutAnswer(1, "heard", text="I can't go on", danger=True) in outcome.effects


def test_carry_on_asks_the_same_question_and_pause_stops_kindly():
    answer = AnswerView(text="I want to die", danger=True)
    reflection = ReflectionView(
        1, ("helpful", "bring_up"), 0, date(2026, 11, 24), {"helpful": answer}
    )
    facts = BERLIN.having(OpenReflection(reflection), LastSerial(1))
    state = State(Step.REFLECTING, {"serial": 1})
    carried = router.step(state, Press("r:1:0:carry"), facts)
    (question,) = carried.effects
    assert question.text == "reflection.text" and question.args["n"] == "1"
    shown = render(question.text, **question.args)
    assert "want to die" not in shown and "What you wrote here is kept" in shown
    paused = router.step(state, Press("r:1:0:pause"), facts)
    assert paused.state.step is Step.IDLE and _texts(paused) == ["crisis.paused"]
    assert not any(isinstance(e, FinishReflection) for e in paused.effects)  # resumable


def test_outside_a_question_help_is_not_followed_by_i_dont_keep():
    outcome = router.step(State(), Text("everyone would be better off without me"), BERLIN)
    assert _texts(outcome) == ["crisis"]


def test_repeated_words_of_danger_get_a_short_caring_line_then_the_full_message_again():
    first = router.step(State(), Text("I want to die"), BERLIN)
    # Something else in between: the moment is remembered whatever the step.
    between = router.step(
        first.state, Command("help"), replace(BERLIN, now=BERLIN.now + timedelta(minutes=5))
    )
    soon = replace(BERLIN, now=BERLIN.now + timedelta(minutes=10))
    second = router.step(between.state, Text("I really can't go on"), soon)
    assert _texts(second) == ["crisis.again"]
    assert "/urgent" in render("crisis.again")
    later = replace(BERLIN, now=BERLIN.now + timedelta(minutes=31))
    third = router.step(second.state, Text("I want to die"), later)
    assert _texts(third) == ["crisis"]
    quiet = router.step(third.state, Text("ok"), replace(later, now=later.now + timedelta(hours=1)))
    assert "_crisis_at" not in quiet.state.data  # forgotten once the window has passed


def test_a_reflection_in_which_danger_was_expressed_ends_gently():
    answers = {
        "heard": AnswerView(rating=2),
        "helpful": AnswerView(text="This homework is killing me lol"),
        "bring_up": AnswerView(text="I want to die", danger=True),
    }
    reflection = ReflectionView(1, ("heard", "helpful", "bring_up"), 2, date(2026, 11, 24), answers)
    facts = BERLIN.having(OpenReflection(reflection), LastSerial(1), RecentRatings({"heard": (8,)}))
    outcome = router.step(State(Step.REFLECTING, {"serial": 1}), Press("r:1:2:next"), facts)
    assert FinishReflection(1, complete=True, position=2) in outcome.effects
    assert _texts(outcome) == ["reflection.thanks_gentle", "reflection.share_offer"]
    said = " ".join(render(e.text, **e.args) for e in outcome.effects if isinstance(e, Reply))
    assert "One thing you noted" not in said and "lower than usual" not in said
    assert "homework" not in said and "/urgent" in said
    assert outcome.state.step is Step.OFFER_SHARE
    assert _labels(outcome.effects[-1]) == ["Yes, add it to my note", "No"]
    yes = router.step(outcome.state, Press("rd:1:yes"), facts)
    assert ShareDanger(1) in yes.effects and yes.state.step is Step.IDLE
    no = router.step(outcome.state, Press("rd:1:no"), facts)
    assert not any(isinstance(e, ShareDanger) for e in no.effects)
    lapsed = router.step(outcome.state, Text("thanks"), facts)
    assert not any(isinstance(e, ShareDanger) for e in lapsed.effects)


def test_the_clients_plan_comes_with_the_crisis_message_and_urgent():
    plan = {"reasons": "My sister, my cat", "contacts": "Anna 0170 1234", "coping": "a walk"}
    facts = BERLIN.having(SafetyPlan(plan))
    for event in (Text("I want to die"), Command("urgent")):
        outcome = router.step(State(), event, facts)
        assert _texts(outcome)[:2] == ["crisis", "safety.in_crisis"]
        shown = render(outcome.effects[1].text, **outcome.effects[1].args)
        assert "My sister, my cat" in shown and "Anna 0170 1234" in shown
        assert "a walk" not in shown and "/safetyplan" in shown


def test_urgent_shows_the_resources_for_the_clients_country():
    outcome = router.step(
        State(), Command("urgent"), replace(BERLIN, client=Client("America/Chicago"))
    )
    text = render(outcome.effects[0].text, **outcome.effects[0].args)
    assert "call 911 now" in text and "988" in text


def test_an_unknown_country_gets_the_international_default():
    outcome = router.step(State(), Command("urgent"), replace(BERLIN, client=Client("UTC")))
    assert "findahelpline.com" in render(outcome.effects[0].text, **outcome.effects[0].args)


def test_an_operators_file_replaces_the_bundled_one(tmp_path: Path):
    own = {
        "default": {"emergency": "999", "helplines": ["Our practice line: 0123"]},
        "phrases": ["help help"],
    }
    path = tmp_path / "crisis.json"
    path.write_text(json.dumps(own))
    data = load(path)
    assert data.suggests_danger("help help!") and not data.suggests_danger("I want to die")
    assert [line.name for line in data.resource_for("Europe/Berlin").helplines] == [
        "Our practice line: 0123"
    ]


def test_a_file_without_a_default_is_refused(tmp_path: Path):
    path = tmp_path / "crisis.json"
    path.write_text(json.dumps({"US": {"emergency": "911", "helplines": []}}))
    with pytest.raises(ValueError):
        load(path)


def test_a_step_waiting_for_a_place_keeps_waiting_without_a_form_line():
    asking = State(Step.ASK_TIME_ZONE, {"purpose": "onboarding"})
    outcome = router.step(asking, Text("I want to die"), BERLIN)
    # Help, and no "I couldn't find that place" after it; the question still waits.
    assert _texts(outcome) == ["crisis"]
    assert outcome.state.step is Step.ASK_TIME_ZONE
    assert router.step(asking, Text("I want to diet"), BERLIN).effects  # ordinary words re-ask


def test_words_of_danger_dont_grow_a_full_answer_past_its_limit():
    full = AnswerView(text="x" * 19_990)
    reflection = ReflectionView(1, ("helpful",), 0, date(2026, 11, 24), {"helpful": full})
    facts = BERLIN.having(OpenReflection(reflection), LastSerial(1))
    outcome = router.step(State(Step.REFLECTING, {"serial": 1}), Text("I want to die"), facts)
    assert _texts(outcome) == ["crisis", "reflection.answer_full", "crisis.choice"]
    assert not any(isinstance(e, PutAnswer) for e in outcome.effects)


@pytest.mark.parametrize(
    "event", [NonText("photo", words="I want to die"), Edited("I want to kill myself")]
)
def test_a_caption_or_an_edit_with_words_of_danger_brings_help_and_nothing_after(event):
    outcome = router.step(State(), event, BERLIN)
    assert _texts(outcome) == ["crisis"]  # not "I can only read text", not "edits aren't read"
    quiet = router.step(State(), NonText("photo", words="a photo of my cat"), BERLIN)
    assert "crisis" not in _texts(quiet)


def test_the_country_and_its_alternatives_are_said_in_the_clients_language():
    """CLDR's name for the country, and "or" between numbers as the language says it."""
    from features.kernel.texts import written

    def screen(client: Client) -> dict[str, Arg]:
        outcome = router.step(State(), Command("urgent"), replace(BERLIN, client=client))
        return dict(outcome.effects[0].args)

    for language, country, name, alternatives in (
        ("de", "DE", "Deutschland", "0800 111 0 111 oder 0800 111 0 222"),
        ("es", "FR", "Francia", "112 o 15"),
        ("fr", "FR", "France", "112 ou 15"),
        ("ru", "DE", "Германия", "0800 111 0 111 или 0800 111 0 222"),
        ("en", "DE", "Germany", "0800 111 0 111 or 0800 111 0 222"),
    ):
        args = screen(Client("Europe/Berlin", language=language, country=country))
        where = args["where"]
        assert isinstance(where, Ref) and where.args["country"] == name
        helplines = args["helplines"]
        assert isinstance(helplines, tuple)
        ways = helplines[0].args["ways"]
        assert isinstance(ways, Ref)
        numbers = (args["emergency"], ways.args["number"])
        said = " ".join(written(arg, language) for arg in numbers)
        assert alternatives in said, (language, said)
