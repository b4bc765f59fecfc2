"""A chart of 0 to 10 ratings over session dates, as a PNG: /summary's ratings and goal
progress, the share page's "how I've been".

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, no global
figure state), so it is safe off the event loop's thread; one drawing at a time all the
same, as matplotlib's font cache is shared.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from features.kernel.formats import ENGLISH, short_day

WIDTH, HEIGHT, DPI = 9.0, 5.0, 110  # 990 x 550 pixels: sharp on a phone, small to send
_LABEL_LENGTH = 40
_COLOURS = ("#2f6f8f", "#c0703a", "#5b8c5a", "#8a5a9c")
_GOAL_COLOURS = ("#7a7a7a", "#b0a040", "#4aa0a0", "#a05070", "#506090")
_drawing = threading.Lock()
# Two reflections on one session's date are two points, this far apart on its day.
_SAME_DAY = timedelta(hours=6)
# Room either side of the first and last points: at least two days, so that one date
# spans days, ticked by day (matplotlib would widen a zero-width axis to years).
_PAD = timedelta(days=2)
_PAD_SHARE = 0.04


def render_png(
    dates: Sequence[date],
    series: Sequence[tuple[str, Sequence[int | None], bool]],
    title: str,
    *,
    size: tuple[float, float] = (WIDTH, HEIGHT),
    legend_columns: int = 3,
    language: str = ENGLISH,
) -> bytes:
    """A line per (label, values, is_goal), one value per date, on a 0 to 10 scale. The
    dates are the sessions', in order; a date may come more than once (two reflections on
    one session's date), each its own point. `size` is in inches (at 110 dots per inch);
    an empty title draws none."""
    where = positions(dates)
    low, high = x_limits(where)
    with _drawing:
        figure = Figure(figsize=size, dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        ratings = goals = 0
        for label, values, is_goal in series:
            points = [(_on_axis(x), v) for x, v in zip(where, values, strict=True) if v is not None]
            if not points:
                continue
            if is_goal:
                colour, style = _GOAL_COLOURS[goals % len(_GOAL_COLOURS)], "--"
                goals += 1
            else:
                colour, style = _COLOURS[ratings % len(_COLOURS)], "-"
                ratings += 1
            xs, ys = zip(*points, strict=True)
            marker = "o" if len(points) <= 60 else None
            axes.plot(xs, ys, style, color=colour, marker=marker, markersize=4, label=_safe(label))
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.grid(axis="y", alpha=0.3)
        axes.xaxis_date()
        axes.set_xlim(_on_axis(low), _on_axis(high))
        locator = AutoDateLocator(minticks=3)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        # Dates as the client's language writes them ("6 Oct", "6. Okt."), with no offset
        # text beside the legend (matplotlib's own names are the process's locale's).
        years = (high - low).days > 300
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _: short_day(_from_axis(x), language, year=years))
        )
        axes.spines[["top", "right"]].set_visible(False)
        if title:
            axes.set_title(_safe(title), loc="left", fontsize=12)
        axes.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncols=legend_columns,
            frameon=False,
            fontsize=8,
        )
        figure.tight_layout()
        buffer = io.BytesIO()
        # What was drawn, in words for a reader that can't see it (and for the tests).
        described = f"{len(where)} points; x axis {low:%Y-%m-%d} to {high:%Y-%m-%d}"
        figure.savefig(buffer, format="png", metadata={"Description": described})
        return buffer.getvalue()


def _from_axis(x: float) -> date:
    moment: datetime = num2date(x)  # type: ignore[no-untyped-call]
    return moment.date()


def positions(dates: Sequence[date]) -> list[datetime]:
    """Where each date's point goes: on its day; reflections sharing a date a few hours
    apart, around it, in order."""
    count, seen = Counter(dates), Counter[date]()
    found = []
    for day in dates:
        first = datetime.combine(day, time()) - (count[day] - 1) * _SAME_DAY / 2
        found.append(first + seen[day] * _SAME_DAY)
        seen[day] += 1
    return found


def _on_axis(moment: datetime) -> float:
    """A moment as matplotlib's date axis counts (days)."""
    return float(date2num(moment))  # type: ignore[no-untyped-call]


def x_limits(xs: Sequence[datetime]) -> tuple[datetime, datetime]:
    """The span of the x axis: the points' with room either side."""
    if not xs:
        today = datetime.combine(date.today(), time())
        return today - _PAD, today + _PAD
    first, last = min(xs), max(xs)
    pad = max(_PAD, (last - first) * _PAD_SHARE)
    return first - pad, last + pad


def _safe(label: str) -> str:
    """A label as written: shortened, and with `$` kept from starting matplotlib's math."""
    if len(label) > _LABEL_LENGTH:
        label = label[: _LABEL_LENGTH - 1].rstrip() + "\u2026"
    return label.replace("$", r"\$")
