"""/progress: "am I getting better?", by the client's own ratings. How they've been (the
four, overall first) and each active goal's progress over their sessions, as a chart and
in words that say what the numbers say and no more (features/progress/trend.py), with a
kind word about raising it with their therapist when things have been level or going down
for four weeks or more. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from features.kernel.vocabulary import (
    Arg,
    ChartSeries,
    Effect,
    Facts,
    Outcome,
    Ref,
    Reply,
    ShowChart,
    State,
)
from features.progress import trend
from features.progress.asking import PARTS
from features.progress.loaded import ProgressFacts

# The four, as /progress goes through them: overall first, the one that answers the
# question; then the three parts.
ORDER = ("overall", "myself", "close", "daily")


def progress(state: State, facts: Facts) -> Outcome:
    """/progress: the words, then the chart (when there are two weeks or sessions to
    draw a line between)."""
    read = facts[ProgressFacts]
    rated_goals = [goal for goal in read.goals if goal.points]
    if not read.weeks and not rated_goals and not read.faces:
        return Outcome(state, (Reply("progress.empty"),))
    lines: list[Ref] = [Ref("progress.title"), *_weeks(read)]
    if rated_goals:
        lines.append(Ref("progress.section.goals"))
        for goal in rated_goals:
            label = Ref("progress.goal_label", {"goal": goal.text})
            lines.append(_direction(label, [rating for _, rating in goal.points]))
    lines.extend(_checkins(read.faces))
    raising = trend.worth_raising(_series(read, "overall"))
    if raising is not None:
        lines.append(Ref(f"progress.suggest.{raising.value}"))
    lines.append(Ref("progress.footer"))
    effects: tuple[Effect, ...] = (Reply("progress.report", {"lines": tuple(lines)}),)
    drawn = chart(read)
    return Outcome(state, (*effects, *((drawn,) if drawn is not None else ())))


def chart(read: ProgressFacts) -> ShowChart | None:
    """How I've been (the four) and each active goal, over the dates of the weeks and
    sessions rated; None with fewer than two dates."""
    days = sorted({day for day, _ in read.weeks} | {d for g in read.goals for d, _ in g.points})
    if len(days) < 2:
        return None
    by_day = dict(read.weeks)
    series: list[ChartSeries] = []
    for key in ORDER:
        index = PARTS.index(key)
        values = tuple(by_day[d].given[index] if d in by_day else None for d in days)
        if any(v is not None for v in values):
            series.append(ChartSeries(Ref(f"how.label.{key}"), values))
    for goal in read.goals:
        points = dict(goal.points)
        if points:
            label = Ref("progress.goal_label", {"goal": goal.text})
            series.append(ChartSeries(label, tuple(points.get(d) for d in days), goal=True))
    return ShowChart(
        tuple(days),
        tuple(series),
        title="progress.chart_title",
        caption="progress.chart_caption",
        drawing="progress",
    )


def _weeks(read: ProgressFacts) -> list[Ref]:
    """The span of weeks rated, the change since the first weeks, and each of the four's
    recent direction."""
    if not read.weeks:
        return [Ref("progress.no_weeks")]
    first, last = read.weeks[0][0], read.weeks[-1][0]
    if len(read.weeks) == 1:
        lines = [Ref("progress.span_one", {"first": _day(first)})]
    else:
        span = {"n": str(len(read.weeks)), "first": _day(first), "last": _day(last)}
        lines = [Ref("progress.span", span)]
    overall = _series(read, "overall")
    change = trend.since_start(overall)
    if change is not None:
        difference = abs(change.latest - change.first)
        args: dict[str, Arg] = {
            "first": trend.one_decimal(change.first),
            "last": trend.one_decimal(change.latest),
            "diff": trend.one_decimal(difference),
        }
        way = {"rising": "higher", "falling": "lower", "flat": "same"}[change.direction.value]
        lines.append(Ref(f"progress.change.{way}", args))
    elif overall:
        lines.append(Ref("progress.early", {"values": _values(overall)}))
    lines.append(Ref("progress.section.parts"))
    for key in ORDER:
        ratings = _series(read, key)
        if ratings:
            lines.append(_direction(Ref(f"how.label.{key}"), ratings))
    return lines


def _direction(label: Ref, ratings: Sequence[int]) -> Ref:
    """ "Overall: rising over your last four (4, 5, 6, 7)." or, with fewer than four,
    the ratings so far."""
    found = trend.direction(ratings)
    if found is None:
        return Ref("progress.too_few", {"label": label, "values": _values(ratings)})
    recent = _values(ratings[-trend.RECENT :])
    return Ref(f"progress.{found.value}", {"label": label, "values": recent})


def _checkins(faces: Sequence[int]) -> list[Ref]:
    if not faces:
        return []
    if len(faces) == 1:
        return [Ref("progress.checkins_one", {"face": str(faces[0])})]
    average = trend.one_decimal(sum(faces) / len(faces))
    return [Ref("progress.checkins", {"n": str(len(faces)), "average": average})]


def _series(read: ProgressFacts, key: str) -> list[int]:
    index = PARTS.index(key)
    return [r for _, week in read.weeks if (r := week.given[index]) is not None]


def _values(ratings: Sequence[int]) -> str:
    return ", ".join(str(r) for r in ratings)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
