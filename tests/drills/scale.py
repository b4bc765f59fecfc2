"""How big each drill is: quick in every test run, long with DRILLS=long."""

from __future__ import annotations

import os

LONG = os.environ.get("DRILLS", "").strip().lower() == "long"


def sized(quick: int, long: int) -> int:
    """The quick figure, or the long one under DRILLS=long."""
    return long if LONG else quick
