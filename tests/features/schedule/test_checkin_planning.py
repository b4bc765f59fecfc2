"""When the one-minute check-in between sessions comes: the chosen local day and time, once
a day, never on a session day, while paused, or inside the quiet hours; daylight saving
changes keep it at the same wall-clock time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from features.common.session_times import (
    PromptPreferences,
    SessionSchedule,
    checkin_welcome,
    has_session_on,
    next_checkin,
)
from features.schedule.planning import CHECKIN, plan

BERLIN = ZoneInfo("Europe/Berlin")
# Tuesdays at 17:00 in Berlin, from Tuesday 24 November 2026.
TUESDAYS = SessionSchedule(
    weekdays=(1,), start=time(17), time_zone="Europe/Berlin", anchor=date(2026, 11, 24)
)
THURSDAYS_AT_19 = PromptPreferences(checkin_days=(3,), checkin_time=time(19))
MONDAY = datetime(2026, 11, 23, 10, tzinfo=BERLIN)


def berlin(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def checkins(
    schedule: SessionSchedule, prefs: PromptPreferences, now: datetime
) -> list[tuple[date, datetime]]:
    return [(p.session_date, p.due_at) for p in plan(schedule, prefs, now) if p.kind == CHECKIN]


def day_of(found: tuple[date, datetime] | None) -> date | None:
    return found[0] if found is not None else None


def test_the_check_in_comes_on_the_chosen_local_day_and_time():
    found = next_checkin(TUESDAYS, THURSDAYS_AT_19, MONDAY)
    assert found == (date(2026, 11, 26), berlin(26, 11, 19).astimezone(UTC))
    assert checkins(TUESDAYS, THURSDAYS_AT_19, MONDAY) == [found]


def test_once_its_time_has_passed_the_next_week_is_planned():
    assert next_checkin(TUESDAYS, THURSDAYS_AT_19, berlin(26, 11, 19)) == (
        date(2026, 12, 3),
        berlin(3, 12, 19).astimezone(UTC),
    )
    assert day_of(next_checkin(TUESDAYS, THURSDAYS_AT_19, berlin(26, 11, 18, 59))) == date(
        2026, 11, 26
    )


def test_off_means_none_planned():
    assert next_checkin(TUESDAYS, PromptPreferences(), MONDAY) is None
    no_time = PromptPreferences(checkin_days=(3,))
    assert next_checkin(TUESDAYS, no_time, MONDAY) is None
    assert checkins(TUESDAYS, PromptPreferences(), MONDAY) == []


def test_none_while_paused():
    assert next_checkin(replace(TUESDAYS, paused=True), THURSDAYS_AT_19, MONDAY) is None


def test_a_day_with_a_session_has_none_the_reflection_covers_it():
    every_day = replace(THURSDAYS_AT_19, checkin_days=tuple(range(7)))
    first = next_checkin(TUESDAYS, every_day, berlin(23, 11, 19))
    assert first is not None and first[0] == date(2026, 11, 25)  # Tuesday the 24th skipped
    assert day_of(next_checkin(TUESDAYS, every_day, first[1])) == date(2026, 11, 26)
    on_tuesdays = replace(THURSDAYS_AT_19, checkin_days=(1,))
    assert next_checkin(TUESDAYS, on_tuesdays, MONDAY) is None  # every Tuesday has a session


def test_a_one_off_session_takes_the_days_check_in_and_a_skipped_one_gives_it_back():
    moved = replace(TUESDAYS, extra=(berlin(26, 11, 10).astimezone(UTC),))
    assert has_session_on(moved, date(2026, 11, 26))
    assert day_of(next_checkin(moved, THURSDAYS_AT_19, MONDAY)) == date(2026, 12, 3)
    on_tuesdays = replace(THURSDAYS_AT_19, checkin_days=(1,))
    skipped = replace(TUESDAYS, skipped=frozenset({date(2026, 12, 1)}))
    assert day_of(next_checkin(skipped, on_tuesdays, MONDAY)) == date(2026, 12, 1)


def test_every_other_week_the_free_week_has_it():
    fortnightly = replace(TUESDAYS, every_weeks=2)
    on_tuesdays = replace(THURSDAYS_AT_19, checkin_days=(1,))
    assert day_of(next_checkin(fortnightly, on_tuesdays, MONDAY)) == date(2026, 12, 1)


def test_a_time_inside_the_quiet_hours_never_comes():
    late = replace(THURSDAYS_AT_19, checkin_time=time(23))
    assert next_checkin(TUESDAYS, late, MONDAY) is None
    covered = replace(THURSDAYS_AT_19, quiet_start=time(18), quiet_end=time(8))
    assert next_checkin(TUESDAYS, covered, MONDAY) is None
    no_quiet = replace(late, quiet_start=time(0), quiet_end=time(0))
    assert day_of(next_checkin(TUESDAYS, no_quiet, MONDAY)) == date(2026, 11, 26)


def test_daylight_saving_keeps_the_wall_clock_time():
    sundays = replace(THURSDAYS_AT_19, checkin_days=(6,))
    before = next_checkin(TUESDAYS, sundays, berlin(20, 3, 12, year=2027))
    after = next_checkin(TUESDAYS, sundays, berlin(27, 3, 12, year=2027))
    assert before is not None and after is not None
    assert before[1].astimezone(BERLIN).hour == after[1].astimezone(BERLIN).hour == 19
    assert after[1] - before[1] == timedelta(days=7, hours=-1)  # the clocks went forward
    autumn = next_checkin(TUESDAYS, sundays, berlin(25, 10, 12, year=2027))
    assert autumn is not None and autumn[0] == date(2027, 10, 31)
    assert autumn[1] == datetime(2027, 10, 31, 18, tzinfo=UTC)  # 19:00 CET


def test_a_time_in_the_spring_gap_moves_on_and_a_gap_into_quiet_hours_skips_the_day():
    sundays_at_2_30 = PromptPreferences(
        checkin_days=(6,), checkin_time=time(2, 30), quiet_start=time(0), quiet_end=time(0)
    )
    found = next_checkin(TUESDAYS, sundays_at_2_30, berlin(27, 3, 12, year=2027))
    assert found is not None and found[0] == date(2027, 3, 28)
    assert found[1].astimezone(BERLIN).time() == time(3, 30)
    quiet_from_3 = replace(sundays_at_2_30, quiet_start=time(3), quiet_end=time(6))
    found = next_checkin(TUESDAYS, quiet_from_3, berlin(27, 3, 12, year=2027))
    assert found is not None and found[0] == date(2027, 4, 4)  # the moved time was quiet


def test_late_it_comes_only_on_its_own_day_outside_the_quiet_hours():
    thursday = date(2026, 11, 26)
    prefs = THURSDAYS_AT_19
    assert checkin_welcome(thursday, berlin(26, 11, 21), "Europe/Berlin", prefs)
    assert not checkin_welcome(thursday, berlin(26, 11, 22, 30), "Europe/Berlin", prefs)
    assert not checkin_welcome(thursday, berlin(27, 11, 9), "Europe/Berlin", prefs)
