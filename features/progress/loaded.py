"""What how I've been and /progress read, as loaded in the turn
(features/progress/loaders.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from features.common.loaded import WeekRatings


@dataclass(frozen=True, slots=True)
class PressedWeek:
    """The four of the session a pressed button names, as kept (None: none yet); no
    date when the button names none."""

    session_date: date | None = None
    week: WeekRatings | None = None


@dataclass(frozen=True, slots=True)
class GoalRatings:
    """One active goal: its words, and the progress the client rated on it after
    sessions, one (session date, rating) each, oldest first."""

    text: str
    points: tuple[tuple[date, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ProgressFacts:
    """What /progress shows: the four of every week rated, oldest first; each active
    goal's ratings; the faces of the check-ins of the last four weeks; the client's date."""

    weeks: tuple[tuple[date, WeekRatings], ...] = ()
    goals: tuple[GoalRatings, ...] = ()
    faces: tuple[int, ...] = ()
    today: date | None = None
