"""Facts for testing a flow directly: everything a step may read, present and empty, then
the objects given in place of the empty ones (a test need not declare what it reads)."""

from __future__ import annotations

from datetime import datetime

from features.checkin.loaded import CheckInLine
from features.common.loaded import ClientSchedule, Goals, LastSerial, OwnQuestions, RecentWeeks
from features.fit.loaded import FitChecks
from features.kernel.vocabulary import Client, Facts
from features.learned.loaded import LearnedItems, Writings
from features.progress.loaded import PressedWeek, ProgressFacts
from features.reflection.loaded import OpenReflection, RecentRatings, ReflectedDates
from features.review.loaded import NoteFacts, SummaryWindow
from features.safety.loaded import SafetyPlan
from features.schedule.loaded import PressedPrompt
from features.share.loaded import ShareFacts

EMPTY = (
    Goals(),
    OwnQuestions(),
    ClientSchedule(),
    LastSerial(),
    OpenReflection(),
    RecentRatings(),
    ReflectedDates(),
    PressedPrompt(),
    FitChecks(),
    SummaryWindow(),
    NoteFacts(),
    SafetyPlan(),
    LearnedItems(),
    Writings(),
    ShareFacts(),
    CheckInLine(),
    RecentWeeks(),
    PressedWeek(),
    ProgressFacts(),
)


def facts_of(client: Client, now: datetime, *loaded: object) -> Facts:
    """The facts of a turn with every loaded thing empty but `loaded`."""
    return Facts(client, now).having(*EMPTY, *loaded)
