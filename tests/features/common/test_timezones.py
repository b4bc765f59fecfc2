"""What a client may type for their time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from features.common.timezones import find_zone, is_known_zone, local_time, zone_for


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("  Zürich ", "Europe/Zurich"),
        ("New York", "America/New_York"),
        ("new_york", "America/New_York"),
        ("Kiev", "Europe/Kyiv"),
        ("Germany", "Europe/Berlin"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Lord Howe", "Australia/Lord_Howe"),
        ("UTC", "UTC"),
        ("UTC+2", "UTC+02:00"),
        ("utc +02:00", "UTC+02:00"),
        ("GMT-3", "UTC-03:00"),
        ("+05:30", "UTC+05:30"),
        ("UTC\u22125", "UTC-05:00"),
        ("UTC+0", "UTC"),
        ("Ber\u200blin", "Europe/Berlin"),
    ],
)
def test_a_place_or_offset_finds_its_zone(typed, zone):
    assert find_zone(typed).zone == zone


@pytest.mark.parametrize(
    "typed",
    ["Mars/Olympus", "", "   ", "UTC+15", "UTC+5:17", "x" * 10_000, "'; DROP TABLE users;--"],
)
def test_nonsense_finds_nothing(typed):
    match = find_zone(typed)
    assert match.zone is None


def test_a_country_with_several_zones_offers_a_choice():
    assert find_zone("USA").suggestions == (
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
    )


def test_a_typo_is_suggested_not_guessed():
    match = find_zone("Londn")
    assert match.zone is None
    assert match.suggestions == ("Europe/London",)


def test_fixed_offsets_and_iana_names_become_clocks():
    noon = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert local_time("UTC+05:30", noon).hour == 17
    assert local_time("Europe/Berlin", noon).hour == 14  # summer time
    assert zone_for("UTC-03:00").utcoffset(None) == timedelta(hours=-3)


def test_only_real_zones_are_known():
    assert is_known_zone("Europe/Berlin")
    assert is_known_zone("UTC+02:00")
    assert not is_known_zone("Mars/Olympus")
    assert not is_known_zone("../../etc/passwd")
