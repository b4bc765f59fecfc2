"""The review's registration: /summary, /note and /export (read back in passing: the
question the client was on follows), and the summary's page and the note's buttons."""

from __future__ import annotations

from features.kernel.feature import CommandInfo, Feature
from features.kernel.vocabulary import Command, Facts, Outcome, State
from features.review import flow, note, store, summary, texts


def read_back(state: State, command: Command, facts: Facts) -> Outcome:
    """/summary, /note or /export."""
    return flow.command(command, state, facts, ())


FEATURE = Feature(
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
