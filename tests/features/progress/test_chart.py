"""/progress's chart (features/progress/chart.py): a PNG that decodes, of the size sent, saying
in its description what it draws; a goal with a `$` in it stays words, not maths."""

from __future__ import annotations

import io
from datetime import date, timedelta

from PIL import Image

from features.progress import chart


def test_the_chart_is_a_png_describing_its_dates_and_lines():
    days = [date(2026, 9, 1) + timedelta(weeks=n) for n in range(5)]
    series: list[tuple[str, list[int | None], bool]] = [
        ("Overall", [4, 5, None, 6, 7], False),
        ("In myself", [3, 4, 5, 5, 6], False),
        ("Save $50 a week", [None, 2, 3, 3, 4], True),
        ("Nothing yet", [None] * 5, True),
    ]
    png = chart.render_png(days, series, "How I've been, and my goals (0 to 10)")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (int(chart.WIDTH * chart.DPI), int(chart.HEIGHT * chart.DPI))
    assert image.info["Description"] == "5 dates, 3 lines; x axis 2026-09-01 to 2026-09-29"
