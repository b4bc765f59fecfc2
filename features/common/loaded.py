"""What several features read of the client, as loaded in the turn (features/common/loaders.py
reads them): their active goals and own questions, their schedule and prompt preferences,
the serial of their last reflection, and how they have been over recent weeks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from features.common.session_times import PromptPreferences, SessionSchedule


@dataclass(frozen=True, slots=True)
class Goals:
    """The client's active goals: id -> their words."""

    texts: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OwnQuestions:
    """The client's active own questions: id -> their words."""

    texts: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClientSchedule:
    """Their sessions and prompt preferences, if they set a schedule."""

    schedule: SessionSchedule | None = None
    prompt_prefs: PromptPreferences = field(default_factory=PromptPreferences)
    neutral_wording: bool = True  # discreet unless the client chose plain wording


@dataclass(frozen=True, slots=True)
class LastSerial:
    """The serial of the client's latest reflection (0: none yet)."""

    serial: int = 0


@dataclass(frozen=True, slots=True)
class WeekRatings:
    """How I've been: the client's four ratings of the week before one session (None: not
    given), and whether they skipped the four as a whole."""

    myself: int | None = None
    close: int | None = None
    daily: int | None = None
    overall: int | None = None
    skipped: bool = False

    @property
    def given(self) -> tuple[int | None, int | None, int | None, int | None]:
        """The four in the order they are asked."""
        return (self.myself, self.close, self.daily, self.overall)

    @property
    def settled(self) -> bool:
        """Answered (all four) or skipped as a whole: not asked again for its session."""
        return self.skipped or all(rating is not None for rating in self.given)


@dataclass(frozen=True, slots=True)
class RecentWeeks:
    """How I've been, for the sessions from `since` on, by session date, and the days of
    the client's sessions since then: what a reflection's start reads to know whether to
    ask the four first."""

    since: date | None = None
    weeks: Mapping[date, WeekRatings] = field(default_factory=dict)
    sessions: frozenset[date] = frozenset()

    def unsettled(self, session_date: date) -> bool:
        """Whether the four for this session are still to ask: it is one of the client's
        sessions, recent enough for "the past week" to mean it, and they were neither
        answered nor skipped."""
        if session_date not in self.sessions:
            return False
        found = self.weeks.get(session_date)
        return found is None or not found.settled
