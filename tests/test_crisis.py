"""Crisis resources: shown at once when words suggest danger; the conversation goes on."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot import flow
from bot.crisis import load
from bot.flow.core import (
    AddText,
    Client,
    Command,
    Facts,
    ReflectionView,
    Reply,
    State,
    Step,
    Text,
)
from bot.texts import render

CRISIS = load()
BERLIN = Facts(
    Client(time_zone="Europe/Berlin"), datetime(2026, 11, 24, 18, tzinfo=UTC), crisis=CRISIS
)


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
    outcome = flow.step(State(), Text(words), BERLIN)
    first = outcome.effects[0]
    assert isinstance(first, Reply) and first.text == "crisis"
    text = render(first.text, **first.args)
    assert "call 112 now" in text and "TelefonSeelsorge" in text


@pytest.mark.parametrize(
    "words", ["It went fine", "we had an emergency meeting at work", "I killed it at my talk"]
)
def test_ordinary_words_bring_no_alarm(words):
    outcome = flow.step(State(), Text(words), BERLIN)
    assert all(not (isinstance(e, Reply) and e.text == "crisis") for e in outcome.effects)


def test_the_reflection_goes_on_and_keeps_the_answer():
    reflection = ReflectionView(1, ("helpful",), 0, date(2026, 11, 24))
    facts = replace(BERLIN, reflection=reflection, last_serial=1)
    outcome = flow.step(State(Step.REFLECTING, {"serial": 1}), Text("I want to die"), facts)
    assert outcome.effects[0].text == "crisis"
    assert AddText(1, "helpful", "I want to die") in outcome.effects  # nothing lost
    assert outcome.state == State(Step.REFLECTING, {"serial": 1})


def test_urgent_shows_the_resources_for_the_clients_country():
    outcome = flow.step(
        State(), Command("urgent"), replace(BERLIN, client=Client("America/Chicago"))
    )
    text = render(outcome.effects[0].text, **outcome.effects[0].args)
    assert "call 911 now" in text and "988" in text


def test_an_unknown_country_gets_the_international_default():
    outcome = flow.step(State(), Command("urgent"), replace(BERLIN, client=Client("UTC")))
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
