"""The chart of /progress, as a PNG: how I've been (overall the thickest line, then the
three parts) and each active goal (dashed), one point per week or session, 0 to 10.

Colours from the Okabe-Ito palette, told apart by people with any common colour vision
deficiency, and each line has its own marker and style too, so the chart reads in grey.
Drawn with matplotlib's object API on the Agg canvas, one drawing at a time (its font
cache is shared), off the event loop's thread (handlers/media.py).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from features.kernel.formats import ENGLISH, short_day

WIDTH, HEIGHT, DPI = 9.0, 5.0, 110
_LABEL_LENGTH = 40
# Okabe-Ito: black, blue, orange, bluish green; goals in vermillion, sky blue, reddish
# purple, and grey after that (yellow is too pale on white).
_OWN = (("#000000", "o", 2.8), ("#0072B2", "s", 1.6), ("#E69F00", "^", 1.6), ("#009E73", "D", 1.6))
_GOALS = (("#D55E00", "v"), ("#56B4E9", "P"), ("#CC79A7", "X"), ("#7a7a7a", "*"))
_PAD = timedelta(days=3)
_drawing = threading.Lock()


def render_png(
    dates: Sequence[date],
    series: Sequence[tuple[str, Sequence[int | None], bool]],
    title: str,
    language: str = ENGLISH,
) -> bytes:
    """A line per (label, values, is_goal), one value per date; how I've been first
    (overall first), then the goals."""
    where = [_on_axis(datetime.combine(day, time())) for day in dates]
    with _drawing:
        figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        own = goals = 0
        for label, values, is_goal in series:
            points = [(x, v) for x, v in zip(where, values, strict=True) if v is not None]
            if not points:
                continue
            xs, ys = zip(*points, strict=True)
            if is_goal:
                colour, marker = _GOALS[min(goals, len(_GOALS) - 1)]
                width, style, layer = 1.6, "--", 2
                goals += 1
            else:
                colour, marker, width = _OWN[own % len(_OWN)]
                # Overall (the first) on top of the lines it sums up.
                style, layer = "-", 3 if own == 0 else 2
                own += 1
            axes.plot(
                xs, ys, style, color=colour, marker=marker, markersize=5, linewidth=width,
                label=_safe(label), zorder=layer,
            )  # fmt: skip
        axes.set_ylim(-0.3, 10.3)
        axes.set_yticks(range(0, 11, 2))
        axes.set_ylabel("0\u201310")  # the same in every language
        axes.grid(axis="y", alpha=0.3)
        axes.xaxis_date()
        if where:
            span = (max(where) - min(where)) * 0.04
            pad = max(_PAD.days, span)
            axes.set_xlim(min(where) - pad, max(where) + pad)
        locator = AutoDateLocator(minticks=3)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        # Dates as the client's language writes them ("6 Oct", "6. Okt."), with no offset
        # text beside the legend (matplotlib's own names are the process's locale's).
        years = bool(where) and max(where) - min(where) > 300
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _: short_day(_from_axis(x), language, year=years))
        )
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(_safe(title, 80), loc="left", fontsize=12)
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=4, frameon=False, fontsize=8
        )
        figure.tight_layout()
        buffer = io.BytesIO()
        first = f"{min(dates):%Y-%m-%d}" if dates else "-"
        last = f"{max(dates):%Y-%m-%d}" if dates else "-"
        drawn = sum(1 for _, values, _ in series if any(v is not None for v in values))
        described = f"{len(dates)} dates, {drawn} lines; x axis {first} to {last}"
        figure.savefig(buffer, format="png", metadata={"Description": described})
        return buffer.getvalue()


def _from_axis(x: float) -> date:
    moment: datetime = num2date(x)  # type: ignore[no-untyped-call]
    return moment.date()


def _on_axis(moment: datetime) -> float:
    return float(date2num(moment))  # type: ignore[no-untyped-call]


def _safe(label: str, longest: int = _LABEL_LENGTH) -> str:
    """A label as written: shortened, and with `$` kept from starting matplotlib's math."""
    if len(label) > longest:
        label = label[: longest - 1].rstrip() + "\u2026"
    return label.replace("$", r"\$")
