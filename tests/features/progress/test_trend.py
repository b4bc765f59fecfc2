"""The arithmetic of "am I getting better?": directions and changes with their thresholds
stated (features/progress/trend.py), on the client's own numbers only."""

from __future__ import annotations

import pytest

from features.progress.trend import (
    SAME_WITHIN,
    STEP,
    Direction,
    direction,
    one_decimal,
    since_start,
    worth_raising,
)


def test_the_thresholds_are_a_point():
    assert STEP == 1.0 and SAME_WITHIN == 1.0


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ((3, 4, 5, 6), Direction.RISING),
        ((5, 5, 6, 6), Direction.RISING),  # the latest two a point above the two before
        ((5, 5, 5, 5), Direction.FLAT),
        ((5, 7, 5, 7), Direction.FLAT),  # up and down again is no direction
        ((6, 6, 6, 5), Direction.FLAT),  # half a point: flat
        ((7, 6, 5, 4), Direction.FALLING),
        ((6, 6, 5, 5), Direction.FALLING),
        ((0, 1, 9, 10, 2, 2, 3, 3), Direction.RISING),  # only the latest four count
    ],
)
def test_the_direction_is_the_latest_two_against_the_two_before(ratings, expected):
    assert direction(ratings) is expected


def test_fewer_than_four_have_no_direction():
    assert direction((3, 4, 5)) is None
    assert worth_raising((3, 3, 3)) is None


def test_level_or_falling_for_four_is_worth_raising_rising_is_not():
    assert worth_raising((5, 5, 5, 5)) is Direction.FLAT
    assert worth_raising((7, 6, 5, 4)) is Direction.FALLING
    assert worth_raising((3, 4, 5, 6)) is None


def test_the_first_three_and_latest_three_compare_only_from_six():
    assert since_start((3, 4, 5, 6, 7)) is None
    change = since_start((3, 4, 5, 6, 7, 8))
    assert change is not None
    assert (change.first, change.latest, change.direction) == (4.0, 7.0, Direction.RISING)
    lower = since_start((7, 7, 7, 6, 6, 6))
    assert lower is not None and lower.direction is Direction.FALLING
    # Two thirds of a point apart: about the same.
    same = since_start((5, 5, 5, 5, 5, 6, 5, 6, 6))
    assert same is not None and same.direction is Direction.FLAT


def test_means_read_as_a_person_writes_them():
    assert one_decimal(6.0) == "6"
    assert one_decimal(13 / 3) == "4.3"
    assert one_decimal(6.96) == "7"
