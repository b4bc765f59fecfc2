"""Everything a client has, as files to keep or share: a PDF to read, a CSV with one row
per answer for a spreadsheet, and JSON with all of it for another tool."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import matplotlib
from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from features.review.history import History

# DejaVu Sans comes with matplotlib: no system fonts needed, and it covers most scripts.
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_REGULAR, _BOLD = _FONTS / "DejaVuSans.ttf", _FONTS / "DejaVuSans-Bold.ttf"
_FONT, _FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
_MARGIN = 18 * mm
_FRAME_WIDTH = A4[0] - 2 * _MARGIN


@dataclass(frozen=True, slots=True)
class Export:
    """What goes into the files: the history, and lines already worded for people."""

    history: History
    exported_at: datetime
    time_zone: str | None
    # Plain text: a question's wording for each question key in the history.
    wording: dict[str, str]
    # Plain text, in order: each session's heading and its answers as (label, answer);
    # each goal's words and lines about it; each /fit check's result.
    session_lines: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    goal_lines: list[tuple[str, list[str]]] = field(default_factory=list)
    fit_checks: list[dict[str, Any]] = field(default_factory=list)
    fit_lines: list[tuple[str, list[str]]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    own_questions: list[dict[str, Any]] = field(default_factory=list)
    schedule: dict[str, Any] | None = None
    # The client's safety plan: (part key, its title, their words), in the plan's order.
    safety_plan: list[tuple[str, str, str]] = field(default_factory=list)
    chart_png: bytes | None = None
    titles: dict[str, str] = field(default_factory=dict)
    # The country the client chose for crisis help (/country), if they chose one.
    country: str | None = None
    # The language the bot speaks with the client (Telegram's at first contact, /language).
    language: str = "en"


CSV_COLUMNS = (
    "session_date",
    "reflection",
    "question_key",
    "question",
    "rating",
    "answer",
    "skipped",
    "finished",
)


def to_csv(export: Export) -> bytes:
    """One row per answer, oldest first (UTF-8 with a byte-order mark, for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for session in export.history.sessions:
        for answer in session.in_order():
            writer.writerow(
                (
                    session.session_date.isoformat(),
                    session.serial,
                    answer.question,
                    export.wording.get(answer.question, ""),
                    "" if answer.rating is None else answer.rating,
                    _cell(answer.text or ""),
                    "yes" if answer.skipped else "no",
                    "yes" if session.finished else "no",
                )
            )
    for key, title, text in export.safety_plan:
        writer.writerow(("", "", f"safety_plan:{key}", title, "", _cell(text), "no", ""))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_json(export: Export) -> bytes:
    """All of it, for another tool."""
    history = export.history
    document = {
        "exported_at": export.exported_at.isoformat(),
        "time_zone": export.time_zone,
        "country": export.country,
        "language": export.language,
        "schedule": export.schedule,
        "goals": export.goals,
        "own_questions": export.own_questions,
        "reflections": [
            {
                "reflection": s.serial,
                "session_date": s.session_date.isoformat(),
                "started_at": s.started_at.isoformat(),
                "finished": s.finished,
                "answers": [
                    {
                        "question_key": a.question,
                        "question": export.wording.get(a.question, ""),
                        "rating": a.rating,
                        "text": a.text,
                        "skipped": a.skipped,
                    }
                    for a in s.in_order()
                ],
            }
            for s in history.sessions
        ],
        "fit_checks": export.fit_checks,
        "safety_plan": {key: text for key, _, text in export.safety_plan},
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def to_pdf(export: Export) -> bytes:
    """A document to read, keep or share: the chart, the goals, every session (each
    answer under its question), the /fit results and the safety plan."""
    styles = _styles()
    safe = _printable()
    story: list[Flowable] = [
        Paragraph(_markup(safe(export.titles.get("title", ""))), styles["title"]),
        Paragraph(_markup(safe(export.titles.get("subtitle", ""))), styles["small"]),
        Spacer(1, 4 * mm),
    ]
    if export.chart_png is not None:
        chart = Image(io.BytesIO(export.chart_png))
        scale = _FRAME_WIDTH / chart.imageWidth
        chart.drawWidth, chart.drawHeight = _FRAME_WIDTH, chart.imageHeight * scale
        story += [chart, Spacer(1, 4 * mm)]
    if export.goal_lines:
        story += _section(styles, safe, export.titles.get("goals", ""), export.goal_lines)
    story += _answers(styles, safe, export.titles.get("sessions", ""), export.session_lines)
    if export.fit_lines:
        story += _section(styles, safe, export.titles.get("fit", ""), export.fit_lines)
    if export.safety_plan:
        plan = [(title, [text]) for _, title, text in export.safety_plan]
        story += _section(styles, safe, export.titles.get("safety_plan", ""), plan)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=export.titles.get("title", ""),
    )
    document.build(story)
    return buffer.getvalue()


def _section(
    styles: dict[str, ParagraphStyle],
    safe: Callable[[str], str],
    title: str,
    blocks: Sequence[tuple[str, list[str]]],
) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(_markup(safe(title)), styles["section"])]
    for heading, lines in blocks:
        story.append(Paragraph(_markup(safe(heading)), styles["heading"]))
        story.extend(Paragraph(_markup(safe(line)), styles["body"]) for line in lines if line)
    return story


def _answers(
    styles: dict[str, ParagraphStyle],
    safe: Callable[[str], str],
    title: str,
    blocks: Sequence[tuple[str, list[tuple[str, str]]]],
) -> list[Flowable]:
    """Sessions: each answer under its question's label, which looks different from it."""
    story: list[Flowable] = [Paragraph(_markup(safe(title)), styles["section"])]
    for heading, pairs in blocks:
        story.append(Paragraph(_markup(safe(heading)), styles["heading"]))
        for label, answer in pairs:
            story.append(Paragraph(_markup(safe(label)), styles["label"]))
            story.append(Paragraph(_markup(safe(answer)), styles["answer"]))
    return story


def _markup(text: str) -> str:
    """Plain text as reportlab's paragraph markup: escaped, line breaks kept."""
    return xml_escape(text.strip()).replace("\n", "<br/>")


@cache
def _styles() -> dict[str, ParagraphStyle]:
    """The fonts (registered once) and the paragraph styles."""
    rl_config.useA85 = 0  # binary streams: smaller files, and no slow ASCII85 encoding
    pdfmetrics.registerFont(TTFont(_FONT, str(_REGULAR)))
    pdfmetrics.registerFont(TTFont(_FONT_BOLD, str(_BOLD)))
    return {
        "title": ParagraphStyle("title", fontName=_FONT_BOLD, fontSize=18, leading=23),
        "small": ParagraphStyle("small", fontName=_FONT, fontSize=9, leading=12),
        "section": ParagraphStyle(
            "section", fontName=_FONT_BOLD, fontSize=14, leading=18, spaceBefore=8, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading", fontName=_FONT_BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=2
        ),
        "body": ParagraphStyle("body", fontName=_FONT, fontSize=10, leading=13, spaceAfter=2),
        # A question's label: small, bold and grey; its answer below, indented.
        "label": ParagraphStyle(
            "label",
            fontName=_FONT_BOLD,
            fontSize=8.5,
            leading=11,
            spaceBefore=5,
            textColor=colors.HexColor("#5a5a5a"),
        ),
        "answer": ParagraphStyle(
            "answer", fontName=_FONT, fontSize=10.5, leading=14, leftIndent=10, spaceAfter=2
        ),
    }


@cache
def _covered() -> frozenset[int]:
    """The characters DejaVu Sans can draw."""
    _styles()
    face = pdfmetrics.getFont(_FONT).face
    return frozenset(face.charWidths)


def _printable() -> Callable[[str], str]:
    """A function keeping what the font can draw; an emoji it can't becomes its name in
    words ("(slightly smiling face)"), anything else a plain mark, rather than an empty
    box or a warning carrying the client's words."""
    covered = _covered()

    def printed(c: str) -> str:
        if ord(c) in covered or c in "\n\t":
            return c
        if unicodedata.category(c) in ("Mn", "Cf", "Sk") or 0x1F3FB <= ord(c) <= 0x1F3FF:
            return ""  # joiners, variation selectors, skin tones: part of an emoji
        name = unicodedata.name(c, None)
        if unicodedata.category(c) == "So" and name:
            return f"({name.lower()})"
        return "\u25a1"

    def safe(text: str) -> str:
        return "".join(printed(c) for c in text)

    return safe


def replace_chart(export: Export, png: bytes) -> Export:
    """The export with its chart drawn."""
    return replace(export, chart_png=png)
