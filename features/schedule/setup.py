"""The client's usual sessions: asked after the time zone when getting started, shown and
changed with /schedule; /skip, /pause and /resume. Pure: the summary's times are computed
here from the schedule, with features.common.session_times.

Buttons: `sd:<weekday>|done|irregular|later` for days, `st:HH:MM` for a time, `sl:<minutes>`
for the length, `sf:<weeks>` for how often, `sc:<change>` on the /schedule card.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from features.common.loaded import ClientSchedule
from features.common.session_times import (
    NOT_REGULAR,
    PromptPreferences,
    SessionSchedule,
    first_session_date,
    next_session,
    preparation_note_at,
    previous_session,
    reflection_prompt_at,
)
from features.common.timezones import zone_for
from features.kernel.vocabulary import (
    Arg,
    Button,
    Day,
    Effect,
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
from features.schedule import checkin_choice
from features.schedule.effects import (
    AddExtraSession,
    SaveSchedule,
    SetNeutralWording,
    SetPaused,
    SetQuietHours,
    SetReflectionDelay,
    SkipNextSession,
)
from features.schedule.how_long import read_every_weeks, typed_length
from features.schedule.parsing import local_moment, read_days, read_one_off, read_session_time

DAYS, TIME, LENGTH, FREQUENCY, CARD = "sd:", "st:", "sl:", "sf:", "sc:"
_TIME_BUTTONS = tuple(f"{hour:02d}:00" for hour in range(8, 21))
_LENGTHS = (45, 50, 60, 90)
_DELAYS = (15, 60, 120, 180)
_QUIET = ("22:00-08:00", "23:00-07:00", "21:00-09:00", "none")
DEFAULT_LENGTH = 50
_SHORTEST, _LONGEST = 10, 240


def begin(purpose: str, facts: Facts | None = None) -> Outcome:
    """Ask which weekdays the client's sessions are on (toggles, then Done); when they
    change their sessions, their current answers are already chosen."""
    data: dict[str, object] = {"purpose": purpose, "days": []}
    schedule = facts[ClientSchedule].schedule if facts is not None else None
    if schedule is not None and schedule.every_weeks != NOT_REGULAR:
        data.update(
            days=list(schedule.weekdays),
            current_time=f"{schedule.start:%H:%M}",
            current_length=int(schedule.duration.total_seconds() // 60),
            current_weeks=schedule.every_weeks,
        )
    chosen = _chosen(data)
    return Outcome(
        State(Step.SET_DAYS, data), (Reply("schedule.ask_days", buttons=_day_buttons(chosen)),)
    )


def card(facts: Facts) -> Outcome:
    """/schedule: the client's sessions and prompts, and what they can change."""
    if facts.client.time_zone is None:
        return Outcome(
            State(Step.ASK_TIME_ZONE, {"purpose": "onboarding"}), (Reply("time_zone.ask"),)
        )
    if facts[ClientSchedule].schedule is None:
        return Outcome(State(), (Reply("schedule.none", buttons=((_change_button(),),)),))
    return Outcome(State(), (_card(facts),))


def change(state: State, event: Press, facts: Facts) -> Outcome:
    """A button on the /schedule card."""
    action, _, value = event.data.removeprefix(CARD).partition(":")
    if action == "edit":
        return begin("change", facts)
    if facts[ClientSchedule].schedule is None or facts.client.time_zone is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    if action == "delay" and not value:
        return Outcome(state, (Redraw(Reply("schedule.ask_delay", buttons=_delay_buttons())),))
    if action == "delay" and value.isdecimal() and int(value) in _DELAYS:
        when = Ref(f"schedule.delay_{value}")
        delay = SetReflectionDelay(int(value))
        return Outcome(State(), (delay, Reply("schedule.delay_set", {"when": when})))
    if action == "quiet" and not value:
        return Outcome(state, (Redraw(Reply("schedule.ask_quiet", buttons=_quiet_buttons())),))
    if action == "quiet" and value in _QUIET:
        start, _, end = value.partition("-")
        said = Ref("schedule.quiet_none") if value == "none" else Ref(
            "schedule.quiet_hours", {"start": start, "end": end}
        )  # fmt: skip
        return Outcome(State(), (_quiet_hours(value), Reply("schedule.quiet_set", {"hours": said})))
    if action == "extra":
        return Outcome(State(Step.ADD_EXTRA), (Reply("schedule.ask_extra"),))
    if action == checkin_choice.OPEN:
        return checkin_choice.choose(value, facts, state)
    return command(action, facts, state)


def add_extra(state: State, event: Event, facts: Facts) -> Outcome:
    """The client types a one-off session, like "Thursday 10:00"."""
    zone = facts.client.time_zone
    if not isinstance(event, Text) or zone is None:
        return Outcome(state, (Reply("schedule.extra_by_text"),))
    moment = read_one_off(event.text, zone, facts.now, facts.client.language)
    if not isinstance(moment, datetime):
        return Outcome(state, (Reply(f"schedule.extra_{moment}"),))
    when = local_moment(moment, zone)
    return Outcome(
        State(),
        (
            AddExtraSession(moment),
            Reply("schedule.extra_added", {"when": when}),
        ),
    )


def command(action: str, facts: Facts, state: State) -> Outcome:
    """/skip, /pause, /resume and the card's neutral-wording switch."""
    schedule = facts[ClientSchedule].schedule
    if schedule is None or facts.client.time_zone is None:
        return Outcome(state, (Reply("schedule.none", buttons=((_change_button(),),)),))
    if action == "skip_next":
        upcoming = next_session(schedule, facts.now)
        if upcoming is None:
            return Outcome(state, (Reply("schedule.nothing_to_skip"),))
        day = local_moment(upcoming.starts_at, facts.client.time_zone)
        return Outcome(state, (SkipNextSession(), Reply("schedule.skipped", {"when": day})))
    if action in ("pause", "resume"):
        return Outcome(state, (SetPaused(action == "pause"), Reply(f"schedule.{action}")))
    if action in ("neutral_on", "neutral_off"):
        wording = SetNeutralWording(action == "neutral_on")
        return Outcome(state, (wording, Reply(f"schedule.{action}")))
    return Outcome(state, (Toast("toast.stale_button"),))


def answer(state: State, event: Event, facts: Facts) -> Outcome:
    """The client answers one of the setup questions (days, time, length, how often)."""
    data = dict(state.data)
    if isinstance(event, NonText):
        return Outcome(state, (Reply("schedule.only_text"),))
    if state.step is Step.SET_DAYS:
        return _days(state, data, event, facts)
    if state.step is Step.SET_TIME:
        return _time(state, data, event)
    if state.step is Step.SET_LENGTH:
        return _length(state, data, event)
    if isinstance(event, Press) and event.data in (f"{FREQUENCY}1", f"{FREQUENCY}2"):
        return _save(data, int(event.data.removeprefix(FREQUENCY)), facts)
    if isinstance(event, Press):
        return Outcome(state, (Toast("toast.stale_button"),))
    every_weeks = read_every_weeks(event.text) if isinstance(event, Text) else None
    if every_weeks is not None:
        return _save(data, every_weeks, facts)
    return Outcome(state, (Reply("schedule.frequency_unclear"), _ask_frequency(data)))


def ask_again(state: State) -> tuple[Reply, ...]:
    """The setup question the client is on."""
    if state.step is Step.SET_DAYS:
        return (Reply("schedule.ask_days", buttons=_day_buttons(_chosen(state.data))),)
    if state.step is Step.SET_TIME:
        return (_ask_time(state.data),)
    if state.step is Step.SET_LENGTH:
        return (_ask_length(state.data),)
    if state.step is Step.ADD_EXTRA:
        return (Reply("schedule.ask_extra"),)
    return (_ask_frequency(state.data),)


def _days(state: State, data: dict[str, object], event: Event, facts: Facts) -> Outcome:
    chosen = _chosen(data)
    if isinstance(event, Text):
        return _typed_days(state, data, event.text, facts)
    if not isinstance(event, Press):
        return Outcome(state, (Reply("schedule.days_by_button"),))
    action = event.data.removeprefix(DAYS)
    if action.isdecimal() and int(action) < 7:
        chosen = tuple(sorted(set(chosen) ^ {int(action)}))
        data["days"] = list(chosen)
        redraw = Redraw(Reply("schedule.ask_days", buttons=_day_buttons(chosen)))
        return Outcome(State(Step.SET_DAYS, data), (redraw,))
    if action == "done":
        if not chosen:
            return Outcome(state, (Toast("toast.choose_a_day"),))
        return Outcome(State(Step.SET_TIME, data), (_ask_time(data),))
    if action == "irregular":
        return _save({**data, "days": [], "time": "00:00", "length": DEFAULT_LENGTH}, 0, facts)
    if action == "later":
        return Outcome(State(), (Reply("schedule.later"),))
    return Outcome(state, (Toast("toast.stale_button"),))


def _typed_days(state: State, data: dict[str, object], text: str, facts: Facts) -> Outcome:
    """The days typed instead of tapped ("Tuesdays and Thursdays", "dienstags um 17 Uhr",
    "los martes y jueves", "по вторникам"), and the time too if it came with them."""
    typed = read_days(text, facts.client.language)
    if typed is None:
        return Outcome(state, (Reply("schedule.days_unclear"),))
    data["days"] = list(typed.days)
    if typed.at is None:
        return Outcome(State(Step.SET_TIME, data), (_ask_time(data),))
    if not isinstance(typed.at, time):  # a time that may be morning or evening: ask it
        why = Reply(f"schedule.time_{typed.at}")
        return Outcome(State(Step.SET_TIME, data), (why, _ask_time(data)))
    data["time"] = f"{typed.at:%H:%M}"
    return Outcome(State(Step.SET_LENGTH, data), (_ask_length(data),))


def _time(state: State, data: dict[str, object], event: Event) -> Outcome:
    typed: time | str = "stale"
    if isinstance(event, Text):
        typed = read_session_time(event.text)
        if not isinstance(typed, time):
            return Outcome(state, (Reply(f"schedule.time_{typed}"), _ask_time(data)))
    elif isinstance(event, Press) and event.data.startswith(TIME):
        typed = read_session_time(event.data.removeprefix(TIME))
    if not isinstance(typed, time):
        return Outcome(state, (Toast("toast.stale_button"),))
    data["time"] = f"{typed:%H:%M}"
    return Outcome(State(Step.SET_LENGTH, data), (_ask_length(data),))


def _length(state: State, data: dict[str, object], event: Event) -> Outcome:
    minutes: int | None = None
    if isinstance(event, Press) and event.data.startswith(LENGTH):
        pressed = event.data.removeprefix(LENGTH)
        minutes = int(pressed) if pressed.isdecimal() else None
        if minutes is None or not _SHORTEST <= minutes <= _LONGEST:
            return Outcome(state, (Toast("toast.stale_button"),))
    elif isinstance(event, Text):
        minutes = typed_length(event.text)
        if minutes is None:
            return Outcome(state, (Reply("schedule.length_unclear"), _ask_length(data)))
        if not _SHORTEST <= minutes <= _LONGEST:
            return Outcome(state, (Reply("schedule.length_out_of_range"), _ask_length(data)))
    if minutes is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    data["length"] = minutes
    return Outcome(State(Step.SET_FREQUENCY, data), (_ask_frequency(data),))


def _save(data: dict[str, object], every_weeks: int, facts: Facts) -> Outcome:
    zone = facts.client.time_zone
    if zone is None:  # the time zone was cleared meanwhile: ask it first
        return Outcome(State(Step.ASK_TIME_ZONE, {"purpose": "change"}), (Reply("time_zone.ask"),))
    days = _chosen(data)
    start = str(data.get("time", "00:00"))
    length = int(str(data.get("length", DEFAULT_LENGTH)))
    saved = SaveSchedule(days, start, length, every_weeks)
    effects: list[Effect] = [saved]
    if every_weeks == NOT_REGULAR:
        effects.append(Reply("schedule.saved_irregular"))
    else:
        schedule = SessionSchedule(
            weekdays=days,
            start=time.fromisoformat(start),
            time_zone=zone,
            anchor=first_session_date(days, time.fromisoformat(start), zone, facts.now),
            duration=timedelta(minutes=length),
            every_weeks=every_weeks,
        )
        effects.append(
            _summary(
                facts.having(replace(facts[ClientSchedule], schedule=schedule)), "schedule.saved"
            )
        )
    if data.get("purpose") == "onboarding":
        effects.append(Reply("onboarding.done"))
    return Outcome(State(), tuple(effects))


def _card(facts: Facts) -> Reply:
    schedule = facts[ClientSchedule].schedule
    assert schedule is not None
    pause = ("button.resume", "resume") if schedule.paused else ("button.pause", "pause")
    neutral = ("button.neutral_off", "neutral_off") if facts[ClientSchedule].neutral_wording else (
        "button.neutral_on", "neutral_on"
    )  # fmt: skip
    buttons = (
        (_change_button(), Button("button.add_extra", f"{CARD}extra")),
        (Button("button.skip_next", f"{CARD}skip_next"), Button(pause[0], f"{CARD}{pause[1]}")),
        (Button("button.delay", f"{CARD}delay"), Button("button.quiet", f"{CARD}quiet")),
        (Button(neutral[0], f"{CARD}{neutral[1]}"), checkin_choice.card_button()),
    )
    summary = _summary(facts, "schedule.card")
    return Reply(summary.text, summary.args, buttons)


def _governs(facts: Facts) -> Ref:
    """What else /schedule governs: when the bot asks, its quiet hours, its wording."""
    prefs: PromptPreferences = facts[ClientSchedule].prompt_prefs
    minutes = int(prefs.reflection_delay.total_seconds() // 60)
    when = (
        Ref(f"schedule.delay_{minutes}")
        if minutes in _DELAYS
        else Ref("schedule.delay_minutes", {"minutes": minutes})
    )
    if prefs.quiet_start == prefs.quiet_end:
        hours: Arg = Ref("schedule.quiet_none")
    else:
        start, end = f"{prefs.quiet_start:%H:%M}", f"{prefs.quiet_end:%H:%M}"
        hours = Ref("schedule.quiet_hours", {"start": start, "end": end})
    wording = "discreet" if facts[ClientSchedule].neutral_wording else "explicit"
    return Ref(
        "schedule.governs",
        {
            "delay": Ref("schedule.delay_line", {"when": when}),
            "quiet": Ref("schedule.quiet_line", {"hours": hours}),
            "wording": Ref(f"schedule.{wording}_line"),
            "checkin": checkin_choice.card_line(prefs),
        },
    )


def _summary(facts: Facts, text: str) -> Reply:
    """The schedule in words, with the next session and when the bot will speak."""
    schedule, zone = facts[ClientSchedule].schedule, facts.client.time_zone
    assert schedule is not None and zone is not None
    governs = _governs(facts)
    extra = _one_offs(schedule, facts.now, zone)
    days = Listed(tuple(Weekday(day, short=True) for day in schedule.weekdays))
    minutes = int(schedule.duration.total_seconds() // 60)
    usual: Arg = Ref(
        "schedule.usual_every_two" if schedule.every_weeks == 2 else "schedule.usual_weekly",
        {"days": days, "time": f"{schedule.start:%H:%M}", "minutes": minutes},
    )
    if schedule.every_weeks == NOT_REGULAR:
        # One-off sessions still bring their prompts.
        usual = Ref("schedule.irregular_with_extra" if extra else "schedule.irregular")
    if schedule.paused:
        paused = Ref("schedule.paused_line")
        return Reply(text, {"usual": usual, "next": paused, "governs": governs})
    upcoming = next_session(schedule, facts.now)
    if upcoming is None:
        return Reply(text, {"usual": usual, "next": extra, "governs": governs})
    prefs: PromptPreferences = facts[ClientSchedule].prompt_prefs
    before = previous_session(schedule, upcoming.starts_at)
    note_at = preparation_note_at(upcoming, before, schedule, prefs)
    # Once its time has passed, the note has come (or was missed): it isn't announced.
    note: Arg = (
        Ref("schedule.note_line", {"note": local_moment(note_at, zone)})
        if note_at > facts.now
        else ""
    )
    next_line = Ref(
        "schedule.upcoming",
        {
            "next": Ref(
                "schedule.next_line",
                {
                    "session": local_moment(upcoming.starts_at, zone),
                    "prompt": local_moment(reflection_prompt_at(upcoming, schedule, prefs), zone),
                },
            ),
            "note": note,
            "extra": extra,
            "skipped": _skipped(schedule, facts.now, zone),
        },
    )
    return Reply(text, {"usual": usual, "next": next_line, "governs": governs})


def _one_offs(schedule: SessionSchedule, now: datetime, zone: str) -> Arg:
    """The one-off sessions still to come, as a line ("" when there are none)."""
    coming = sorted(moment for moment in schedule.extra if moment > now)
    if not coming:
        return ""
    # "; " between them: each has a comma of its own ("Tuesday 18 November, 18:50").
    sessions = Listed(tuple(local_moment(moment, zone) for moment in coming), separator="; ")
    return Ref("schedule.extra_line", {"sessions": sessions})


def _skipped(schedule: SessionSchedule, now: datetime, zone: str) -> Arg:
    """The regular sessions still to come that the client skipped ("" when none)."""
    today = now.astimezone(zone_for(zone)).date()
    days = sorted(day for day in schedule.skipped if day >= today)
    if not days:
        return ""
    return Ref("schedule.skipped_line", {"days": Listed(tuple(Day(day) for day in days))})


def _quiet_hours(choice: str) -> SetQuietHours:
    """One of the card's choices ("22:00-08:00", or "none") as the change it makes."""
    start, _, end = choice.partition("-")
    if not end:
        return SetQuietHours(None, None)
    return SetQuietHours(time.fromisoformat(start), time.fromisoformat(end))


def _delay_buttons() -> tuple[tuple[Button, ...], ...]:
    return (
        tuple(
            Button("button.delay_choice", f"{CARD}delay:{m}", {"when": Ref(f"schedule.delay_{m}")})
            for m in _DELAYS
        ),
    )


def _quiet_buttons() -> tuple[tuple[Button, ...], ...]:
    return tuple(
        (Button("button.quiet_choice", f"{CARD}quiet:{q}", {"hours": q.replace("-", "\u2013")}),)
        if q != "none"
        else (Button("button.quiet_none", f"{CARD}quiet:none"),)
        for q in _QUIET
    )


def _chosen(data: object) -> tuple[int, ...]:
    days = data.get("days", []) if isinstance(data, dict) else []
    return tuple(sorted(int(day) for day in days if isinstance(day, int) and 0 <= day < 7))


def _day_buttons(chosen: tuple[int, ...]) -> tuple[tuple[Button, ...], ...]:
    def day(n: int) -> Button:
        label = "button.day_on" if n in chosen else "button.day_off"
        return Button(label, f"{DAYS}{n}", {"day": Weekday(n, short=True)})

    return (
        tuple(day(n) for n in range(4)),
        tuple(day(n) for n in range(4, 7)),
        (Button("button.days_done", f"{DAYS}done"),),
        (Button("button.irregular", f"{DAYS}irregular"), Button("button.later", f"{DAYS}later")),
    )


def _ask_time(data: object) -> Reply:
    """What time the sessions start; when changing them, the current time is marked (and
    offered, if no button shows it)."""
    current = str(data.get("current_time", "")) if isinstance(data, dict) else ""
    times = _TIME_BUTTONS if current in _TIME_BUTTONS or not current else (current, *_TIME_BUTTONS)

    def button(t: str) -> Button:
        return Button(
            "button.time_current" if t == current else "button.time", f"{TIME}{t}", {"time": t}
        )

    buttons = tuple(tuple(button(t) for t in times[i : i + 5]) for i in range(0, len(times), 5))
    if current:
        return Reply("schedule.ask_time_current", {"time": current}, buttons)
    return Reply("schedule.ask_time", buttons=buttons)


def _ask_length(data: object) -> Reply:
    """How long a session is; when changing it, the current length is marked."""
    current = data.get("current_length") if isinstance(data, dict) else None
    lengths = (
        _LENGTHS if current in _LENGTHS or not isinstance(current, int) else (current, *_LENGTHS)
    )

    def button(m: int) -> Button:
        label = "button.minutes_current" if m == current else "button.minutes"
        return Button(label, f"{LENGTH}{m}", {"minutes": str(m)})

    return Reply("schedule.ask_length", buttons=(tuple(button(m) for m in lengths),))


def _ask_frequency(data: object) -> Reply:
    """How often; when changing it, the current choice is marked."""
    current = data.get("current_weeks") if isinstance(data, dict) else None
    weekly = "button.weekly_current" if current == 1 else "button.weekly"
    fortnightly = "button.fortnightly_current" if current == 2 else "button.fortnightly"
    row = (Button(weekly, f"{FREQUENCY}1"), Button(fortnightly, f"{FREQUENCY}2"))
    return Reply("schedule.ask_frequency", buttons=(row,))


def _change_button() -> Button:
    return Button("button.change_sessions", f"{CARD}edit")
