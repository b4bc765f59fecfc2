"""The /fit part of /export: every finished check, as data for the JSON file and as worded
results for the PDF. handlers/media.py puts it beside the review's part."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from features.fit import result
from features.fit.loaded import FitView
from features.kernel.texts import plain
from storage import fits

# Lines worded for the chat, worded for a PDF instead: a command does nothing on paper,
# and a check printed later wasn't "today".
ON_PAPER = {
    "fit.head.title": "fit.paper.title",
    "fit.result.no_gaps": "fit.paper.no_gaps",
    "fit.result.nothing": "fit.paper.nothing",
    "fit.closing.gaps": "fit.paper.closing_gaps",
    "fit.closing.looking": "fit.paper.closing_looking",
}


async def fit_results(
    session: AsyncSession, user_id: int, time_zone: str | None, language: str
) -> tuple[list[dict[str, Any]], list[tuple[str, list[str]]]]:
    """Every finished /fit check, as data and as worded results (each with what changed
    since the one before), for an export."""
    records = await fits.finished_checks(session=session, user_id=user_id)
    views = [
        FitView(r.serial, r.seeing_therapist, r.answers, r.started_at, r.finished_at)
        for r in records
    ]
    data = [
        {
            "check": r.serial,
            "seeing_therapist": r.seeing_therapist,
            "answers": dict(r.answers),
            "finished_at": r.finished_at.isoformat() if r.finished_at else None,
        }
        for r in records
    ]
    worded = []
    for index, view in enumerate(views):
        previous = views[index - 1] if index else None
        lines = result.result_lines(view, previous, time_zone)
        heading = plain("export.fit_heading", language, day=result.day_of(view, time_zone))
        worded.append(
            (heading, [plain(ON_PAPER.get(x.text, x.text), language, **x.args) for x in lines])
        )
    return data, worded
