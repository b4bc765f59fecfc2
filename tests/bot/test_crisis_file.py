"""An operator's own crisis file (CRISIS_RESOURCES_FILE): used as it is, with a warning
when it lacks the phrases of a language the bundled file has."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.app import load_crisis_data
from features.safety.crisis import DEFAULT_FILE


def test_an_older_file_with_english_phrases_only_is_used_and_names_what_it_lacks(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    raw = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    raw["phrases"] = raw["phrases"]["en"]  # the older form: one list, English
    path = tmp_path / "crisis.json"
    path.write_text(json.dumps(raw))
    with caplog.at_level(logging.WARNING):
        data = load_crisis_data(path)
    assert data.suggests_danger("I want to die")
    assert not data.suggests_danger("Ich will nicht mehr leben")
    assert "no crisis phrases in de, es, fr, ru" in caplog.text


def test_the_bundled_file_and_a_full_copy_warn_of_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "crisis.json"
    path.write_text(DEFAULT_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_crisis_data(None).suggests_danger("не хочу жить")
        assert load_crisis_data(path).suggests_danger("quiero morirme")
    assert "crisis phrases" not in caplog.text
