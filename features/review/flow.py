"""`/summary`, `/note` and `/export`: what the client takes from their reflections.

They read and show; the only things they store are a note's choices. Page buttons carry
`sum:<window>:<newest serial>:<page>`, so paging shows the same reflections even if a new
one is written meanwhile; note buttons carry `n:<note serial>:<item or done>`.
"""

from __future__ import annotations

from dataclasses import dataclass

from features.common.loaded import ClientSchedule
from features.common.session_times import next_session
from features.kernel.vocabulary import (
    Command,
    Effect,
    Event,
    Facts,
    Outcome,
    Press,
    Redraw,
    Reply,
    SendExport,
    State,
    Toast,
)
from features.review import between, note, summary
from features.review.effects import CreateNote, FinishNote, ToggleNoteItem
from features.review.history import History
from features.review.loaded import NoteFacts, SummaryWindow
from features.review.window import Unreadable, Window, from_key, parse

COMMANDS = frozenset({"summary", "note", "export"})


@dataclass(frozen=True, slots=True)
class Wanted:
    """What an event needs read before it can be answered."""

    window: Window | None = None
    upto: int | None = None
    note_serial: int | None = None
    new_note: bool = False


def wanted(event: Event) -> Wanted | None:
    """What to read for this event, or None if it is not about review."""
    if isinstance(event, Command):
        if event.name == "summary":
            window = parse(event.args)
            return Wanted(window=window) if isinstance(window, Window) else None
        if event.name == "note":
            return Wanted(new_note=True)
        return None
    if isinstance(event, Press):
        if event.data.startswith(summary.PRESS):
            parts = event.data.removeprefix(summary.PRESS).split(":")
            named = from_key(parts[0]) if len(parts) == 3 else None
            if named is None or not parts[1].isdecimal():
                return None
            return Wanted(window=named, upto=int(parts[1]))
        if event.data.startswith(note.PRESS):
            serial = event.data.removeprefix(note.PRESS).split(":")[0]
            return Wanted(note_serial=int(serial)) if serial.isdecimal() else None
    return None


def command(command: Command, state: State, facts: Facts, again: tuple[Reply, ...]) -> Outcome:
    """Answer /summary, /note or /export; the question the client was on comes after."""
    if command.name == "summary":
        effects: tuple[Effect, ...] = _summary(command.args, facts)
    elif command.name == "note":
        effects = _new_note(facts)
    else:
        effects = (Reply("export.preparing"), SendExport())
    return Outcome(state, (*effects, *again))


def press_summary(state: State, event: Press, facts: Facts) -> Outcome:
    """Turn a page of the summary."""
    parts = event.data.removeprefix(summary.PRESS).split(":")
    window = from_key(parts[0]) if len(parts) == 3 else None
    # Nothing was read for a button whose data names no window (a forged or mangled one).
    read = facts.get(SummaryWindow)
    history = read.history if read is not None else None
    if window is None or history is None or not parts[2].isdecimal():
        return Outcome(state, (Toast("toast.stale_button"),))
    page = summary.page(history, window, int(parts[2]), facts.client.language)
    if page is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    return Outcome(state, (Redraw(page),))


def press_note(state: State, event: Press, facts: Facts) -> Outcome:
    """Leave an item of a note out or put it back, or finish the note."""
    read = facts.get(NoteFacts)  # None: the button's data names no note
    kept = read.note if read is not None else None
    action = event.data.removeprefix(note.PRESS).partition(":")[2]
    if kept is None or kept.serial == 0:
        return Outcome(state, (Toast("toast.stale_button"),))
    if kept.final:
        return Outcome(state, (Toast("toast.note_final"),))
    # Discreet wording is for notes that arrive unasked, on a lock screen.
    language, neutral = (
        facts.client.language,
        facts[ClientSchedule].neutral_wording and kept.scheduled,
    )
    if action == note.OPEN:  # a discreet note, opened: the draft takes its place
        return Outcome(state, (Redraw(note.draft(kept, neutral, language)),))
    if action == note.DONE:
        pages = note.final(kept, neutral, language)
        return Outcome(
            state,
            (FinishNote(kept.serial), Toast("toast.note_ready"), Redraw(pages[0]), *pages[1:]),
        )
    if not action.isdecimal() or not 0 <= int(action) < len(kept.items):
        return Outcome(state, (Toast("toast.stale_button"),))
    index = int(action)
    changed = kept.toggled(index)
    return Outcome(
        state, (ToggleNoteItem(kept.serial, index), Redraw(note.draft(changed, neutral, language)))
    )


def _summary(args: str, facts: Facts) -> tuple[Effect, ...]:
    window = parse(args)
    if isinstance(window, Unreadable):
        return (Reply(f"summary.{window.reason}"),)
    history = facts[SummaryWindow].history
    checkins = between.faces(facts[SummaryWindow].checkins)
    also = (checkins,) if checkins is not None else ()
    if history is None or not history.sessions:
        return (summary.nothing_to_show(history or History(sessions=()), window), *also)
    pages = summary.pages(history, window, facts.client.language)
    chart = summary.chart(history)
    return (pages[0], *((chart,) if chart is not None else ()), *also)


def _new_note(facts: Facts) -> tuple[Effect, ...]:
    material = facts[NoteFacts].note
    if material is None or not material.items:
        return (note.nothing_yet(material.goals if material is not None else ()),)
    serial = facts[NoteFacts].last_serial + 1
    schedule = facts[ClientSchedule].schedule
    upcoming = next_session(schedule, facts.now) if schedule is not None else None
    day = upcoming.local_date if upcoming is not None else None
    kept = note.NoteView(serial, material.items, session_date=day)
    items = tuple((item.kind, item.ref, item.previous, item.included) for item in kept.items)
    draft = note.draft(kept, False, facts.client.language)
    return (CreateNote(serial, items, kept.session_date), draft)
