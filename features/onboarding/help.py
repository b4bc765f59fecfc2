"""What the bot says around any conversation: /help, /cancel where there is nothing of a
feature's to stop, and its answer to what it can't use (an unknown command, an edit, a
stale button, words or a photo when no question is open)."""

from __future__ import annotations

import difflib

from features.kernel.texts import menu_names
from features.kernel.vocabulary import (
    Command,
    DangerSeen,
    Edited,
    Event,
    Facts,
    Goto,
    NonText,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Text,
    Toast,
)

# Words written when no question is open are offered for the next note (features/memos).
MEMO_OFFER = "memos.offer"


def show_help(state: State, command: Command, facts: Facts) -> Outcome:
    """/help: what the bot can do, every command with a line on what it does."""
    return Outcome(state, (Reply("help"),))


def cancel(state: State, command: Command, facts: Facts) -> Outcome:
    """/cancel in a step with nothing of its own to say about stopping: leave it (all
    saved stays saved); when idle, there is nothing to cancel."""
    if state.step is Step.IDLE:
        return Outcome(state, (Reply("cancel.nothing"),))
    return Outcome(State(), (Reply("cancel.done"),))


def unknown_command(state: State, command: Command, facts: Facts) -> Outcome:
    """A command no feature answers: say so, offer the nearest one when it looks like a
    slip of the keys (/sumary), and point to /help."""
    near = difflib.get_close_matches(command.name.lower(), menu_names(), n=1, cutoff=0.75)
    if near:
        return Outcome(state, (Reply("unknown_command.near", {"command": near[0]}),))
    return Outcome(state, (Reply("unknown_command"),))


def edited(state: State, event: Edited, facts: Facts) -> Outcome:
    """An edit of an earlier message changes no answer: say so."""
    return Outcome(state, (Reply("edited"),))


def idle(state: State, event: Event, facts: Facts) -> Outcome:
    """No question open: a stale button or a photo gets a kind pointer; words are welcome
    (kept for the next note if the client chooses)."""
    if isinstance(event, Press):
        return Outcome(state, (Toast("toast.stale_button"),))
    if isinstance(event, NonText):
        return Outcome(state, (Reply("idle.non_text"),))
    assert isinstance(event, Text)
    if facts.get(DangerSeen) is not None or not event.text.strip():
        # Help came first (the safety screen): no offer to file those words away.
        return Outcome(state, (Reply("idle.text"),))
    # Anything typed is welcome: the client chooses whether it goes into their next note.
    return Outcome(state, (Goto(MEMO_OFFER, {"words": event.text}),))
