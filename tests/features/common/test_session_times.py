"""When sessions happen and when the bot speaks around them, in every kind of time zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from features.common.session_times import (
    NOT_REGULAR,
    PromptPreferences,
    Session,
    SessionSchedule,
    expires_at,
    first_session_date,
    held_for_quiet_hours,
    is_quiet,
    next_session,
    out_of_quiet_hours,
    preparation_note_at,
    previous_session,
    reflection_prompt_at,
    reminder_at,
    sessions_between,
    without_session,
)
from features.common.timezones import zone_for
from features.schedule.parsing import (
    format_local,
    parse_session_time,
    read_one_off,
    read_session_time,
)

BERLIN = "Europe/Berlin"
DEFAULTS = PromptPreferences()
NO_QUIET_HOURS = PromptPreferences(quiet_start=time(0), quiet_end=time(0))
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, SUNDAY = 0, 1, 2, 3, 6


def at(zone: str, y: int, mo: int, d: int, h: int = 0, mi: int = 0, fold: int = 0) -> datetime:
    """A local wall-clock moment, as an aware datetime in UTC."""
    return datetime(y, mo, d, h, mi, fold=fold, tzinfo=zone_for(zone)).astimezone(UTC)


def wall_clock(moment: datetime, zone: str) -> datetime:
    """The moment as the client's clock shows it, without the zone."""
    return moment.astimezone(zone_for(zone)).replace(tzinfo=None)


def weekly(zone: str = BERLIN, **changes: object) -> SessionSchedule:
    """A Tuesday 17:00 weekly schedule since Tuesday 2026-01-06, with any changes."""
    schedule = SessionSchedule(
        weekdays=(TUESDAY,), start=time(17), time_zone=zone, anchor=date(2026, 1, 6)
    )
    return replace(schedule, **changes)  # type: ignore[arg-type]


def dates(sessions: list[Session]) -> list[date]:
    return [s.local_date for s in sessions]


# The acceptance example of issue 3.


def test_a_client_who_sets_up_on_monday_hears_after_tuesdays_session_and_before_the_next():
    set_up = at(BERLIN, 2026, 11, 23, 10)
    anchor = first_session_date((TUESDAY,), time(17), BERLIN, set_up)
    schedule = SessionSchedule(weekdays=(TUESDAY,), start=time(17), time_zone=BERLIN, anchor=anchor)
    first = next_session(schedule, set_up)
    assert first is not None
    second = next_session(schedule, first.starts_at)
    assert second is not None

    reflection = reflection_prompt_at(first, schedule, DEFAULTS)
    preparation = preparation_note_at(second, first, schedule, DEFAULTS)

    assert first.local_date == date(2026, 11, 24)
    assert reflection == at(BERLIN, 2026, 11, 24, 18, 50)
    assert format_local(reflection, BERLIN) == "Tuesday 24 November, 18:50"
    assert preparation == at(BERLIN, 2026, 11, 30, 19)
    assert format_local(preparation, BERLIN) == "Monday 30 November, 19:00"


def test_the_first_session_is_next_week_when_this_weeks_has_begun():
    just_after = at(BERLIN, 2026, 11, 24, 17, 1)
    assert first_session_date((TUESDAY,), time(17), BERLIN, just_after) == date(2026, 12, 1)


# Daylight saving: one session, at a sensible time, on the days the clocks change.

DST_DAYS = [
    # zone, weekday, session time, the day the clocks change, when it really starts (UTC)
    pytest.param(BERLIN, SUNDAY, time(2, 30), date(2026, 3, 29), datetime(2026, 3, 29, 1, 30),
                 id="berlin-spring-forward: 02:30 does not exist, 03:30 CEST"),
    pytest.param(BERLIN, SUNDAY, time(2, 30), date(2026, 10, 25), datetime(2026, 10, 25, 0, 30),
                 id="berlin-fall-back: the first 02:30, CEST"),
    pytest.param("America/New_York", SUNDAY, time(2, 30), date(2026, 3, 8),
                 datetime(2026, 3, 8, 7, 30), id="new-york-spring-forward: 03:30 EDT"),
    pytest.param("America/New_York", SUNDAY, time(1, 30), date(2026, 11, 1),
                 datetime(2026, 11, 1, 5, 30), id="new-york-fall-back: the first 01:30, EDT"),
    pytest.param("Australia/Lord_Howe", SUNDAY, time(2, 15), date(2026, 10, 4),
                 datetime(2026, 10, 3, 15, 45), id="lord-howe-half-hour-gap: 02:45 +11"),
    pytest.param("Australia/Lord_Howe", SUNDAY, time(1, 45), date(2026, 4, 5),
                 datetime(2026, 4, 4, 14, 45), id="lord-howe-half-hour-fold: the first, +11"),
    pytest.param("Pacific/Chatham", SUNDAY, time(3), date(2026, 9, 27),
                 datetime(2026, 9, 26, 14, 15), id="chatham-gap: 04:00 +13:45"),
    pytest.param("Pacific/Chatham", SUNDAY, time(3), date(2026, 4, 5),
                 datetime(2026, 4, 4, 13, 15), id="chatham-fold: the first 03:00, +13:45"),
    pytest.param("Asia/Kolkata", TUESDAY, time(17), date(2026, 3, 31),
                 datetime(2026, 3, 31, 11, 30), id="kolkata-no-dst: +05:30 all year"),
]  # fmt: skip


@pytest.mark.parametrize(("zone", "weekday", "start", "day", "starts_at"), DST_DAYS)
def test_a_session_on_the_day_the_clocks_change_happens_once_at_a_sensible_time(
    zone, weekday, start, day, starts_at
):
    schedule = SessionSchedule(
        weekdays=(weekday,), start=start, time_zone=zone, anchor=date(2026, 1, 1)
    )
    the_day_before = datetime.combine(day - timedelta(days=1), time(), UTC)

    around = sessions_between(
        schedule, the_day_before - timedelta(days=2), the_day_before + timedelta(days=4)
    )
    upcoming = next_session(schedule, the_day_before)

    assert dates(around) == [day]
    assert upcoming == around[0]
    assert upcoming.starts_at == starts_at.replace(tzinfo=UTC)
    assert upcoming.ends_at == upcoming.starts_at + timedelta(minutes=50)
    prompt = reflection_prompt_at(upcoming, schedule, DEFAULTS)
    assert prompt > upcoming.ends_at
    assert not is_quiet(wall_clock(prompt, zone).time(), DEFAULTS)


def test_the_spring_forward_session_shows_at_0330_like_a_phone_calendar_and_the_prompt_at_0800():
    schedule = weekly(weekdays=(SUNDAY,), start=time(2, 30))
    weeks = sessions_between(schedule, at(BERLIN, 2026, 3, 21), at(BERLIN, 2026, 4, 6))

    shown = [wall_clock(s.starts_at, BERLIN) for s in weeks]
    prompt = reflection_prompt_at(weeks[1], schedule, DEFAULTS)

    assert shown == [
        datetime(2026, 3, 22, 2, 30),
        datetime(2026, 3, 29, 3, 30),
        datetime(2026, 4, 5, 2, 30),
    ]
    assert prompt == at(BERLIN, 2026, 3, 29, 8)
    without_quiet = reflection_prompt_at(weeks[1], schedule, NO_QUIET_HOURS)
    assert wall_clock(without_quiet, BERLIN) == datetime(2026, 3, 29, 5, 20)


def test_a_day_the_zone_skipped_has_no_session_twice():
    # Samoa jumped from Thursday 29 to Saturday 31 December 2011.
    schedule = SessionSchedule(
        weekdays=(THURSDAY, 4, 5), start=time(17), time_zone="Pacific/Apia",
        anchor=date(2011, 12, 1),
    )  # fmt: skip
    around = sessions_between(schedule, datetime(2011, 12, 28, tzinfo=UTC),
                              datetime(2012, 1, 3, tzinfo=UTC))  # fmt: skip
    assert dates(around) == [date(2011, 12, 29), date(2011, 12, 31)]


# Every other week.


@pytest.mark.parametrize("year", [2026, 2031, 2046], ids=lambda y: f"year-{y}")
def test_every_two_weeks_stays_on_its_weeks_for_a_whole_year(year):
    schedule = weekly(every_weeks=2)
    first_monday = date(year, 1, 1) + timedelta(days=-date(year, 1, 1).weekday() % 7)
    start = at(BERLIN, first_monday.year, first_monday.month, first_monday.day)

    year_of_sessions = sessions_between(schedule, start, start + timedelta(weeks=52))

    assert len(year_of_sessions) == 26
    assert all((s.local_date - schedule.anchor).days % 14 == 0 for s in year_of_sessions)
    assert all(wall_clock(s.starts_at, BERLIN).time() == time(17) for s in year_of_sessions)


def test_every_two_weeks_on_two_days_keeps_both_days_of_a_calendar_week_together():
    # Set up on a Wednesday: Thursday is the first session, so this calendar week is "on".
    schedule = weekly(weekdays=(MONDAY, THURSDAY), every_weeks=2, anchor=date(2026, 11, 26))
    found = sessions_between(schedule, at(BERLIN, 2026, 11, 20), at(BERLIN, 2026, 12, 20))
    assert dates(found) == [date(2026, 11, 26), date(2026, 12, 7), date(2026, 12, 10)]


def test_no_regular_session_comes_before_the_anchor():
    schedule = weekly(anchor=date(2026, 11, 24))
    assert previous_session(schedule, at(BERLIN, 2026, 11, 24, 16)) is None
    assert dates(sessions_between(schedule, at(BERLIN, 2026, 11, 1), at(BERLIN, 2026, 12, 2))) == [
        date(2026, 11, 24),
        date(2026, 12, 1),
    ]


def test_the_next_and_the_previous_session_of_a_schedule_set_long_ago():
    schedule = weekly(every_weeks=2)
    now = at(BERLIN, 2046, 6, 6, 12)
    upcoming, last = next_session(schedule, now), previous_session(schedule, now)
    assert upcoming is not None and last is not None
    assert upcoming.starts_at - last.starts_at == timedelta(weeks=2)
    assert last.starts_at < now < upcoming.starts_at


# Quiet hours.


def test_a_prompt_due_at_2310_waits_until_0800():
    due = at(BERLIN, 2026, 11, 24, 23, 10)
    assert out_of_quiet_hours(due, BERLIN, DEFAULTS) == at(BERLIN, 2026, 11, 25, 8)


@pytest.mark.parametrize(
    ("due", "now", "held_to"),
    [
        # Due at 18:50, the bot back at 20:30: not quiet, send now.
        ((24, 18, 50), (24, 20, 30), None),
        # Due at 18:50, back at 23:30: never at night; the end of the quiet hours instead.
        ((24, 18, 50), (24, 23, 30), (25, 8, 0)),
        # Back at 03:00: the same.
        ((24, 18, 50), (25, 3, 0), (25, 8, 0)),
        # Planned for 21:59, sent at 22:03 in a burst: on time, send.
        ((24, 21, 59), (24, 22, 3), None),
        # Planned for 21:59, the send half an hour late: held.
        ((24, 21, 59), (24, 22, 30), (25, 8, 0)),
        # Planned in what the quiet hours now cover (changed since): held, however soon.
        ((24, 22, 30), (24, 22, 30), (25, 8, 0)),
    ],
)
def test_a_late_prompt_never_arrives_in_the_quiet_hours(due, now, held_to):
    held = held_for_quiet_hours(
        at(BERLIN, 2026, 11, *due), at(BERLIN, 2026, 11, *now), BERLIN, DEFAULTS
    )
    assert held == (None if held_to is None else at(BERLIN, 2026, 11, *held_to))


def test_a_late_session_is_asked_about_the_next_morning():
    schedule = weekly(start=time(21, 20))
    session = next_session(schedule, at(BERLIN, 2026, 11, 23))
    assert session is not None
    assert reflection_prompt_at(session, schedule, DEFAULTS) == at(BERLIN, 2026, 11, 25, 8)


@pytest.mark.parametrize(
    ("local", "moved_to"),
    [
        ((2026, 11, 25, 7, 59), (2026, 11, 25, 8, 0)),
        ((2026, 11, 25, 8, 0), (2026, 11, 25, 8, 0)),
        ((2026, 11, 24, 21, 59), (2026, 11, 24, 21, 59)),
        ((2026, 11, 24, 22, 0), (2026, 11, 25, 8, 0)),
        ((2026, 11, 25, 0, 0), (2026, 11, 25, 8, 0)),
    ],
)
def test_quiet_hours_over_midnight_end_at_0800(local, moved_to):
    assert out_of_quiet_hours(at(BERLIN, *local), BERLIN, DEFAULTS) == at(BERLIN, *moved_to)


@pytest.mark.parametrize(
    ("local", "moved_to"),
    [((12, 59), (12, 59)), ((13, 0), (15, 0)), ((14, 30), (15, 0)), ((15, 0), (15, 0))],
)
def test_quiet_hours_within_a_day_end_the_same_day(local, moved_to):
    nap = PromptPreferences(quiet_start=time(13), quiet_end=time(15))
    moved = out_of_quiet_hours(at(BERLIN, 2026, 11, 24, *local), BERLIN, nap)
    assert moved == at(BERLIN, 2026, 11, 24, *moved_to)


def test_equal_start_and_end_mean_no_quiet_hours():
    midnight = at(BERLIN, 2026, 11, 24, 3)
    assert out_of_quiet_hours(midnight, BERLIN, NO_QUIET_HOURS) == midnight


@pytest.mark.parametrize(
    ("due", "moved_to"),
    [
        (at(BERLIN, 2026, 3, 28, 23, 10), datetime(2026, 3, 29, 6, tzinfo=UTC)),  # 08:00 CEST
        (at(BERLIN, 2026, 10, 24, 23, 10), datetime(2026, 10, 25, 7, tzinfo=UTC)),  # 08:00 CET
    ],
    ids=["spring-forward-night", "fall-back-night"],
)
def test_quiet_hours_end_at_0800_local_on_the_night_the_clocks_change(due, moved_to):
    assert out_of_quiet_hours(due, BERLIN, DEFAULTS) == moved_to


def test_quiet_hours_that_end_in_a_fall_back_fold_end_on_its_second_pass_too():
    zone = "America/New_York"
    late = PromptPreferences(quiet_start=time(22), quiet_end=time(1, 30))
    second_pass = at(zone, 2026, 11, 1, 1, 10, fold=1)  # 01:10 EST, after 01:30 EDT
    assert out_of_quiet_hours(second_pass, zone, late) == at(zone, 2026, 11, 1, 1, 30, fold=1)


# The preparation note.


def test_after_a_session_the_day_before_the_note_comes_two_hours_before():
    schedule = weekly(weekdays=(MONDAY, TUESDAY))
    monday, tuesday = sessions_between(schedule, at(BERLIN, 2026, 11, 23), at(BERLIN, 2026, 11, 25))
    assert preparation_note_at(tuesday, monday, schedule, DEFAULTS) == at(BERLIN, 2026, 11, 24, 15)


def test_the_first_session_ever_gets_its_note_the_evening_before():
    schedule = weekly()
    first = next_session(schedule, at(BERLIN, 2026, 1, 1))
    assert first is not None
    assert preparation_note_at(first, None, schedule, DEFAULTS) == at(BERLIN, 2026, 1, 5, 19)


def test_a_note_for_a_session_just_after_midnight_comes_two_hours_before_it_not_later():
    schedule = weekly(start=time(0, 30))
    late_evening = PromptPreferences(preparation_time=time(23, 30), quiet_start=time(3))
    session = next_session(schedule, at(BERLIN, 2026, 11, 20))
    assert session is not None
    note = preparation_note_at(session, None, schedule, late_evening)
    assert note == at(BERLIN, 2026, 11, 23, 22, 30)


def test_a_note_that_quiet_hours_would_push_past_its_session_comes_before_they_begin():
    schedule = weekly(weekdays=(MONDAY, TUESDAY), start=time(8))
    monday, tuesday = sessions_between(schedule, at(BERLIN, 2026, 11, 23), at(BERLIN, 2026, 11, 25))
    # Two hours before is 06:00, in the quiet hours; their end, 08:00, is the session itself.
    note = preparation_note_at(tuesday, monday, schedule, DEFAULTS)
    assert note == at(BERLIN, 2026, 11, 23, 21, 59)


# Reminder and expiry.


def test_one_reminder_a_day_later_then_the_prompt_expires_after_four_days():
    prompted = at(BERLIN, 2026, 11, 24, 18, 50)
    assert reminder_at(prompted, weekly(), DEFAULTS) == at(BERLIN, 2026, 11, 25, 18, 50)
    assert expires_at(prompted, DEFAULTS) == at(BERLIN, 2026, 11, 28, 18, 50)


def test_a_reminder_falls_silent_when_quiet_hours_would_push_it_past_the_expiry():
    prompted = at(BERLIN, 2026, 11, 24, 21, 0)
    short = PromptPreferences(reminder_after=timedelta(hours=2), expires_after=timedelta(hours=5))
    assert reminder_at(prompted, weekly(), short) is None
    assert reminder_at(prompted, weekly(), DEFAULTS) == at(BERLIN, 2026, 11, 25, 21)


# Skipped, extra, paused, not regular.

NOVEMBER = (at(BERLIN, 2026, 11, 1), at(BERLIN, 2026, 12, 1))


def test_a_skipped_session_is_not_there_and_the_next_one_is():
    schedule = weekly()
    upcoming = next_session(schedule, at(BERLIN, 2026, 11, 10, 18))
    assert upcoming is not None and upcoming.local_date == date(2026, 11, 17)

    skipped = without_session(schedule, upcoming)

    assert date(2026, 11, 17) not in dates(sessions_between(skipped, *NOVEMBER))
    after_skip = next_session(skipped, at(BERLIN, 2026, 11, 10, 18))
    assert after_skip is not None and after_skip.local_date == date(2026, 11, 24)


def test_many_skipped_weeks_in_a_row_lead_to_the_first_session_after_them():
    holiday = frozenset(date(2026, 7, 7) + timedelta(weeks=n) for n in range(8))
    upcoming = next_session(weekly(skipped=holiday), at(BERLIN, 2026, 7, 1))
    assert upcoming is not None and upcoming.local_date == date(2026, 9, 1)


def test_an_extra_session_comes_in_order_and_can_be_dropped_again():
    extra = at(BERLIN, 2026, 11, 12, 10)
    schedule = weekly(extra=(extra,))
    found = sessions_between(schedule, *NOVEMBER)
    assert dates(found) == [date(2026, 11, d) for d in (3, 10, 12, 17, 24)]
    assert found[2].is_extra and found[2].starts_at == extra

    assert dates(sessions_between(without_session(schedule, found[2]), *NOVEMBER)) == [
        date(2026, 11, d) for d in (3, 10, 17, 24)
    ]


def test_an_extra_session_on_a_regular_day_moves_that_days_session():
    moved = at(BERLIN, 2026, 11, 17, 10)
    schedule = weekly(extra=(moved,))
    that_day = sessions_between(schedule, at(BERLIN, 2026, 11, 17), at(BERLIN, 2026, 11, 18))
    assert [(s.local_date, s.starts_at) for s in that_day] == [(date(2026, 11, 17), moved)]
    assert reflection_prompt_at(that_day[0], schedule, DEFAULTS) == at(BERLIN, 2026, 11, 17, 11, 50)


def test_of_two_extra_sessions_on_one_day_the_earlier_counts():
    early, late = at(BERLIN, 2026, 11, 12, 9), at(BERLIN, 2026, 11, 12, 15)
    schedule = weekly(every_weeks=NOT_REGULAR, weekdays=(), extra=(late, early))
    assert [s.starts_at for s in sessions_between(schedule, *NOVEMBER)] == [early]


def test_an_extra_session_on_a_skipped_day_still_happens():
    extra = at(BERLIN, 2026, 11, 17, 10)
    schedule = weekly(skipped=frozenset({date(2026, 11, 17)}), extra=(extra,))
    assert extra in [s.starts_at for s in sessions_between(schedule, *NOVEMBER)]


def test_a_paused_schedule_has_no_sessions_at_all():
    schedule = weekly(paused=True, extra=(at(BERLIN, 2026, 11, 12, 10),))
    assert sessions_between(schedule, *NOVEMBER) == []
    assert next_session(schedule, NOVEMBER[0]) is None
    assert previous_session(schedule, NOVEMBER[1]) is None


def test_a_client_without_regular_sessions_has_only_the_extra_ones():
    extras = (at(BERLIN, 2026, 11, 12, 10), at(BERLIN, 2026, 11, 27, 16))
    schedule = weekly(every_weeks=NOT_REGULAR, weekdays=(), extra=extras)
    assert [s.starts_at for s in sessions_between(schedule, *NOVEMBER)] == list(extras)
    assert next_session(schedule, extras[1]) is None
    last = previous_session(schedule, NOVEMBER[1])
    assert last is not None and last.starts_at == extras[1]


def test_an_extra_session_before_the_anchor_is_still_the_next_one():
    early = at(BERLIN, 2026, 11, 20, 10)
    schedule = weekly(anchor=date(2026, 12, 1), extra=(early,))
    upcoming = next_session(schedule, at(BERLIN, 2026, 11, 18))
    assert upcoming is not None and upcoming.starts_at == early


@pytest.mark.parametrize(
    "changes",
    [
        {"weekdays": (1, 1)},
        {"weekdays": (7,)},
        {"weekdays": ()},
        {"every_weeks": -1},
        {"duration": timedelta(0)},
        {"start": time(17, tzinfo=UTC)},
        {"extra": (datetime(2026, 11, 12, 10),)},
    ],
)
def test_a_schedule_that_cannot_be_is_refused(changes):
    with pytest.raises(ValueError):
        weekly(**changes)


def test_a_time_zone_that_does_not_exist_is_refused():
    with pytest.raises(LookupError):
        weekly(zone="Mars/Olympus_Mons")


# What a client types for their session time.


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("17:00", time(17)), ("17.30", time(17, 30)), ("1730", time(17, 30)),
        ("930", time(9, 30)), ("5pm", time(17)), ("5 pm", time(17)), ("5:30pm", time(17, 30)),
        ("5.30 p.m.", time(17, 30)), ("9 AM", time(9)), ("12am", time(0)), ("12pm", time(12)),
        ("17h", time(17)), ("17h30", time(17, 30)), ("noon", time(12)), (" Noon ", time(12)),
        ("midnight", time(0)), ("13", time(13)), ("08:05", time(8, 5)), ("0:00", time(0)),
    ],
)  # fmt: skip
def test_a_session_time_typed_any_usual_way_is_understood(typed, meant):
    assert parse_session_time(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "25:61", "24:00", "17:60", "tomorrow-ish", "", "   ", "1" * 10_000, "-5", "-5:00",
        "13pm", "0am", "5", "12", "17:0", "17:000", "five", "\u0665pm", "17:00:00", "5pm pm",
    ],
)  # fmt: skip
def test_what_is_not_a_clear_time_is_asked_again(typed):
    assert parse_session_time(typed) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("half six", time(18, 30)), ("half past six", time(18, 30)), ("half 6", time(18, 30)),
        ("quarter past five", time(17, 15)), ("quarter to seven", time(18, 45)),
        ("half ten", time(10, 30)), ("half eight am", time(8, 30)), ("half eight pm", time(20, 30)),
        ("six o'clock", time(18)), ("Half  Six", time(18, 30)), ("quarter to one", time(12, 45)),
    ],
)  # fmt: skip
def test_a_time_said_the_spoken_way_is_understood(typed, meant):
    assert parse_session_time(typed) == meant


@pytest.mark.parametrize("typed", ["5", "12", "half eight", "half seven", "seven o'clock"])
def test_a_time_that_may_be_morning_or_evening_says_so(typed):
    assert read_session_time(typed) == "morning_or_evening"


# Tuesday 1 December 2026, 10:00 in Berlin.
TUESDAY_MORNING = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "local"),
    [
        ("Tuesday 19:00", datetime(2026, 12, 1, 19)), ("tue 7pm", datetime(2026, 12, 1, 19)),
        ("Tuesday 9:00", datetime(2026, 12, 8, 9)), ("today 7pm", datetime(2026, 12, 1, 19)),
        ("tonight half six", datetime(2026, 12, 1, 18, 30)),
        ("tomorrow 10am", datetime(2026, 12, 2, 10)), ("10am tomorrow", datetime(2026, 12, 2, 10)),
        ("next Thursday 10:00", datetime(2026, 12, 3, 10)),
        ("next Tuesday 10:00", datetime(2026, 12, 8, 10)),
        ("on Thursday at 10:00", datetime(2026, 12, 3, 10)),
        ("Friday half six", datetime(2026, 12, 4, 18, 30)),
        ("3 December 17:30", datetime(2026, 12, 3, 17, 30)),
        ("Dec 24th 5 pm", datetime(2026, 12, 24, 17)), ("1 Jan 10:00", datetime(2027, 1, 1, 10)),
        ("2026-12-03 17:30", datetime(2026, 12, 3, 17, 30)),
    ],
)  # fmt: skip
def test_a_one_off_session_typed_any_usual_way_is_understood(typed, local):
    assert read_one_off(typed, BERLIN, TUESDAY_MORNING) == local.replace(tzinfo=ZoneInfo(BERLIN))


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("someday soon", "no_day"), ("Thursday", "no_time"), ("Thursday later", "no_time"),
        ("tomorrow 5", "morning_or_evening"), ("today 9:00", "past"),
        ("2028-01-01 10:00", "too_far"), ("", "unclear"), ("x " * 40, "unclear"),
    ],
)  # fmt: skip
def test_a_one_off_that_cant_be_taken_says_why(typed, why):
    assert read_one_off(typed, BERLIN, TUESDAY_MORNING) == why


@given(st.text(max_size=70))
def test_no_text_breaks_the_one_off_parser(typed):
    read_one_off(typed, BERLIN, TUESDAY_MORNING)


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_every_time_written_on_the_24_hour_clock_is_read_back(meant):
    assert parse_session_time(f"{meant:%H:%M}") == meant
    assert parse_session_time(f"{meant.hour}.{meant.minute:02d}") == meant


@given(st.text(max_size=40))
def test_no_text_breaks_the_time_parser(typed):
    parse_session_time(typed)


def test_a_moment_reads_in_the_clients_own_time_zone():
    moment = datetime(2026, 11, 18, 17, 50, tzinfo=UTC)
    assert format_local(moment, BERLIN) == "Wednesday 18 November, 18:50"
    assert format_local(moment, "UTC+05:30") == "Wednesday 18 November, 23:20"


# Properties over zones, weekdays, times and years.

ZONES = [
    BERLIN, "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
    "America/Sao_Paulo", "Europe/London", "Asia/Tehran", "UTC", "UTC+05:30", "UTC-09:30",
]  # fmt: skip
quarter_hours = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
schedules = st.builds(
    SessionSchedule,
    weekdays=st.sets(st.integers(0, 6), min_size=1, max_size=3).map(lambda s: tuple(sorted(s))),
    start=quarter_hours,
    time_zone=st.sampled_from(ZONES),
    anchor=st.dates(date(2015, 1, 1), date(2030, 12, 31)),
    duration=st.sampled_from([timedelta(minutes=m) for m in (45, 50, 60, 90)]),
    every_weeks=st.integers(1, 3),
)
windows = st.tuples(st.integers(-60, 6_000), st.integers(1, 70))  # days after anchor, length


def calendar_weeks_between(earlier: date, later: date) -> int:
    """How many Monday-to-Sunday weeks apart two dates are."""
    mondays = [d - timedelta(days=d.weekday()) for d in (earlier, later)]
    return (mondays[1] - mondays[0]).days // 7


def window_of(schedule: SessionSchedule, window: tuple[int, int]) -> tuple[datetime, datetime]:
    start = datetime.combine(schedule.anchor + timedelta(days=window[0]), time(), UTC)
    return start, start + timedelta(days=window[1])


@settings(deadline=None)
@given(schedules, windows)
def test_sessions_are_in_order_on_their_days_weeks_and_local_time(schedule, window):
    found = sessions_between(schedule, *window_of(schedule, window))
    every = schedule.every_weeks

    assert all(a.starts_at < b.starts_at for a, b in pairwise(found))
    assert len(set(dates(found))) == len(found)
    for session in found:
        assert session.local_date >= schedule.anchor
        assert session.local_date.weekday() in schedule.weekdays
        assert calendar_weeks_between(schedule.anchor, session.local_date) % every == 0
        shown = wall_clock(session.starts_at, schedule.time_zone)
        asked = datetime.combine(session.local_date, schedule.start)
        if shown != asked:  # only where the clocks jumped over the asked time
            exists = asked.replace(tzinfo=zone_for(schedule.time_zone)).astimezone(UTC)
            assert wall_clock(exists, schedule.time_zone) != asked
            assert timedelta(0) < shown - asked <= timedelta(hours=1)


@settings(deadline=None)
@given(schedules, windows, st.integers(0, 10_000), st.lists(st.integers(0, 70 * 24), max_size=4))
def test_any_split_of_a_window_finds_each_session_once(schedule, window, split_at, extra_hours):
    start, end = window_of(schedule, window)
    schedule = replace(
        schedule,
        extra=tuple(start + timedelta(hours=h) for h in extra_hours),
        skipped=frozenset(schedule.anchor + timedelta(days=d) for d in range(0, 400, 9)),
    )
    middle = start + (end - start) * (split_at / 10_000)

    whole = sessions_between(schedule, start, end)

    assert whole == sessions_between(schedule, start, middle) + sessions_between(
        schedule, middle, end
    )
    for session in whole:
        assert next_session(schedule, session.starts_at - timedelta(microseconds=1)) == session
    for earlier, later in pairwise(whole):
        assert previous_session(schedule, later.starts_at) == earlier


quiet_preferences = st.builds(
    PromptPreferences,
    reflection_delay=st.sampled_from([timedelta(minutes=m) for m in (0, 30, 60, 240)]),
    quiet_start=quarter_hours,
    quiet_end=quarter_hours,
    preparation_time=quarter_hours,
    preparation_fallback=st.sampled_from([timedelta(hours=h) for h in (1, 2, 3)]),
)


@settings(deadline=None)
@given(schedules, windows, quiet_preferences)
def test_prompts_come_after_the_session_and_notes_before_it_never_in_quiet_hours(
    schedule, window, prefs
):
    found = sessions_between(schedule, *window_of(schedule, window))
    zone = schedule.time_zone

    for previous, session in zip([None, *found], found, strict=False):
        prompt = reflection_prompt_at(session, schedule, prefs)
        note = preparation_note_at(session, previous, schedule, prefs)
        reminder = reminder_at(prompt, schedule, prefs)

        assert prompt >= session.ends_at + prefs.reflection_delay
        assert not is_quiet(wall_clock(prompt, zone).time(), prefs)
        assert note < session.starts_at
        assert not is_quiet(wall_clock(note, zone).time(), prefs)
        assert reminder is None or prompt < reminder < expires_at(prompt, prefs)
        assert reminder is None or not is_quiet(wall_clock(reminder, zone).time(), prefs)
