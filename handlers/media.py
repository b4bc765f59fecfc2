"""Sending what isn't a text message: the charts of /summary and /progress as photos,
/export's files and a feature's document (the share page) as documents. Drawing and writing
files run off the event loop, so other clients' turns don't wait on them."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from telegram.constants import ParseMode

from features.common.loaders import week_of
from features.common.questions import GOAL, OWN
from features.fit import export as fit_export
from features.kernel.texts import plain, render
from features.kernel.vocabulary import Day, Reply, SendDocument, SendExport, ShowChart
from features.review import loaders, paper, summary
from features.review.history import History, goal_of, own_question_of
from features.safety import safety_plan as safety_parts
from handlers.context import BotContext
from handlers.sending import retrying, send
from storage import checkins, review_rows, safety, schedules, wellbeing
from storage import clients as repo
from storage.models import CheckIn

if TYPE_CHECKING:
    from features.review import export

logger = logging.getLogger(__name__)


async def send_output(
    context: BotContext,
    chat_id: int,
    user_id: int,
    effect: ShowChart | SendExport | SendDocument,
    language: str,
) -> None:
    """Send a chart, an export or a document, to the chat the turn came from."""
    if isinstance(effect, SendDocument):
        made = await asyncio.to_thread(effect.document.make, language)
        caption = render(made.caption.text, language, **made.caption.args)
        await retrying(
            partial(
                context.bot.send_document,
                chat_id,
                made.data,
                filename=made.filename,
                caption=caption,
                parse_mode=ParseMode.HTML,
            ),
            "file",
        )
        return
    if isinstance(effect, ShowChart):
        png = await asyncio.to_thread(_chart_png, effect, language)
        caption = render(effect.caption, language)
        await retrying(
            lambda: context.bot.send_photo(chat_id, png, caption=caption, parse_mode=ParseMode.HTML)
        )
        return
    files = await _export_files(context, user_id, language)
    if files is None:
        await send(context, chat_id, Reply("export.nothing"), language)
        return
    for name, data in files:
        await retrying(partial(context.bot.send_document, chat_id, data, filename=name), "file")
    await send(context, chat_id, Reply("export.done"), language)


def _chart_png(effect: ShowChart, language: str) -> bytes:
    # matplotlib and reportlab load on first use, not at start: a second of start-up and
    # 50 MB a bot whose clients never ask for a chart needn't pay.
    from features.common import chart
    from features.progress import chart as progress_chart

    series = [
        (plain(s.label.text, language, **s.label.args), s.values, s.goal) for s in effect.series
    ]
    title = plain(effect.title, language)
    if effect.drawing == "progress":
        return progress_chart.render_png(effect.dates, series, title, language)
    return chart.render_png(effect.dates, series, title, language=language)


async def _export_files(
    context: BotContext, user_id: int, language: str
) -> list[tuple[str, bytes]] | None:
    """The PDF, CSV and JSON files, or None if the client has nothing to export."""
    now = context.clock.now()
    async with context.database.transaction() as session:
        user = await repo.get_user(session=session, user_id=user_id)
        if user is None:
            return None
        rows = await review_rows.reflections_in(
            session=session, user_id=user_id, days=None, at_least=0, today=now.date()
        )
        everything = await loaders.history_of(session, user_id, rows)
        goals = await review_rows.all_goals(session=session, user_id=user_id)
        own = await review_rows.all_own_questions(session=session, user_id=user_id)
        row = await schedules.get_schedule(session=session, user_id=user_id)
        fit_checks, fit_lines = await fit_export.fit_results(
            session, user_id, user.time_zone, language
        )
        plan = await safety.get_plan(session=session, user_id=user_id) or {}
        weeks = await wellbeing.history(session=session, user_id=user_id)
        days = await checkins.between(session=session, user_id=user_id)
        time_zone, country, chosen = user.time_zone, user.country, user.language
    if not (everything.sessions or goals or own or fit_checks or plan or weeks or days):
        return None
    from features.review import export

    data = export.Export(
        history=everything,
        exported_at=now,
        time_zone=time_zone,
        country=country,
        language=chosen,
        wording=_wording(everything, language),
        session_lines=paper.session_blocks(everything, language),
        goal_lines=paper.goal_blocks(
            [paper.GoalRecord(g.id or 0, g.text, g.created_at, g.retired_at) for g in goals],
            everything,
            time_zone,
            language,
        ),
        fit_checks=fit_checks,
        fit_lines=fit_lines,
        goals=[_dated(g.text, g.created_at, g.retired_at) for g in goals],
        own_questions=[_dated(q.text, q.created_at, q.retired_at) for q in own],
        schedule=_schedule(row),
        weeks=[
            {
                "session_date": w.session_date.isoformat(),
                **{part: getattr(w, part) for part in wellbeing.PARTS},
                "skipped": w.skipped,
                "asked": w.source,
            }
            for w in weeks
        ],
        week_lines=paper.week_blocks([(w.session_date, week_of(w)) for w in weeks], language),
        safety_plan=[
            (key, plain(f"safety.title.{key}", language), plan[key])
            for key in safety_parts.PARTS
            if plan.get(key)
        ],
        titles={
            "title": plain("export.pdf_title", language),
            "subtitle": plain(
                "export.pdf_subtitle",
                language,
                day=Day(now.date(), year=True, weekday=False),
            ),
            "sessions": plain("export.pdf_sessions", language),
            "goals": plain("export.pdf_goals", language),
            "fit": plain("export.pdf_fit", language),
            "safety_plan": plain("export.pdf_safety_plan", language),
            "weeks": plain("export.pdf_weeks", language),
            "checkins": plain("export.pdf_checkins", language),
            "checkin_question": plain("export.checkin_question", language),
        },
        checkins=[_checkin(day, language) for day in days],
    )
    return await asyncio.to_thread(_files, data, language, f"{now:%Y-%m-%d}")


def _files(data: export.Export, language: str, day: str) -> list[tuple[str, bytes]]:
    """Drawn and written on a worker thread."""
    from features.review import export

    effect = summary.chart(data.history)
    if effect is not None:
        data = export.replace_chart(data, _chart_png(effect, language))
    return [
        (f"reflections-{day}.pdf", export.to_pdf(data)),
        (f"reflections-{day}.csv", export.to_csv(data)),
        (f"reflections-{day}.json", export.to_json(data)),
    ]


def _wording(everything: History, language: str) -> dict[str, str]:
    keys = {a.question for s in everything.sessions for a in s.answers.values()}
    wording = {
        f"how_ive_been:{part}": plain(f"how.label.{part}", language) for part in wellbeing.PARTS
    }
    for key in keys:
        if key.startswith(GOAL):
            words = goal_of(key, everything)
            wording[key] = plain("question.goal", language, goal=words or "")
        elif key.startswith(OWN):
            wording[key] = own_question_of(key, everything) or ""
        else:
            wording[key] = plain(f"question.{key}", language)
    return wording


def _dated(text: str, created: datetime, retired: datetime | None) -> dict[str, Any]:
    return {
        "text": text,
        "created_at": created.isoformat(),
        "set_aside_at": retired.isoformat() if retired else None,
    }


def _checkin(row: CheckIn, language: str) -> dict[str, Any]:
    """A check-in between sessions as the files hold it (the PDF's heading worded)."""
    word = plain(f"checkin.face_{row.face}", language) if row.face is not None else ""
    heading = plain(
        "export.checkin_heading" if row.face is not None else "export.checkin_heading_no_face",
        language,
        day=Day(row.day, year=True),
        word=word,
        face=str(row.face),
    )
    return {"day": row.day.isoformat(), "face": row.face, "face_word": word or None,
            "text": row.text, "heading": heading}  # fmt: skip


def _schedule(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "weekdays": list(row.weekdays),
        "start_time": row.start_time,
        "duration_minutes": row.duration_minutes,
        "every_weeks": row.every_weeks,
        "paused": row.paused,
        "checkin_days": list(row.checkin_days),
        "checkin_time": row.checkin_time,
    }
