"""The review's registration: /summary, /note and /export (read back in passing: the
question the client was on follows), and the summary's page and the note's buttons."""

from __future__ import annotations

from typing import Any

from features.common.loaders import SCHEDULE
from features.kernel.feature import CommandInfo, Enters, Feature, Need
from features.kernel.vocabulary import Command, Event, Facts, Outcome, State
from features.review import flow, note, store, summary, texts
from features.review.loaders import NOTE, WINDOW


def read_back(state: State, command: Command, facts: Facts) -> Outcome:
    """/summary, /note or /export."""
    return flow.command(command, state, facts, ())


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """A window of reflections for /summary and its pages; a note for /note and its
    buttons (a new one reads the schedule first, for the session it is for)."""
    wanted = flow.wanted(event)
    if wanted is None:
        return ()
    if wanted.window is not None:
        return (WINDOW,)
    return (SCHEDULE, NOTE)


FEATURE = Feature(
    needs=needs,
    name="review",
    commands={"summary": read_back, "note": read_back, "export": read_back},
    buttons={summary.PRESS: flow.press_summary, note.PRESS: flow.press_note},
    # Reading back doesn't interrupt: the question the client was on follows.
    asides=frozenset({"summary", "note", "export"}),
    store=store.STORE,
    texts=texts.EN,
    menu=(
        CommandInfo("summary", "command.summary"),
        CommandInfo("note", "command.note"),
        CommandInfo("export", "command.export"),
    ),
)
