"""What time it is. The system clock, or for tests and demos a clock read from a file, so a
whole week of sessions and prompts can be played in seconds without touching the machine."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    """Tells the current moment, as an aware datetime in UTC."""

    def now(self) -> datetime:
        """The current moment."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """The current moment."""
        return datetime.now(UTC)


class FileClock:
    """The moment written in a file (ISO 8601, e.g. 2026-11-24T17:50:00+00:00), re-read on
    every call so a test can move time on; the system clock while the file is absent."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def now(self) -> datetime:
        """The moment in the file."""
        try:
            text = self._path.read_text(encoding="utf-8").strip()
        except OSError:
            return datetime.now(UTC)
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise ValueError(f"{self._path} must hold a moment with its UTC offset")
        return moment.astimezone(UTC)


def clock_for(path: Path | None) -> Clock:
    """The file clock when a file is configured (CLOCK_FILE), else the system clock."""
    return FileClock(path) if path is not None else SystemClock()
