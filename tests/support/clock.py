"""The bot's clock, set by the test: the bot reads the time from CLOCK_FILE."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


class Clock:
    """The bot's clock (CLOCK_FILE): the test sets the time, the bot reads it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def set(self, moment: datetime) -> None:
        assert moment.tzinfo is not None
        # Written aside and renamed into place: the bot must never read a half-written time.
        fresh = self.path.with_suffix(".new")
        fresh.write_text(moment.isoformat())
        fresh.replace(self.path)
