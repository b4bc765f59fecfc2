"""How I've been, asked in one message redrawn in place (features/progress/asking.py):
pure, no database. Each tap keeps one rating and shows the next with those given; the last
thanks; Skip these settles all four; an old or doubled press keeps nothing twice; a
reflection waiting on them begins once, on the press that settles them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from features import router
from features.common.loaded import ClientSchedule, RecentWeeks, WeekRatings
from features.common.session_times import SessionSchedule
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Command,
    Goto,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Toast,
)
from features.progress import asking
from features.progress.effects import RateWeek, SkipWeek
from features.progress.loaded import PressedWeek
from features.reflection.loaded import ReflectedDates
from tests.support.facts import facts_of

TUESDAY = date(2026, 12, 1)
NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
CLIENT = Client("Europe/Berlin")


def _press(data: str, week: WeekRatings | None, state: State | None = None):
    facts = facts_of(CLIENT, NOW, PressedWeek(TUESDAY, week))
    return router.step(state or State(), Press(data), facts)


def _text(reply: Reply) -> str:
    return plain(reply.text, "en", **reply.args)


def test_the_message_asks_the_first_with_0_to_10_in_two_rows_and_skip():
    asked = asking.ask(TUESDAY, None)
    assert asked is not None
    assert [len(row) for row in asked.buttons] == [6, 5, 1]
    assert [b.data for b in asked.buttons[0]][:2] == ["hb:2026-12-01:0:0", "hb:2026-12-01:0:1"]
    assert asked.buttons[2][0].data == "hb:2026-12-01:skip"
    text = _text(asked)
    assert "1 of 4" in text and "How have you been in yourself?" in text
    # Sent on its own: nothing on a lock screen says what it is about.
    for word in ("therap", "session", "counsel", "psych"):
        assert word not in render(asked.text, "en", **asked.args)[:200].lower()


def test_settled_weeks_are_not_asked():
    assert asking.ask(TUESDAY, WeekRatings(skipped=True)) is None
    assert asking.ask(TUESDAY, WeekRatings(1, 2, 3, 4)) is None
    partly = asking.ask(TUESDAY, WeekRatings(6, None, 4))
    assert partly is not None and "2 of 4" in _text(partly) and "In myself: 6" in _text(partly)


def test_each_tap_keeps_one_rating_and_redraws_the_next_with_those_given():
    outcome = _press("hb:2026-12-01:0:6", None)
    assert RateWeek(TUESDAY, "myself", 6, "note") in outcome.effects
    [redraw] = [e for e in outcome.effects if isinstance(e, Redraw)]
    assert "2 of 4" in _text(redraw.reply) and "In myself: 6" in _text(redraw.reply)
    assert not any(isinstance(e, Reply) for e in outcome.effects)  # one message, redrawn


def test_the_last_tap_thanks_and_says_for_which_day():
    outcome = _press("hb:2026-12-01:3:5", WeekRatings(6, 4, 7))
    [redraw] = [e for e in outcome.effects if isinstance(e, Redraw)]
    text = _text(redraw.reply)
    assert "Kept for Tuesday 1 December." in text and "Overall: 5" in text
    assert redraw.reply.buttons == ()
    assert not any(isinstance(e, Goto) for e in outcome.effects)  # asked with the note


def test_skip_these_settles_the_four_and_a_second_skip_keeps_nothing():
    outcome = _press("hb:2026-12-01:skip", None)
    assert SkipWeek(TUESDAY, "note") in outcome.effects
    [redraw] = [e for e in outcome.effects if isinstance(e, Redraw)]
    assert "I won't ask again for Tuesday 1 December" in _text(redraw.reply)
    again = _press("hb:2026-12-01:skip", WeekRatings(skipped=True))
    assert not any(isinstance(e, SkipWeek) for e in again.effects)
    assert Toast("toast.how_already") in again.effects


def test_a_double_press_stores_once():
    again = _press("hb:2026-12-01:0:6", WeekRatings(6))
    assert not any(isinstance(e, RateWeek) for e in again.effects)
    assert Toast("toast.how_already") in again.effects


def test_a_press_on_an_old_message_still_keeps_its_rating_and_asks_what_is_left():
    # The message showed "In myself", but close relationships were rated since.
    outcome = _press("hb:2026-12-01:0:3", WeekRatings(None, 5, 5, 5))
    assert RateWeek(TUESDAY, "myself", 3, "note") in outcome.effects
    [redraw] = [e for e in outcome.effects if isinstance(e, Redraw)]
    assert "Kept for Tuesday 1 December." in _text(redraw.reply)


def test_the_reflection_follows_only_the_press_that_settles_the_four():
    waiting = State(Step.IDLE)
    outcome = _press("hb:2026-12-01:3:5:r", WeekRatings(6, 4, 7), waiting)
    assert RateWeek(TUESDAY, "overall", 5, "reflect") in outcome.effects
    assert outcome.state.step is Step.REFLECTING  # reflection.begin, through the router
    texts = [e.text for e in outcome.effects if isinstance(e, Reply)]
    assert texts[:2] == ["reflection.intro", "reflection.rating"]
    # Pressed again (a double tap): already kept, and no second reflection.
    again = _press("hb:2026-12-01:3:5:r", WeekRatings(6, 4, 7, 5))
    assert again.state.step is Step.IDLE
    assert not any(isinstance(e, Reply) for e in again.effects)
    skipped = _press("hb:2026-12-01:skip:r", WeekRatings(6))
    assert skipped.state.step is Step.REFLECTING


def test_forged_or_mangled_buttons_change_nothing():
    for data in ("hb:", "hb:x", "hb:2026-13-01:0:5", "hb:2026-12-01:4:5", "hb:2026-12-01:0:11",
                 "hb:2026-12-01:0", "hb:2026-12-01:0:5:z"):  # fmt: skip
        outcome = router.step(State(), Press(data), facts_of(CLIENT, NOW, PressedWeek()))
        assert outcome.effects == (Toast("toast.stale_button"),), data


def test_reflect_asks_the_four_first_for_a_week_not_answered():
    schedule = ClientSchedule(
        SessionSchedule(weekdays=(1,), start=time(17), time_zone="Europe/Berlin",
                        anchor=date(2026, 11, 3))
    )  # fmt: skip
    after = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    sessions = frozenset(date(2026, 11, day) for day in (3, 10, 17, 24)) | {date(2026, 12, 1)}
    weeks = RecentWeeks(date(2026, 10, 27), {date(2026, 11, 24): WeekRatings(5, 5, 5, 5)}, sessions)
    reflected = ReflectedDates(frozenset(date(2026, 11, day) for day in (3, 10, 17, 24)))
    facts = facts_of(CLIENT, after, schedule, weeks, reflected)
    outcome = router.step(State(), Command("reflect"), facts)
    [first] = [e for e in outcome.effects if isinstance(e, Reply)]
    assert first.text == "how.ask_reflect"
    assert outcome.state.step is Step.IDLE  # no reflection begun yet
    assert first.buttons[0][0].data == "hb:2026-12-01:0:0:r"
    # Answered that week: straight to the questions.
    answered = RecentWeeks(
        date(2026, 10, 27), {date(2026, 12, 1): WeekRatings(skipped=True)}, sessions
    )
    outcome = router.step(State(), Command("reflect"), facts.having(answered))
    assert next(e.text for e in outcome.effects if isinstance(e, Reply)) == "reflection.intro"
    # A day that was no session (a reflection on another day): not asked either.
    monday = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    outcome = router.step(State(), Command("reflect"), facts_of(CLIENT, monday, schedule, weeks))
    assert next(e.text for e in outcome.effects if isinstance(e, Reply)) != "how.ask_reflect"
    # Without a schedule nothing was read (RecentWeeks empty): straight to the questions.
    outcome = router.step(State(), Command("reflect"), facts_of(CLIENT, after))
    assert next(e.text for e in outcome.effects if isinstance(e, Reply)) == "reflection.intro"


def test_a_press_with_a_digit_int_cannot_read_is_no_press():
    """'²' is a digit to str.isdigit, not to int(): a forged button must not crash the turn."""
    assert asking.parse("hb:2026-11-24:1:\u00b2") is None
    assert asking.parse("hb:2026-11-24:\u00b9:5") is None
