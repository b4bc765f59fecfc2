"""The chart's time axis: sessions in order, two reflections on one session's date two
points, and a single date a span of days (matplotlib alone widens it to years)."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image

from features.common.chart import positions, render_png

SERIES = [("Felt heard", [7, 5], False), ("My goal", [3, 4], True)]


def axis(png: bytes) -> str:
    described = Image.open(io.BytesIO(png)).info["Description"]
    assert isinstance(described, str)
    return described


def test_two_reflections_on_one_date_are_two_points_on_an_axis_of_days():
    day = date(2026, 11, 26)
    first, second = positions([day, day])
    assert first < second and first.date() <= day <= second.date()
    assert axis(render_png([day, day], SERIES, "Ratings")) == (
        "2 points; x axis 2026-11-23 to 2026-11-28"
    )


def test_the_axis_spans_the_sessions_with_a_little_room():
    png = render_png([date(2026, 11, 17), date(2026, 11, 24)], SERIES, "Ratings")
    assert axis(png) == "2 points; x axis 2026-11-15 to 2026-11-26"
