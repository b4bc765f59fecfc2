"""The chart of a client's ratings and goal progress over time, as a PNG.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, no global
figure state), so it is safe off the event loop's thread; one drawing at a time all the
same, as matplotlib's font cache is shared.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

WIDTH, HEIGHT, DPI = 9.0, 5.0, 110  # 990 x 550 pixels: sharp on a phone, small to send
_LABEL_LENGTH = 40
_COLOURS = ("#2f6f8f", "#c0703a", "#5b8c5a", "#8a5a9c")
_GOAL_COLOURS = ("#7a7a7a", "#b0a040", "#4aa0a0", "#a05070", "#506090")
_drawing = threading.Lock()


def render_png(
    dates: Sequence[date],
    series: Sequence[tuple[str, Sequence[int | None], bool]],
    title: str,
) -> bytes:
    """A line per (label, values, is_goal), one value per date, on a 0 to 10 scale."""
    with _drawing:
        figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        ratings = goals = 0
        for label, values, is_goal in series:
            points = [(d, v) for d, v in zip(dates, values, strict=True) if v is not None]
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
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_title(_safe(title), loc="left", fontsize=12)
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3, frameon=False, fontsize=8
        )
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()


def _safe(label: str) -> str:
    """A label as written: shortened, and with `$` kept from starting matplotlib's math."""
    if len(label) > _LABEL_LENGTH:
        label = label[: _LABEL_LENGTH - 1].rstrip() + "\u2026"
    return label.replace("$", r"\$")
