"""`/summary`: the client's reflections in a window, newest first, in pages that fit a
Telegram message, each rating with its trend against the session before."""

from __future__ import annotations

import html
from dataclasses import dataclass

from features.common.loaded import WeekRatings
from features.common.pages import PAGE_LIMIT, pack, size, split_text
from features.common.questions import GOAL, OPEN, OWN, RATINGS
from features.kernel.texts import render
from features.kernel.vocabulary import Arg, Button, ChartSeries, Day, Ref, Reply, ShowChart
from features.review.history import (
    Answered,
    History,
    Session,
    goal_of,
    own_question_of,
    previous_ratings,
)
from features.review.window import DEFAULT, Window

PRESS = "sum:"
# Room on each page for its header, a "(continued)" line and the page footer.
_CHROME = 400
# Room for a label: a goal or a question of the client's own is at most 300 characters.
_LABEL = 700
# An answer up to this long (as sent, escaped) is never split across pages.
LONGEST_WHOLE = PAGE_LIMIT - _CHROME - _LABEL


@dataclass(frozen=True, slots=True)
class _Piece:
    """One unbreakable part of a page: a session's heading or one answer (or one part of
    an answer too long for a page)."""

    ref: Ref
    day: Arg
    heading: bool = False


def pages(history: History, window: Window, language: str) -> list[Reply]:
    """Every page of the summary, each with buttons to the newer and older pages."""
    pieces = _pieces(history)
    sizes = [size(render(p.ref.text, language, **p.ref.args)) for p in pieces]
    groups = pack(sizes, PAGE_LIMIT - _CHROME)
    header = _header(history, window)
    replies = []
    for number, group in enumerate(groups, start=1):
        body = [pieces[i].ref for i in group]
        first = pieces[group[0]]
        if not first.heading:  # a session carried over from the page before
            body.insert(0, Ref("summary.session_continued", {"day": first.day}))
        footer: Arg = (
            Ref("summary.footer", {"page": str(number), "pages": str(len(groups))})
            if len(groups) > 1
            else ""
        )
        args: dict[str, Arg] = {"header": header, "body": tuple(body), "footer": footer}
        buttons = _buttons(window, history.upto, number, len(groups))
        replies.append(Reply("summary.page", args, buttons))
    return replies


def page(history: History, window: Window, number: int, language: str) -> Reply | None:
    """One page of the summary (None past the last page)."""
    every = pages(history, window, language)
    return every[number - 1] if 1 <= number <= len(every) else None


def nothing_to_show(history: History, window: Window) -> Reply:
    """A friendly word instead of an empty summary."""
    if history.total == 0:
        return Reply("summary.none")
    return Reply("summary.none_in_window", {"days": window.days or 0})


def chart(history: History) -> ShowChart | None:
    """The ratings and goal progress over the window, when there are two sessions or more
    to draw a line between."""
    rated = [s for s in history.counted if any(a.rating is not None for a in s.answers.values())]
    if len(rated) < 2:
        return None
    questions = [q for q in RATINGS if any(s.rating(q) is not None for s in rated)]
    goals = sorted(
        {
            q
            for s in rated
            for q, a in s.answers.items()
            if q.startswith(GOAL) and a.rating is not None
        },
        key=_goal_order,
    )
    series = tuple(
        ChartSeries(question_label(q, history), tuple(s.rating(q) for s in rated), goal=q in goals)
        for q in (*questions, *goals)
    )
    return ShowChart(tuple(s.session_date for s in rated), series)


def session_blocks(history: History, *, newest_first: bool = True) -> list[tuple[Ref, list[Ref]]]:
    """Each session's heading and its answers' lines, newest first by default."""
    before = previous_ratings(history)
    sessions = reversed(history.sessions) if newest_first else iter(history.sessions)
    blocks = []
    for session in sessions:
        unfinished: Arg = "" if session.finished else Ref("summary.unfinished")
        if session.only_started:
            unfinished = Ref("summary.only_started")
        heading = Ref("summary.session", {"day": _day(session), "unfinished": unfinished})
        lines = [
            *_week(history.weeks.get(session.session_date)),
            *(
                ref
                for answer in session.in_order()
                for ref in _answer(answer, before[session.serial], history)
            ),
        ]
        blocks.append((heading, lines))
    return blocks


def _week(week: WeekRatings | None) -> list[Ref]:
    """How the client had been the week before the session, in one line, when they rated
    any of it."""
    if week is None or all(rating is None for rating in week.given):
        return []
    return [Ref("summary.week", week_args(week))]


def week_args(week: WeekRatings) -> dict[str, Arg]:
    """The four as "6/10", or a dash for one not given."""
    keys = ("myself", "close", "daily", "overall")
    return {
        key: Ref("summary.out_of_ten", {"rating": str(rating)}) if rating is not None else "\u2013"
        for key, rating in zip(keys, week.given, strict=True)
    }


def _pieces(history: History) -> list[_Piece]:
    pieces: list[_Piece] = []
    for heading, lines in session_blocks(history):
        day = heading.args["day"]
        pieces.append(_Piece(heading, day, heading=True))
        pieces.extend(_Piece(line, day) for line in lines)
    return pieces


def _answer(answer: Answered, before: dict[str, int], history: History) -> list[Ref]:
    label = question_label(answer.question, history)
    if answer.rating is not None:
        rating: dict[str, Arg] = {
            "label": label,
            "rating": str(answer.rating),
            "trend": trend(answer.rating, before.get(answer.question)),
        }
        if not answer.text:
            return [Ref("summary.rating", rating)]
        parts = _parts(answer.text)
        first = Ref("summary.rating_comment", {**rating, "text": parts[0]})
        return [first, *(Ref("summary.continued", {"text": part}) for part in parts[1:])]
    if not answer.text:
        return []  # skipped: nothing was said
    parts = _parts(answer.text)
    first = Ref("summary.open", {"label": label, "text": parts[0]})
    return [first, *(Ref("summary.continued", {"text": part}) for part in parts[1:])]


def _parts(text: str) -> list[str]:
    # Measured as sent (escaped: & becomes &amp;), with room for the longest label.
    return split_text(text, LONGEST_WHOLE, _escaped_size)


def _escaped_size(text: str) -> int:
    return size(html.escape(text, quote=False))


def question_label(question: str, history: History) -> Ref:
    """How /summary (and the PDF) names a question: short, in the client's first person."""
    if question in RATINGS or question in OPEN:
        return Ref(f"summary.label.{question}")
    if question.startswith(GOAL):
        goal = goal_of(question, history)
        return Ref("summary.label.goal", {"goal": goal}) if goal else Ref("summary.label.goal_gone")
    if question.startswith(OWN):
        own = own_question_of(question, history)
        return Ref("summary.label.own", {"text": own}) if own else Ref("summary.label.own_gone")
    return Ref("summary.label.other")


def trend(rating: int, previous: int | None) -> Arg:
    """The arrow from the rating the time before ("" the first time)."""
    if previous is None:
        return ""
    if rating > previous:
        return Ref("summary.trend.up", {"previous": str(previous)})
    if rating < previous:
        return Ref("summary.trend.down", {"previous": str(previous)})
    return Ref("summary.trend.same")


def _header(history: History, window: Window) -> Ref:
    counted = len(history.counted)
    starts = len(history.sessions) - counted
    args: dict[str, Arg] = {
        "count": _count(counted, starts),
        "days": window.days or 0,
        "starts": Ref("summary.starts", {"n": starts}) if counted and starts else "",
    }
    if window.days is None:
        return Ref("summary.header.all", args)
    reached = history.since is not None and any(
        s.session_date < history.since for s in history.sessions
    )
    if window == DEFAULT and reached and counted:
        return Ref("summary.header.reached", {**args, "n": counted})
    return Ref("summary.header.days", args)


def _count(counted: int, starts: int) -> Ref:
    if counted == 0:
        return Ref("summary.count.only_started", {"n": starts})
    return Ref("summary.count", {"n": counted})


def _buttons(window: Window, upto: int, number: int, total: int) -> tuple[tuple[Button, ...], ...]:
    row = []
    if number > 1:
        row.append(Button("button.newer", f"{PRESS}{window.key}:{upto}:{number - 1}"))
    if number < total:
        row.append(Button("button.older", f"{PRESS}{window.key}:{upto}:{number + 1}"))
    return (tuple(row),) if row else ()


def _day(session: Session) -> Day:
    return Day(session.session_date, year=True)


def _goal_order(question: str) -> int:
    raw = question.removeprefix(GOAL)
    return int(raw) if raw.isdecimal() else 0
