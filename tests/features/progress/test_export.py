"""/export carries how I've been and the check-ins (features/review/export.py, paper.py):
the CSV a row per rating and per check-in, the JSON both lists, the PDF a section each;
/summary a line of the four under each session."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

from pypdf import PdfReader

from features import router  # noqa: F401  (installs the catalogue)
from features.common.loaded import WeekRatings
from features.kernel.texts import plain
from features.review import export, paper, summary
from features.review.history import Answered, History, Session
from features.review.window import DEFAULT

NOW = datetime(2026, 12, 8, 12, tzinfo=UTC)
TUESDAY = date(2026, 12, 1)
LINE = "marker-77c1: slept badly, then a good walk"


def _data() -> export.Export:
    weeks = [(date(2026, 11, 24), WeekRatings(skipped=True)), (TUESDAY, WeekRatings(6, 5, None, 6))]
    days = [(date(2026, 11, 30), 4, LINE), (date(2026, 12, 2), None, None)]
    return export.Export(
        history=History(()),
        exported_at=NOW,
        time_zone="Europe/Berlin",
        wording={"how_ive_been:overall": "Overall"},
        weeks=[
            {
                "session_date": day.isoformat(),
                "myself": w.myself,
                "close": w.close,
                "daily": w.daily,
                "overall": w.overall,
                "skipped": w.skipped,
                "asked": "note",
            }
            for day, w in weeks
        ],
        # As handlers/media.py words them (the check-in's own tests cover that).
        checkins=[
            {
                "day": d.isoformat(),
                "face": face,
                "face_word": "good" if face else None,
                "text": text,
                "heading": f"{d:%A} {d.day} {d:%B %Y}: {face} of 5",
            }
            for d, face, text in days
        ],
        week_lines=paper.week_blocks(weeks, "en"),
        titles={
            "weeks": "How I've been, week by week",
            "checkins": "My check-ins",
            "checkin_question": "How's your day going?",
        },
    )


def test_the_csv_has_a_row_per_rating_and_per_check_in():
    rows = export.to_csv(_data()).decode("utf-8-sig").splitlines()
    assert "2026-12-01,,how_ive_been:overall,Overall,6,,no," in rows
    assert "2026-12-01,,how_ive_been:daily,,,,no," in rows
    assert "2026-11-24,,how_ive_been:overall,Overall,,,yes," in rows
    assert f'2026-11-30,,checkin,How\'s your day going?,4,"{LINE}",no,' in rows


def test_the_json_has_both_lists():
    document = json.loads(export.to_json(_data()))
    assert document["how_ive_been"][1]["overall"] == 6
    assert document["checkins"][0] == {
        "day": "2026-11-30",
        "face": 4,
        "face_word": "good",
        "text": LINE,
    }


def test_the_pdf_has_a_section_for_each():
    reader = PdfReader(io.BytesIO(export.to_pdf(_data())))
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    assert "How I've been, week by week" in text
    assert "The week before Tuesday 24 November 2026 Skipped." in text
    assert "in myself 6/10" in text.lower() and "work, study or daily life \u2013" in text
    assert "Monday 30 November 2026: 4 of 5" in text and LINE in text


def test_summary_shows_the_four_under_the_session():
    session = Session(1, TUESDAY, NOW, True, ("heard",), {"heard": Answered("heard", 7)})
    history = History((session,), total=1, upto=1, weeks={TUESDAY: WeekRatings(6, 5, 7, 6)})
    [page] = summary.pages(history, DEFAULT, "en")
    text = " ".join(plain(page.text, "en", **page.args).split())
    assert (
        "How I'd been the week before: in myself 6/10 \u00b7 in my close relationships 5/10 "
        "\u00b7 in work, study or daily life 7/10 \u00b7 overall 6/10"
    ) in text
    skipped = History((session,), total=1, upto=1, weeks={TUESDAY: WeekRatings(skipped=True)})
    [page] = summary.pages(skipped, DEFAULT, "en")
    assert "How I'd been" not in plain(page.text, "en", **page.args)
