"""The one-minute check-in between sessions: "How's your day going?" with five faces, one
tap; then, if the client likes, a line about it, which they may add to their next note.

The message comes on its own (handlers/prompt_jobs.py sends it at the time the client chose
in /schedule): discreet, it says nothing of what it is for. Its buttons carry the local day
they ask about, `ck:f:<day>:<face>`, so a tap on an old message keeps the face for its own
day (for as long as a prompt's buttons answer), and a second tap changes the same day's row.

After a tap (when the client is not in the middle of something else) the next text message,
within two hours, is the line (`Step.CHECKIN_LINE`, an offer: a command, a button or
anything else leaves it, and the face stays kept). Words of danger get the crisis screen
first (features/safety); the line is kept then too, quietly, with no offer to put it in a
note.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from features.checkin.effects import MarkCheckInNoted, PutCheckInFace, PutCheckInLine
from features.checkin.loaded import CheckInLine
from features.common.faces import FACES
from features.common.timezones import zone_for
from features.kernel.vocabulary import (
    Arg,
    Button,
    DangerSeen,
    Day,
    Event,
    Facts,
    Goto,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Step,
    Text,
    Toast,
)

PRESS = "ck:"
FACE, NOTE, DONE = f"{PRESS}f:", f"{PRESS}n:", f"{PRESS}d:"
# A check-in's buttons answer as long as a prompt's do.
CLOSES_AFTER = timedelta(days=4)
# How long after a tap the next words are taken as its line: later, they are words of their
# own (written outside a question, as memos has them), not a line for that day.
LINE_WINDOW = timedelta(hours=2)
# Where "Add to my next note" goes: memos keeps the words for the note (features/memos).
KEEP_MEMO = "memos.keep"


def ask(day: date) -> Reply:
    """The check-in message: how the day is going, five faces in one row (their words in a
    line of the message, for screen readers and for anyone unsure what a face means)."""
    row = tuple(
        Button("button.checkin_face", f"{FACE}{day.isoformat()}:{face}", {"face": emoji})
        for face, emoji in FACES.items()
    )
    return Reply("checkin.ask", buttons=(row,))


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A face, "Add to my next note" or "That's all" on a check-in."""
    day = pressed_day(event)
    today = local_today(facts)
    if day is None or day > today:
        return Outcome(state, (Toast("toast.stale_button"),))
    if event.data.startswith(FACE):
        return _face(state, event.data, day, today, facts)
    kept = _line_kept(day, today)
    if event.data.startswith(DONE):
        return Outcome(state, (Redraw(kept),))
    line = facts[CheckInLine]
    if line.text is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    if line.noted:
        return Outcome(state, (Redraw(kept), Toast("toast.checkin_noted_already")))
    # The client stays where they were: the button may be pressed in the middle of anything.
    where = {"step": state.step.value, "data": dict(state.data)}
    keep = Goto(KEEP_MEMO, {"words": line.text, **where})
    return Outcome(state, (MarkCheckInNoted(day), Redraw(kept), keep))


def line(state: State, event: Event, facts: Facts) -> Outcome | None:
    """The line after a tap: kept with the day's check-in, then the choice of adding it to
    the next note. Anything but words lets the offer lapse (the face stays kept)."""
    day = _day_of(state)
    if not isinstance(event, Text) or day is None or not _line_open(state, facts):
        return None
    kept = PutCheckInLine(day, event.text)
    if facts.get(DangerSeen) is not None:
        # The crisis help is the answer; no form-like thanks or note offer after it.
        return Outcome(State(), (kept,))
    today = local_today(facts)
    buttons = (
        (Button("button.checkin_note", f"{NOTE}{day.isoformat()}"),),
        (Button("button.checkin_done", f"{DONE}{day.isoformat()}"),),
    )
    said = _line_kept(day, today)
    return Outcome(State(), (kept, Reply(said.text, said.args, buttons)))


def cancel(state: State, facts: Facts) -> Outcome:
    """/cancel instead of a line: the face stays kept."""
    return Outcome(State(), (Reply("checkin.no_line"),))


def pressed_day(event: Event) -> date | None:
    """The local day a check-in button names (`ck:<what>:<YYYY-MM-DD>[:<face>]`)."""
    if not isinstance(event, Press) or not event.data.startswith(PRESS):
        return None
    parts = event.data.removeprefix(PRESS).split(":")
    if len(parts) < 2:
        return None
    try:
        return date.fromisoformat(parts[1])
    except ValueError:
        return None


def local_today(facts: Facts) -> date:
    """The client's date now."""
    zone = facts.client.time_zone
    return facts.now.astimezone(zone_for(zone) if zone else UTC).date()


def _face(state: State, data: str, day: date, today: date, facts: Facts) -> Outcome:
    parts = data.removeprefix(FACE).split(":")
    face = int(parts[1]) if len(parts) == 2 and parts[1].isdecimal() else 0
    if face not in FACES:
        return Outcome(state, (Toast("toast.stale_button"),))
    if today - day > CLOSES_AFTER:
        return Outcome(state, (Toast("toast.checkin_closed"),))
    label = Ref(f"checkin.face_{face}")
    chosen: Arg = (
        Ref("checkin.chosen_today", {"face": FACES[face], "label": label})
        if day == today
        else Ref("checkin.chosen_on", {"face": FACES[face], "label": label, "day": _day(day)})
    )
    # The line is offered only to a client not in the middle of something else: a
    # reflection or a question they're answering keeps its place.
    free = state.step in (Step.IDLE, Step.CHECKIN_LINE)
    invite: Arg = Ref("checkin.invite") if free else ""
    line_for = {"day": day.isoformat(), "at": facts.now.isoformat()}
    after = State(Step.CHECKIN_LINE, line_for) if free else state
    redraw = Redraw(Reply("checkin.chosen", {"chosen": chosen, "invite": invite}))
    return Outcome(after, (PutCheckInFace(day, face), redraw))


def _line_kept(day: date, today: date) -> Reply:
    if day == today:
        return Reply("checkin.line_kept_today")
    return Reply("checkin.line_kept_on", {"day": _day(day)})


def _line_open(state: State, facts: Facts) -> bool:
    raw = state.data.get("at")
    try:
        tapped = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return False
    return tapped is not None and timedelta(0) <= facts.now - tapped <= LINE_WINDOW


def _day_of(state: State) -> date | None:
    raw = state.data.get("day")
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _day(day: date) -> Day:
    return Day(day)
