"""When a client's therapy sessions happen, and when the bot speaks around them. Pure: no I/O.

The client's times are local wall-clock times in their stored time zone; every moment this
module returns is an aware datetime in UTC. The current time is always a parameter.

Daylight saving, decided once here: a local time that does not exist (the spring-forward gap)
moves forward by the length of the gap, the way phone calendars show it (02:30 in Berlin on the
day clocks jump 02:00 -> 03:00 becomes 03:30); a local time that happens twice (the fall-back
fold) means the first of the two. A session keeps its local date whatever the clocks do: that
date is its identity, and the prompts around it are keyed by it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from features.common.timezones import zone_for

NOT_REGULAR = 0
_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)
# A session lands a day away from its local date only where a zone skips a whole day (Samoa,
# 2011), so two days either side of a window catch every session that starts inside it.
_MARGIN = timedelta(days=2)
# "Just before the quiet hours", for a preparation note that cannot wait until they end.
_BEFORE_QUIET = timedelta(minutes=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSchedule:
    """A client's usual sessions, and the ones they skipped or added."""

    weekdays: tuple[int, ...]  # 0 is Monday
    start: time  # local wall-clock time
    time_zone: str
    # The local date of a real session, by default the first after the schedule was set
    # (first_session_date). Regular sessions begin there; an every-N-weeks schedule is on the
    # calendar weeks (Monday to Sunday) a multiple of N weeks from the anchor's.
    anchor: date
    duration: timedelta = timedelta(minutes=50)
    every_weeks: int = 1  # 2: every other week; NOT_REGULAR: extra sessions only
    skipped: frozenset[date] = frozenset()  # local dates whose regular session is off
    # One-off sessions. One replaces the regular session of its local day (that is how a
    # client moves a session), so a day never has two sessions and its date names the session.
    extra: tuple[datetime, ...] = ()
    paused: bool = False

    def __post_init__(self) -> None:
        if len(set(self.weekdays)) != len(self.weekdays) or not set(self.weekdays) <= set(range(7)):
            raise ValueError(f"weekdays must be distinct numbers 0-6, not {self.weekdays}")
        if self.every_weeks < 0 or (self.every_weeks and not self.weekdays):
            raise ValueError("a regular schedule needs every_weeks >= 1 and a weekday")
        if self.start.tzinfo is not None:
            raise ValueError("start is a local wall-clock time, without a time zone")
        if self.duration <= timedelta(0):
            raise ValueError("a session lasts some time")
        if any(moment.tzinfo is None for moment in self.extra):
            raise ValueError("extra sessions are aware datetimes")
        zone_for(self.time_zone)  # an unknown zone fails now, not at the first prompt


@dataclass(frozen=True, slots=True, kw_only=True)
class PromptPreferences:
    """When the client wants to hear from the bot around their sessions."""

    reflection_delay: timedelta = timedelta(hours=1)
    reminder_after: timedelta = timedelta(hours=24)
    expires_after: timedelta = timedelta(days=4)
    quiet_start: time = time(22)
    quiet_end: time = time(8)
    preparation_time: time = time(19)
    preparation_fallback: timedelta = timedelta(hours=2)
    # The one-minute check-in between sessions, opt-in: the local weekdays it comes on (0 is
    # Monday) at `checkin_time`; no days (or no time): off.
    checkin_days: tuple[int, ...] = ()
    checkin_time: time | None = None

    def __post_init__(self) -> None:
        if self.reflection_delay < timedelta(0) or self.preparation_fallback <= timedelta(0):
            raise ValueError("prompts come after a session ends and notes before it starts")
        if not timedelta(0) < self.reminder_after < self.expires_after:
            raise ValueError("the reminder comes after the prompt and before it expires")
        if any(t.tzinfo for t in (self.quiet_start, self.quiet_end, self.preparation_time)):
            raise ValueError("quiet hours and the preparation time are local wall-clock times")
        if not set(self.checkin_days) <= set(range(7)) or (
            self.checkin_time is not None and self.checkin_time.tzinfo is not None
        ):
            raise ValueError("check-in days are weekdays 0-6, its time a local wall-clock time")

    @property
    def checks_in(self) -> bool:
        """Whether the client chose a check-in between sessions."""
        return bool(self.checkin_days) and self.checkin_time is not None


@dataclass(frozen=True, slots=True)
class Session:
    """One therapy session; its local date is its identity (one session a day at most)."""

    local_date: date
    starts_at: datetime
    ends_at: datetime
    is_extra: bool = False


def first_session_date(
    weekdays: tuple[int, ...], start: time, time_zone: str, set_at_utc: datetime
) -> date:
    """The local date of the first session after the client set their schedule: the anchor."""
    if not weekdays or not set(weekdays) <= set(range(7)):
        raise ValueError(f"no first session on weekdays {weekdays}")
    zone = zone_for(time_zone)
    today = set_at_utc.astimezone(zone).date()
    candidates = (today + n * _DAY for n in range(15))
    return next(
        day
        for day in candidates
        if day.weekday() in weekdays and _moment(day, start, zone) > set_at_utc
    )


def sessions_between(
    schedule: SessionSchedule, start_utc: datetime, end_utc: datetime
) -> list[Session]:
    """Every session starting in [start_utc, end_utc), earliest first, none twice."""
    if start_utc.tzinfo is None or end_utc.tzinfo is None:
        raise ValueError("the window is two aware datetimes")
    if schedule.paused or end_utc <= start_utc:
        return []
    zone = zone_for(schedule.time_zone)
    extras = _extra_sessions(schedule, zone)
    found = [s for s in extras.values() if start_utc <= s.starts_at < end_utc]
    if schedule.every_weeks != NOT_REGULAR:
        # Only the days in the window are visited: a schedule set years ago costs no more.
        day = max(start_utc.astimezone(zone).date() - _MARGIN, schedule.anchor)
        last = end_utc.astimezone(zone).date() + _MARGIN
        while day <= last:
            if day not in extras and _is_regular_day(schedule, day):
                starts_at = _moment(day, schedule.start, zone)
                if start_utc <= starts_at < end_utc:
                    found.append(Session(day, starts_at, starts_at + schedule.duration))
            day += _DAY
    return _in_order(found)


def next_session(schedule: SessionSchedule, after_utc: datetime) -> Session | None:
    """The first session that starts after the given moment, if any ever will."""
    if schedule.paused:
        return None
    extras = _extra_sessions(schedule, zone_for(schedule.time_zone)).values()
    next_extra = min((s for s in extras if s.starts_at > after_utc), key=_start, default=None)
    if schedule.every_weeks == NOT_REGULAR:
        return next_extra
    window_start = max(after_utc + _TICK, _series_start(schedule))
    if next_extra is not None and next_extra.starts_at < window_start:
        return next_extra
    # Each stretch holds a regular session unless all its sessions were skipped, and skipped
    # dates are few: the search ends soon.
    stretch = timedelta(weeks=schedule.every_weeks) + _MARGIN
    while not (found := sessions_between(schedule, window_start, window_start + stretch)):
        window_start += stretch
    return found[0]


def previous_session(schedule: SessionSchedule, before_utc: datetime) -> Session | None:
    """The last session that started before the given moment, if any."""
    if schedule.paused:
        return None
    extras = _extra_sessions(schedule, zone_for(schedule.time_zone)).values()
    last_extra = max((s for s in extras if s.starts_at < before_utc), key=_start, default=None)
    if schedule.every_weeks == NOT_REGULAR:
        return last_extra
    stretch = timedelta(weeks=schedule.every_weeks) + _MARGIN
    window_end = before_utc
    while window_end > _series_start(schedule):
        found = sessions_between(schedule, window_end - stretch, window_end)
        if found:
            return found[-1]
        window_end -= stretch
    return last_extra


def without_session(schedule: SessionSchedule, session: Session) -> SessionSchedule:
    """The schedule with one session skipped (/skip): a regular one marked, an extra removed."""
    if not session.is_extra:
        return replace(schedule, skipped=schedule.skipped | {session.local_date})
    kept = tuple(moment for moment in schedule.extra if moment != session.starts_at)
    return replace(schedule, extra=kept)


def reflection_prompt_at(
    session: Session, schedule: SessionSchedule, prefs: PromptPreferences
) -> datetime:
    """When to ask how the session went: a while after it ends, outside quiet hours."""
    due = session.ends_at + prefs.reflection_delay
    return out_of_quiet_hours(due, schedule.time_zone, prefs)


def reminder_at(
    prompted_at: datetime, schedule: SessionSchedule, prefs: PromptPreferences
) -> datetime | None:
    """The one gentle reminder of an unanswered prompt; None when it would come too late."""
    # Quiet hours can push it to or past the expiry (only with a short expiry): better no
    # reminder than one about a question already withdrawn.
    due = out_of_quiet_hours(prompted_at + prefs.reminder_after, schedule.time_zone, prefs)
    return due if due < expires_at(prompted_at, prefs) else None


def expires_at(prompted_at: datetime, prefs: PromptPreferences) -> datetime:
    """When an unanswered prompt is withdrawn without a word (so quiet hours do not apply)."""
    return prompted_at + prefs.expires_after


def preparation_note_at(
    session: Session,
    previous_session: Session | None,
    schedule: SessionSchedule,
    prefs: PromptPreferences,
) -> datetime:
    """When to send the note before a session: the evening before, or shortly before it."""
    zone = zone_for(schedule.time_zone)
    shortly_before = session.starts_at - prefs.preparation_fallback
    evening = _moment(session.local_date - _DAY, prefs.preparation_time, zone)
    # The evening after a session is for reflecting on it: after a session the day before (or
    # a reflection prompt still to come that evening) the note comes shortly before instead.
    # Nor is the evening note ever later than that (a session just after midnight).
    evening_is_free = previous_session is None or (
        previous_session.local_date < session.local_date - _DAY
        and reflection_prompt_at(previous_session, schedule, prefs) < evening
    )
    planned = min(evening, shortly_before) if evening_is_free else shortly_before
    moved = out_of_quiet_hours(planned, schedule.time_zone, prefs)
    # A note after the session began is useless: then it comes just before the quiet hours.
    if moved < session.starts_at:
        return moved
    return _just_before_quiet_hours(planned, zone, prefs)


# How far ahead the next check-in is looked for: every weekday five times over, so a day
# that is a session day every other week still finds its free week.
_CHECKIN_REACH = 35


def next_checkin(
    schedule: SessionSchedule, prefs: PromptPreferences, after_utc: datetime
) -> tuple[date, datetime] | None:
    """The next check-in between sessions after the moment: its local date and when it
    comes. None when the client chose none, while paused, and when its time is inside the
    quiet hours (it never comes in them; the client chooses another time). A day with a
    session has none: looking back on the session covers that day."""
    if schedule.paused or not prefs.checks_in or prefs.checkin_time is None:
        return None
    if is_quiet(prefs.checkin_time, prefs):
        return None
    zone = zone_for(schedule.time_zone)
    today = after_utc.astimezone(zone).date()
    for n in range(_CHECKIN_REACH):
        day = today + n * _DAY
        if day.weekday() not in prefs.checkin_days:
            continue
        at = _moment(day, prefs.checkin_time, zone)
        local = at.astimezone(zone)
        # A spring-forward gap moves the time on; into quiet hours, or past midnight: none.
        if at <= after_utc or local.date() != day or is_quiet(local.time(), prefs):
            continue
        if not has_session_on(schedule, day):
            return day, at
    return None


def has_session_on(schedule: SessionSchedule, day: date) -> bool:
    """Whether a session (regular, not skipped, or one-off) is on this local date."""
    zone = zone_for(schedule.time_zone)
    around = sessions_between(
        schedule, _moment(day - _MARGIN, time(), zone), _moment(day + _MARGIN, time(), zone)
    )
    return any(session.local_date == day for session in around)


def checkin_welcome(day: date, now_utc: datetime, time_zone: str, prefs: PromptPreferences) -> bool:
    """Whether a check-in for this local day may still be sent now (late, after an outage):
    only on its own day and outside the quiet hours."""
    local = now_utc.astimezone(zone_for(time_zone))
    return local.date() == day and not is_quiet(local.time(), prefs)


# How late a prompt may be and still go out as planned though the quiet hours have begun: a
# note planned for just before them (see preparation_note_at) must not be held back by a
# send that took a few minutes in a burst.
QUIET_SLACK = timedelta(minutes=10)


def held_for_quiet_hours(
    due_utc: datetime, now_utc: datetime, time_zone: str, prefs: PromptPreferences
) -> datetime | None:
    """When a prompt due at `due_utc` may go out instead of now, because now is in the
    client's quiet hours (it came due while the bot was down, or the quiet hours changed to
    cover it): the end of those quiet hours. None: send it now."""
    local_now = now_utc.astimezone(zone_for(time_zone))
    if not is_quiet(local_now.time(), prefs):
        return None
    local_due = due_utc.astimezone(zone_for(time_zone))
    if now_utc - due_utc <= QUIET_SLACK and not is_quiet(local_due.time(), prefs):
        return None
    return out_of_quiet_hours(now_utc, time_zone, prefs)


def out_of_quiet_hours(when_utc: datetime, time_zone: str, prefs: PromptPreferences) -> datetime:
    """The moment itself, or the end of the quiet hours it falls in (local wall clock)."""
    zone = zone_for(time_zone)
    local = when_utc.astimezone(zone)
    if not is_quiet(local.time(), prefs):
        return when_utc
    spans_midnight = prefs.quiet_start > prefs.quiet_end
    day = local.date()
    if spans_midnight and local.time() >= prefs.quiet_start:
        day += _DAY
    first = _moment(day, prefs.quiet_end, zone)
    # When the quiet hours end inside a fall-back fold, a moment in its second pass still
    # reads as quiet; their end is then the second pass of the same wall-clock time.
    moved = first if first > when_utc else _moment(day, prefs.quiet_end, zone, fold=1)
    # If the quiet hours end inside a spring-forward gap longer than the hours between them,
    # the clock already reads quiet again: then the next end counts.
    return out_of_quiet_hours(moved, time_zone, prefs)


def is_quiet(wall_clock: time, prefs: PromptPreferences) -> bool:
    """Whether a local wall-clock time is in the quiet hours (equal ends: there are none)."""
    start, end = prefs.quiet_start, prefs.quiet_end
    if start <= end:
        return start <= wall_clock < end
    return wall_clock >= start or wall_clock < end


def _just_before_quiet_hours(inside: datetime, zone: tzinfo, prefs: PromptPreferences) -> datetime:
    """The last minute before the quiet hours around `inside` began."""
    local = inside.astimezone(zone)
    day = local.date()
    if prefs.quiet_start > prefs.quiet_end and local.time() < prefs.quiet_end:
        day -= _DAY
    # Of a start in a gap or a fold, the earlier reading: it is surely not after `inside`.
    began = min(_moment(day, prefs.quiet_start, zone, fold=f) for f in (0, 1))
    before = began - _BEFORE_QUIET
    if is_quiet(before.astimezone(zone).time(), prefs):  # the minute fell into a gap
        return _just_before_quiet_hours(before, zone, prefs)
    return before


def _is_regular_day(schedule: SessionSchedule, day: date) -> bool:
    if day < schedule.anchor or day in schedule.skipped or day.weekday() not in schedule.weekdays:
        return False
    weeks = (_monday(day) - _monday(schedule.anchor)).days // 7
    return weeks % schedule.every_weeks == 0


def _extra_sessions(schedule: SessionSchedule, zone: tzinfo) -> dict[date, Session]:
    """The extra sessions by local date; of two on one day, the earlier."""
    by_day: dict[date, Session] = {}
    for moment in sorted(schedule.extra):
        starts_at = moment.astimezone(UTC)
        day = moment.astimezone(zone).date()
        by_day.setdefault(day, Session(day, starts_at, starts_at + schedule.duration, True))
    return by_day


def _in_order(sessions: list[Session]) -> list[Session]:
    """Sorted by start, none twice."""
    # Where a zone skipped a day (Samoa, 2011) two sessions land on one moment: keep the one of
    # the day that really happened, the later.
    ordered: list[Session] = []
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.local_date)):
        if ordered and ordered[-1].starts_at == session.starts_at:
            ordered[-1] = session
        else:
            ordered.append(session)
    return ordered


def _moment(day: date, wall_clock: time, zone: tzinfo, fold: int = 0) -> datetime:
    """A local date and wall-clock time in UTC; fold=0 reads gaps and folds as decided above."""
    local = datetime.combine(day, wall_clock.replace(tzinfo=None, fold=fold), zone)
    return local.astimezone(UTC)


def _series_start(schedule: SessionSchedule) -> datetime:
    """A moment surely before the first regular session."""
    return datetime.combine(schedule.anchor - _MARGIN, time(), UTC)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _start(session: Session) -> datetime:
    return session.starts_at
