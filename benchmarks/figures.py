"""One row of the results table, and printing the table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

COLUMNS = ("benchmark", "figure", "unit", "target", "note")


@dataclass(frozen=True)
class Figure:
    """A measured figure with its unit, the target it is held against, and a short note."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    note: str = ""

    def shown(self) -> str:
        """The value with a sensible number of digits; '-' when not measured."""
        if self.value is None or math.isnan(self.value):
            return "-"
        if self.value == int(self.value) and abs(self.value) >= 1:
            return f"{int(self.value)}"
        return f"{self.value:.3g}" if abs(self.value) < 10 else f"{self.value:.1f}"


def table(figures: Sequence[Figure]) -> str:
    """A plain-text table, one figure per line."""
    rows = [COLUMNS, *((f.name, f.shown(), f.unit, f.target, f.note) for f in figures)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in [*widths, len(COLUMNS[-1])]))
    return "\n".join(lines)
