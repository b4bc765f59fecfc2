"""The share page laid out on A4, in the client's voice, no emoji, no branding: the note
by its sections, the sessions' ratings and how I've been as small tables (each rating out
of 10, its scale said), the chart, the goals. How it is made to fit one page is
fitting.py's. Runs on a worker thread."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from features.common import chart
from features.common.pdf import FONT, FONT_BOLD, FRAME_WIDTH, MARGIN, PAGE, markup, printable
from features.common.pdf import styles as pdf_styles
from features.common.questions import RATINGS
from features.kernel.texts import plain
from features.kernel.vocabulary import Arg, Day
from features.share.loaded import PARTS
from features.share.page import Line, Page

# The chart's size in inches: wide and low, a small picture of the trend.
_CHART_SIZE = (8.0, 2.4)
# The room in the page's frame (reportlab pads a frame by 6 points each side).
WIDTH = FRAME_WIDTH - 12
HEIGHT = PAGE[1] - 2 * MARGIN - 12


@dataclass(frozen=True, slots=True)
class Fit:
    """One way of laying the page out: how long an item's words may be (None: whole),
    over how many sessions, with the chart or not, and how many of the note's lines."""

    limit: int | None
    count: int
    chart: bool = True
    # How many of the note's lines are kept (None: all).
    lines: int | None = None


def laid_out(page: Page, fit: Fit, png: bytes | None, language: str) -> list[Flowable]:
    """What the page holds, laid out this way; with no picture of the chart, a space of
    its size holds its place."""
    style = _styles()
    safe = printable()

    def para(text: str, kind: str) -> Paragraph:
        return Paragraph(markup(safe(text)), style[kind])

    def said(text_id: str, **args: Arg) -> str:
        return plain(text_id, language, **args)

    flowables: list[Flowable] = [
        para(said("share.pdf.title"), "title"),
        para(said("share.pdf.prepared", day=_date(page.prepared_on)), "small"),
        Spacer(1, 2 * mm),
    ]
    if page.note:
        flowables += _note(page, fit, para, said)
    if page.sessions:
        flowables += _sessions(page, para, said)
    if page.wellbeing:
        flowables += _wellbeing(page, fit.chart, png, para, said)
    if page.goals:
        flowables.append(para(said("share.pdf.goals"), "section"))
        for goal in page.goals:
            flowables.append(
                para(said("share.pdf.goal", goal=cut(goal.words, fit.limit)), "heading")
            )
            if goal.ratings:
                ratings = "; ".join(
                    said("share.pdf.goal_rating", rating=str(r), day=_short_day(day))
                    for _, day, r in goal.ratings
                )
                flowables.append(para(said("share.pdf.goal_ratings", ratings=ratings), "body"))
            else:
                flowables.append(para(said("share.pdf.goal_unrated"), "body"))
    return flowables


def pdf(story: list[Flowable], language: str) -> tuple[bytes, int]:
    """The PDF and how many pages it took."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=plain("share.pdf.title", language),
    )
    document.build(story)
    return buffer.getvalue(), document.page


def _note(
    page: Page,
    fit: Fit,
    para: Callable[[str, str], Paragraph],
    said: Callable[..., str],
) -> list[Flowable]:
    day = page.note_day
    title = said("share.pdf.note_day", day=_long_day(day)) if day else said("share.pdf.note")
    story: list[Flowable] = [para(title, "section")]
    left = fit.lines
    for section, lines in page.note or ():
        shown = lines if left is None else lines[: max(left, 0)]
        if left is not None:
            left -= len(shown)
        if not shown:
            continue
        story.append(para(said(f"share.pdf.section.{section}"), "heading"))
        for line in shown:
            story.append(para(said("share.pdf.line", item=_words(line, fit.limit, said)), "body"))
    return story


def _words(line: Line, limit: int | None, said: Callable[..., str]) -> str:
    if line.words is not None:
        return cut(line.words, limit)
    assert line.said is not None
    return said(line.said.text, **line.said.args)


def _sessions(
    page: Page, para: Callable[[str, str], Paragraph], said: Callable[..., str]
) -> list[Flowable]:
    sessions = page.sessions or ()
    title = said("share.pdf.sessions", n=len(sessions))
    header = [said("share.pdf.session_column")] + [said(f"share.pdf.rating.{k}") for k in RATINGS]
    rows = [
        [said("share.pdf.day_cell", day=_short_day(s.session_date))]
        + [_rating(s.ratings.get(key), said) for key in RATINGS]
        for s in sessions
    ]
    return [
        para(title, "section"),
        para(said("share.pdf.sessions_scale"), "small"),
        Spacer(1, 1.5 * mm),
        _table(header, rows, para),
    ]


def _wellbeing(
    page: Page,
    drawn: bool,
    png: bytes | None,
    para: Callable[[str, str], Paragraph],
    said: Callable[..., str],
) -> list[Flowable]:
    rows_of = page.wellbeing or ()
    header = [said("share.pdf.wellbeing_column")] + [
        said(f"share.pdf.wellbeing.{part}") for part in PARTS
    ]
    rows = [
        [said("share.pdf.day_cell", day=_short_day(row.session_date))]
        + [_rating(getattr(row, part), said) for part in PARTS]
        for row in rows_of
    ]
    story: list[Flowable] = [
        para(said("share.pdf.wellbeing"), "section"),
        para(said("share.pdf.wellbeing_scale"), "small"),
        Spacer(1, 1.5 * mm),
        _table(header, rows, para),
    ]
    if drawn and len(rows_of) >= 2:
        height = WIDTH * _CHART_SIZE[1] / _CHART_SIZE[0]
        if png is None:
            story += [Spacer(1, 2 * mm), Spacer(WIDTH, height)]
        else:
            picture = Image(io.BytesIO(png))
            picture.drawWidth, picture.drawHeight = WIDTH, height
            story += [Spacer(1, 2 * mm), picture]
    return story


def chart_png(page: Page, language: str) -> bytes | None:
    rows = page.wellbeing or ()
    if len(rows) < 2:
        return None  # one point is no trend: the table says it
    series = [
        (
            plain(f"share.pdf.wellbeing.{part}", language),
            [getattr(row, part) for row in rows],
            False,
        )
        for part in PARTS
    ]
    dates = [row.session_date for row in rows]
    return chart.render_png(
        dates, series, "", size=_CHART_SIZE, legend_columns=4, language=language
    )


def _table(
    header: list[str], rows: list[list[str]], para: Callable[[str, str], Paragraph]
) -> Table:
    first = 26 * mm
    rest = (WIDTH - first) / (len(header) - 1)
    cells = [[para(text, "cell_head") for text in header]]
    cells += [[para(text, "cell") for text in row] for row in rows]
    table = Table(cells, colWidths=[first] + [rest] * (len(header) - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#5a5a5a")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#c8c8c8")),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _rating(value: int | None, said: Callable[..., str]) -> str:
    return said("share.pdf.none") if value is None else said("share.pdf.rating", rating=str(value))


def cut(text: str, limit: int | None) -> str:
    """The words within `limit` characters, cut after a word, ending in an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "\u2026"


def _long_day(day: date) -> Day:
    return Day(day, year=True)


def _date(day: date) -> Day:
    return Day(day, year=True, weekday=False)


def _short_day(day: date) -> Day:
    return Day(day, year=True, weekday=False, short=True)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = pdf_styles()
    return {
        **base,
        "section": ParagraphStyle(
            "share_section", parent=base["section"], fontSize=12.5, leading=16, spaceBefore=7
        ),
        "heading": ParagraphStyle(
            "share_heading", parent=base["heading"], fontSize=10, leading=13, spaceBefore=4
        ),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11),
        "cell_head": ParagraphStyle(
            "cell_head",
            fontName=FONT_BOLD,
            fontSize=8,
            leading=10,
            textColor=colors.HexColor("#5a5a5a"),
        ),
    }
