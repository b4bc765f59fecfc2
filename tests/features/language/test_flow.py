"""/language: the languages whose catalogue is complete, each by its own name; a choice is
stored and confirmed in the new language; the client's step goes on. The languages here
are test-only catalogues (tests/support/catalogues.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from features import router
from features.kernel.texts import plain, render
from features.kernel.vocabulary import Client, Command, Press, Redraw, Reply, State, Step, Toast
from features.language.effects import SetLanguage
from tests.support.catalogues import catalogues_from, write_pseudo
from tests.support.facts import facts_of

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)
ASKING = State(Step.ASK_TIME_ZONE, {"purpose": "onboarding"})


def _facts(language: str = "en"):
    return facts_of(Client(time_zone="Europe/Berlin", language=language), NOW)


@pytest.fixture
def german_and_russian(tmp_path: Path):
    write_pseudo(tmp_path, "de")
    write_pseudo(tmp_path, "ru")
    with catalogues_from(tmp_path):
        yield


def test_with_english_alone_language_says_so_and_offers_nothing(tmp_path: Path):
    # No catalogue beside English (whichever languages ship).
    with catalogues_from(tmp_path):
        outcome = router.step(State(), Command("language"), _facts())
    [reply] = outcome.effects
    assert isinstance(reply, Reply)
    assert plain(reply.text) == "For now I can only speak English."
    assert reply.buttons == ()


def test_language_offers_each_complete_language_by_its_own_name(german_and_russian):
    outcome = router.step(State(), Command("language"), _facts("de"))
    [reply] = outcome.effects
    assert isinstance(reply, Reply)
    labels = [plain(b.label, "de", **b.args) for row in reply.buttons for b in row]
    assert labels == ["[de] English", "[de] \u2705 Deutsch", "[de] Русский"]
    assert [b.data for row in reply.buttons for b in row] == ["lang:en", "lang:de", "lang:ru"]


def test_choosing_a_language_stores_it_and_confirms_in_it(german_and_russian):
    outcome = router.step(State(), Press("lang:ru"), _facts("de"))
    change, redraw = outcome.effects
    assert change == SetLanguage("ru")
    assert isinstance(redraw, Redraw)
    confirmation = redraw.reply
    assert render(confirmation.text, "ru", **confirmation.args) == (
        "[ru] From now on I'll speak Русский with you."
    )


def test_language_mid_question_asks_the_question_again_and_keeps_the_step(
    german_and_russian,
):
    outcome = router.step(ASKING, Command("language"), _facts())
    assert outcome.state == ASKING
    choose, *again = outcome.effects
    assert isinstance(choose, Reply) and choose.text == "language.choose"
    assert again, "the open question follows"
    chosen = router.step(ASKING, Press("lang:de"), _facts())
    assert chosen.state == ASKING


def test_a_language_no_longer_offered_changes_nothing(german_and_russian):
    outcome = router.step(State(), Press("lang:fr"), _facts())
    assert outcome.effects == (Toast("language.unavailable"),)
