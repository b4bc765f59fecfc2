"""Which prompts should exist for a client, from their schedule: pure, no I/O.

At any time a client with a schedule has, planned: the reflection prompt of the session in
progress or just ended (if still to come), the preparation note and reflection prompt of
their next session, and, if they chose one, their next check-in between sessions. After a
prompt is sent the plan moves on by itself (`plan` again from then); the storage's unique
key (client, kind, session date) makes planning idempotent.
"""

from __future__ import annotations

from datetime import date, datetime

from features.common.session_times import (
    PromptPreferences,
    Session,
    SessionSchedule,
    next_checkin,
    next_session,
    preparation_note_at,
    previous_session,
    reflection_prompt_at,
    reminder_at,
)
from storage.schedules import Planned

REFLECTION = "reflection"
REMINDER = "reminder"
PREPARATION = "preparation"
# The one-minute check-in between sessions; its "session date" is the local day it asks about.
CHECKIN = "checkin"


def plan(schedule: SessionSchedule, prefs: PromptPreferences, now: datetime) -> list[Planned]:
    """The prompts that should exist from `now` on."""
    planned: list[Planned] = []
    last = previous_session(schedule, now)
    if last is not None and reflection_prompt_at(last, schedule, prefs) > now:
        planned.append(_reflection(last, schedule, prefs))
    upcoming = next_session(schedule, now)
    if upcoming is not None:
        before = previous_session(schedule, upcoming.starts_at)
        note_at = preparation_note_at(upcoming, before, schedule, prefs)
        if note_at > now:
            planned.append(Planned(PREPARATION, upcoming.local_date, note_at))
        planned.append(_reflection(upcoming, schedule, prefs))
    checkin = next_checkin(schedule, prefs, now)
    if checkin is not None:
        planned.append(Planned(CHECKIN, *checkin))
    return planned


def reminder(
    session_date: date, prompted_at: datetime, schedule: SessionSchedule, prefs: PromptPreferences
) -> Planned | None:
    """The one gentle reminder of a reflection prompt sent at `prompted_at`, if any."""
    due = reminder_at(prompted_at, schedule, prefs)
    return Planned(REMINDER, session_date, due) if due is not None else None


def _reflection(session: Session, schedule: SessionSchedule, prefs: PromptPreferences) -> Planned:
    return Planned(REFLECTION, session.local_date, reflection_prompt_at(session, schedule, prefs))
