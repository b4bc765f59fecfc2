"""A client's reflections as plain data, read for review: the summary, the chart, the export."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from features.common.loaded import WeekRatings
from features.common.questions import GOAL, OWN

# A reflection left unfinished with fewer answers than this (a stray tap, then /cancel) was
# only started: shown as such, but no session of its own: not counted, not drawn on the
# chart, with no trend arrows, and not what the next session's trends compare with.
FEWEST_ANSWERS = 3


@dataclass(frozen=True, slots=True)
class Answered:
    """One answer as kept: a rating, words, or both (a rating with a comment)."""

    question: str
    rating: int | None = None
    text: str | None = None
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class Session:
    """One reflection: the session it looked back on and what the client answered."""

    serial: int
    session_date: date
    started_at: datetime
    finished: bool
    questions: tuple[str, ...]
    answers: Mapping[str, Answered] = field(default_factory=dict)

    @property
    def only_started(self) -> bool:
        """Left unfinished with almost nothing answered: not a session's reflection yet."""
        given = sum(not a.skipped for a in self.answers.values())
        return not self.finished and given < FEWEST_ANSWERS

    def rating(self, question: str) -> int | None:
        """The rating given to `question`, if any."""
        answer = self.answers.get(question)
        return answer.rating if answer is not None else None

    def in_order(self) -> tuple[Answered, ...]:
        """The answers in the order the questions were asked; any others after them."""
        asked = [self.answers[q] for q in self.questions if q in self.answers]
        others = [a for q, a in sorted(self.answers.items()) if q not in self.questions]
        return (*asked, *others)


@dataclass(frozen=True, slots=True)
class History:
    """The reflections in a window, oldest first, with what's needed to show their trends."""

    sessions: tuple[Session, ...]
    # Per rating question, the last rating given before the window's first session.
    earlier: Mapping[str, int] = field(default_factory=dict)
    # The client's words for every goal and own question ever asked (set aside ones too).
    goals: Mapping[int, str] = field(default_factory=dict)
    own_questions: Mapping[int, str] = field(default_factory=dict)
    # How many reflections the client has in all, inside the window or not.
    total: int = 0
    # The newest serial when the window was read: pages stay the same while paging.
    upto: int = 0
    # The first day of the window asked for (None: all of them), to say whether it
    # reached further back to show enough sessions.
    since: date | None = None
    # How I've been: the client's four ratings of the week before each session, by its
    # date (those of the window's sessions).
    weeks: Mapping[date, WeekRatings] = field(default_factory=dict)

    @property
    def counted(self) -> tuple[Session, ...]:
        """The sessions that count as reflected on (not those only started)."""
        return tuple(s for s in self.sessions if not s.only_started)


def previous_ratings(history: History) -> dict[int, dict[str, int]]:
    """For each session (by serial), the rating each question had the time before: what
    the trend arrows compare against. A reflection only started has no trends, and is
    not what the next compares with."""
    last: dict[str, int] = dict(history.earlier)
    before: dict[int, dict[str, int]] = {}
    for session in history.sessions:
        before[session.serial] = {} if session.only_started else dict(last)
        if session.only_started:
            continue
        for question, answer in session.answers.items():
            if answer.rating is not None:
                last[question] = answer.rating
    return before


def goal_of(question: str, history: History) -> str | None:
    """The client's words for the goal a `goal:<id>` question is about."""
    raw = question.removeprefix(GOAL)
    return history.goals.get(int(raw)) if raw.isdecimal() else None


def own_question_of(question: str, history: History) -> str | None:
    """The client's words for their own question `own:<id>`."""
    raw = question.removeprefix(OWN)
    return history.own_questions.get(int(raw)) if raw.isdecimal() else None
