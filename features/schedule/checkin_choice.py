"""Choosing the one-minute check-in between sessions, from the /schedule card: off, or a
weekday (or every day) and a time, typed or tapped. A time inside the client's quiet hours
is refused kindly, with the quiet hours named and a time suggested. Pure.

Every day is offered beside the weekdays: for some a daily tap is the point (a mood noticed
day by day is easier to bring to a session than a week remembered at once), and it is still
one tap. Days with a session get none either way (features/common/session_times.py
`next_checkin`). Buttons: `sc:checkin` opens the choice, `sc:checkin:<0-6|all|off>`
chooses; then `st:HH:MM` for a time, in the step `SET_CHECKIN_TIME`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from features.common.loaded import ClientSchedule
from features.common.session_times import PromptPreferences, is_quiet
from features.kernel.vocabulary import (
    Arg,
    Button,
    Event,
    Facts,
    Listed,
    NonText,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Step,
    Text,
    Toast,
    Weekday,
)
from features.schedule.effects import SetCheckIn
from features.schedule.parsing import read_session_time

CARD, TIME = "sc:", "st:"
OPEN = "checkin"
EVERY_DAY = tuple(range(7))
_TIMES = ("09:00", "12:30", "18:00", "19:00", "20:00", "21:00")
# A suggestion before the quiet hours begin leaves this much room.
_BEFORE_QUIET = timedelta(minutes=30)


def card_button() -> Button:
    return Button("button.checkin", f"{CARD}{OPEN}")


def card_line(prefs: PromptPreferences) -> Ref:
    """The card's line: "Check-in between sessions: off", or "Thursdays at 19:00"."""
    if not prefs.checks_in or prefs.checkin_time is None:
        return Ref("schedule.checkin_line", {"when": Ref("schedule.checkin_when_off")})
    when = _when(prefs.checkin_days, prefs.checkin_time)
    if is_quiet(prefs.checkin_time, prefs):
        when = Ref("schedule.checkin_when_quiet", {"when": when})
    return Ref("schedule.checkin_line", {"when": when})


def choose(value: str, facts: Facts, state: State) -> Outcome:
    """`sc:checkin[:<choice>]`: the days to choose from, or the one chosen."""
    prefs = facts[ClientSchedule].prompt_prefs
    if not value:
        return Outcome(state, (Redraw(_ask_day(prefs)),))
    if value == "off":
        return Outcome(State(), (SetCheckIn((), None), Reply("schedule.checkin_off")))
    if value == "all":
        days = EVERY_DAY
    elif value.isdecimal() and int(value) < 7:
        days = (int(value),)
    else:
        return Outcome(state, (Toast("toast.stale_button"),))
    data = {"days": list(days)}
    return Outcome(State(Step.SET_CHECKIN_TIME, data), (_ask_time(days, prefs),))


def answer_time(state: State, event: Event, facts: Facts) -> Outcome:
    """The time of the check-in, typed ("19:00", "7pm", "half six") or tapped."""
    prefs = facts[ClientSchedule].prompt_prefs
    days = _days(state)
    if not days:  # nothing chosen to go with the time: the days again
        return Outcome(State(), (_ask_day(prefs),))
    if isinstance(event, NonText):
        return Outcome(state, (Reply("schedule.checkin_time_by_text"), _ask_time(days, prefs)))
    if isinstance(event, Press) and not event.data.startswith(TIME):
        return Outcome(state, (Toast("toast.stale_button"),))
    typed = read_session_time(
        event.data.removeprefix(TIME) if isinstance(event, Press) else _text(event)
    )
    if not isinstance(typed, time):
        return Outcome(state, (Reply(f"schedule.time_{typed}"), _ask_time(days, prefs)))
    if facts[ClientSchedule].schedule is None:
        return Outcome(State(), (Reply("schedule.none"),))
    if is_quiet(typed, prefs):
        said: dict[str, Arg] = {
            "time": f"{typed:%H:%M}",
            "quiet": Ref(
                "schedule.quiet_hours",
                {"start": f"{prefs.quiet_start:%H:%M}", "end": f"{prefs.quiet_end:%H:%M}"},
            ),
            "suggestion": f"{suggestion(typed, prefs):%H:%M}",
        }
        return Outcome(state, (Reply("schedule.checkin_quiet", said, _time_buttons(prefs)),))
    at = f"{typed:%H:%M}"
    done = Reply("schedule.checkin_set", {"when": _when(days, typed)})
    return Outcome(State(), (SetCheckIn(days, at), done))


def ask_again(state: State) -> tuple[Reply, ...]:
    """The time question again (its buttons need the quiet hours: offered without them)."""
    days = _days(state)
    return (_ask_time(days, PromptPreferences()),) if days else ()


def suggestion(inside: time, prefs: PromptPreferences) -> time:
    """A time near `inside` outside the quiet hours: their end, when that is nearer, else
    a little before they begin."""
    day = datetime(2000, 1, 3)
    at = datetime.combine(day, inside)
    end = datetime.combine(day, prefs.quiet_end)
    start = datetime.combine(day, prefs.quiet_start)
    until_end = (end - at) % timedelta(days=1)
    since_start = (at - start) % timedelta(days=1)
    if until_end <= since_start:
        return prefs.quiet_end
    before = (start - _BEFORE_QUIET).time()
    return before if not is_quiet(before, prefs) else prefs.quiet_end


def _when(days: tuple[int, ...], at: time) -> Ref:
    if set(days) == set(EVERY_DAY):
        on: Arg = Ref("schedule.checkin_every_day")
    elif len(days) == 1:
        on = Ref(f"schedule.checkin_on_{days[0]}")
    else:
        on = Listed(tuple(Weekday(day, short=True) for day in sorted(days)))
    return Ref("schedule.checkin_when", {"days": on, "time": f"{at:%H:%M}"})


def _ask_day(prefs: PromptPreferences) -> Reply:
    current = prefs.checkin_days if prefs.checks_in else ()

    def day(n: int) -> Button:
        label = "button.day_on" if current == (n,) else "button.day_off"
        return Button(label, f"{CARD}{OPEN}:{n}", {"day": Weekday(n, short=True)})

    every = "button.checkin_every_day_on" if current == EVERY_DAY else "button.checkin_every_day"
    buttons = (
        tuple(day(n) for n in range(4)),
        tuple(day(n) for n in range(4, 7)),
        (Button(every, f"{CARD}{OPEN}:all"), Button("button.checkin_off", f"{CARD}{OPEN}:off")),
    )
    return Reply("schedule.ask_checkin_day", {"now": card_line(prefs)}, buttons)


def _ask_time(days: tuple[int, ...], prefs: PromptPreferences) -> Reply:
    on: Arg = (
        Ref("schedule.checkin_every_day")
        if set(days) == set(EVERY_DAY)
        else Ref(f"schedule.checkin_on_{days[0]}") if days else ""
    )  # fmt: skip
    return Reply("schedule.ask_checkin_time", {"days": on}, _time_buttons(prefs))


def _time_buttons(prefs: PromptPreferences) -> tuple[tuple[Button, ...], ...]:
    free = [t for t in _TIMES if not is_quiet(time.fromisoformat(t), prefs)]
    return (tuple(Button("button.time", f"{TIME}{t}", {"time": t}) for t in free),) if free else ()


def _days(state: State) -> tuple[int, ...]:
    raw = state.data.get("days", [])
    days = raw if isinstance(raw, list) else []
    return tuple(sorted({d for d in days if isinstance(d, int) and 0 <= d < 7}))


def _text(event: Event) -> str:
    return event.text if isinstance(event, Text) else ""
