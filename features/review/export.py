"""Everything a client has, as files to keep or share: a PDF to read, a CSV with one row
per answer (and per rating of how I've been, and per check-in) for a spreadsheet, and JSON
with all of it for another tool."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from features.common.pdf import FRAME_WIDTH, MARGIN, PAGE, markup, printable, styles
from features.review.history import History


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
    # How I've been, one row per week rated or skipped (features/progress): as stored, and
    # worded for the PDF.
    weeks: list[dict[str, Any]] = field(default_factory=list)
    week_lines: list[tuple[str, list[str]]] = field(default_factory=list)
    # The check-ins between sessions, oldest first: day (ISO), face (1-5, or None), the
    # face's word, and the client's line (or None).
    checkins: list[dict[str, Any]] = field(default_factory=list)


# How I've been's four, as the CSV and JSON name them (storage.wellbeing.PARTS).
WEEK_PARTS = ("myself", "close", "daily", "overall")

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
    for week in export.weeks:
        for part in WEEK_PARTS:
            rating = week[part]
            row = (
                week["session_date"],
                "",
                f"how_ive_been:{part}",
                export.wording.get(f"how_ive_been:{part}", ""),
            )
            writer.writerow((*row, "" if rating is None else rating, "", _yes(week["skipped"]), ""))
    for key, title, text in export.safety_plan:
        writer.writerow(("", "", f"safety_plan:{key}", title, "", _cell(text), "no", ""))
    asked = export.titles.get("checkin_question", "")
    for checkin in export.checkins:
        face, line = checkin["face"], checkin["text"] or ""
        writer.writerow(
            (
                checkin["day"],
                "",
                "checkin",
                asked,
                "" if face is None else face,
                _cell(line),
                "no",
                "",
            )
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _yes(value: bool) -> str:
    return "yes" if value else "no"


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
        "how_ive_been": export.weeks,
        "fit_checks": export.fit_checks,
        "safety_plan": {key: text for key, _, text in export.safety_plan},
        "checkins": [
            {key: checkin[key] for key in ("day", "face", "face_word", "text")}
            for checkin in export.checkins
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def to_pdf(export: Export) -> bytes:
    """A document to read, keep or share: the chart, the goals, every session (each
    answer under its question), the /fit results and the safety plan."""
    style = styles()
    safe = printable()
    story: list[Flowable] = [
        Paragraph(markup(safe(export.titles.get("title", ""))), style["title"]),
        Paragraph(markup(safe(export.titles.get("subtitle", ""))), style["small"]),
        Spacer(1, 4 * mm),
    ]
    if export.chart_png is not None:
        chart = Image(io.BytesIO(export.chart_png))
        scale = FRAME_WIDTH / chart.imageWidth
        chart.drawWidth, chart.drawHeight = FRAME_WIDTH, chart.imageHeight * scale
        story += [chart, Spacer(1, 4 * mm)]
    if export.goal_lines:
        story += _section(style, safe, export.titles.get("goals", ""), export.goal_lines)
    story += _answers(style, safe, export.titles.get("sessions", ""), export.session_lines)
    if export.week_lines:
        story += _section(style, safe, export.titles.get("weeks", ""), export.week_lines)
    if export.fit_lines:
        story += _section(style, safe, export.titles.get("fit", ""), export.fit_lines)
    if export.safety_plan:
        plan = [(title, [text]) for _, title, text in export.safety_plan]
        story += _section(style, safe, export.titles.get("safety_plan", ""), plan)
    if export.checkins:
        days = [(c["heading"], [c["text"] or ""]) for c in export.checkins]
        story += _section(style, safe, export.titles.get("checkins", ""), days)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
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
    story: list[Flowable] = [Paragraph(markup(safe(title)), styles["section"])]
    for heading, lines in blocks:
        story.append(Paragraph(markup(safe(heading)), styles["heading"]))
        story.extend(Paragraph(markup(safe(line)), styles["body"]) for line in lines if line)
    return story


def _answers(
    styles: dict[str, ParagraphStyle],
    safe: Callable[[str], str],
    title: str,
    blocks: Sequence[tuple[str, list[tuple[str, str]]]],
) -> list[Flowable]:
    """Sessions: each answer under its question's label, which looks different from it."""
    story: list[Flowable] = [Paragraph(markup(safe(title)), styles["section"])]
    for heading, pairs in blocks:
        story.append(Paragraph(markup(safe(heading)), styles["heading"]))
        for label, answer in pairs:
            story.append(Paragraph(markup(safe(label)), styles["label"]))
            story.append(Paragraph(markup(safe(answer)), styles["answer"]))
    return story


def replace_chart(export: Export, png: bytes) -> Export:
    """The export with its chart drawn."""
    return replace(export, chart_png=png)
