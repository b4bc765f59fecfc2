"""How the PDF words a client's sessions and goals: on paper, each answer under its
question's label (the two look different there), ratings out of 10, dates in words and no
emoji, and nothing that only works in the chat (commands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from features.common.loaded import WeekRatings
from features.common.questions import GOAL
from features.common.timezones import local_time
from features.kernel.texts import plain
from features.review.history import History, Session, previous_ratings
from features.review.summary import question_label, trend

# A session on paper: its heading, then (label, answer) for each answer given.
SessionBlock = tuple[str, list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class GoalRecord:
    """A goal as kept: its words and when it was set, or set aside."""

    id: int
    text: str
    created_at: datetime
    retired_at: datetime | None = None


def session_blocks(history: History, language: str) -> list[SessionBlock]:
    """Every session, oldest first, each answer as its label and what was answered."""
    before = previous_ratings(history)
    blocks = []
    for session in history.sessions:
        pairs = []
        week = history.weeks.get(session.session_date)
        if week is not None and any(rating is not None for rating in week.given):
            pairs.append((plain("export.week_label", language), _week(week, language)))
        for answer in session.in_order():
            label = question_label(answer.question, history)
            said = []
            if answer.rating is not None:
                arrow = trend(answer.rating, before[session.serial].get(answer.question))
                said.append(
                    plain("export.rating", language, rating=str(answer.rating), trend=arrow)
                )
            if answer.text:
                said.append(answer.text)
            if said:
                pairs.append((plain(label.text, language, **label.args), "\n".join(said)))
        blocks.append((_heading(session, language), pairs))
    return blocks


def week_blocks(
    weeks: Sequence[tuple[date, WeekRatings]], language: str
) -> list[tuple[str, list[str]]]:
    """How I've been, every week rated or skipped, oldest first."""
    blocks = []
    for day, week in weeks:
        heading = plain("export.week_heading", language, day=f"{day:%A} {day.day} {day:%B %Y}")
        given = any(rating is not None for rating in week.given)
        line = _week(week, language) if given else plain("export.week_skipped", language)
        blocks.append((heading, [line]))
    return blocks


def _week(week: WeekRatings, language: str) -> str:
    values = {
        key: f"{rating}/10" if rating is not None else "\u2013"
        for key, rating in zip(("myself", "close", "daily", "overall"), week.given, strict=True)
    }
    return plain("export.week", language, **values)


def goal_blocks(
    goals: Sequence[GoalRecord], history: History, time_zone: str | None, language: str
) -> list[tuple[str, list[str]]]:
    """Each goal, current ones first: when it was set (or set aside), and how the client
    last rated their progress on it."""
    ordered = sorted(goals, key=lambda g: (g.retired_at is not None, g.created_at))
    blocks = []
    for goal in ordered:
        lines = [plain("export.goal_set", language, day=_date(goal.created_at, time_zone))]
        if goal.retired_at is not None:
            day = _date(goal.retired_at, time_zone)
            lines.append(plain("export.goal_set_aside", language, day=day))
        rated = [s for s in history.sessions if s.rating(f"{GOAL}{goal.id}") is not None]
        if rated:
            last = rated[-1]
            rating = str(last.rating(f"{GOAL}{goal.id}"))
            day = _day(last)
            lines.append(plain("export.goal_progress", language, rating=rating, day=day))
        blocks.append((goal.text, lines))
    return blocks


def _heading(session: Session, language: str) -> str:
    if session.only_started:
        state = plain("summary.only_started", language)
    elif not session.finished:
        state = plain("summary.unfinished", language)
    else:
        state = ""
    return plain("export.session_heading", language, day=_day(session), state=state)


def _day(session: Session) -> str:
    day = session.session_date
    return f"{day:%A} {day.day} {day:%B %Y}"


def _date(moment: datetime, time_zone: str | None) -> str:
    local = local_time(time_zone, moment) if time_zone else moment
    return f"{local.day} {local:%B %Y}"
