"""/privacy: what the bot keeps and who can see it. /delete: erase everything the bot keeps
about the client, after an explicit "yes"; "no" (or /cancel) keeps it all.

The confirmation's buttons carry `del:yes` and `del:no`.
"""

from __future__ import annotations

from features.kernel.vocabulary import (
    Button,
    Command,
    Event,
    Facts,
    Outcome,
    Press,
    Reply,
    State,
    Step,
)
from features.privacy.effects import EraseClient

DELETE_PREFIX = "del:"
DELETE_YES = DELETE_PREFIX + "yes"
DELETE_NO = DELETE_PREFIX + "no"


def privacy(state: State, command: Command, facts: Facts) -> Outcome:
    """/privacy: what is kept, and who can see it."""
    return Outcome(state, (Reply("privacy"),))


def delete(state: State, command: Command, facts: Facts) -> Outcome:
    """/delete: ask to confirm; nothing is erased yet."""
    confirm = Reply(
        "delete.confirm",
        buttons=(
            (Button("button.delete_yes", DELETE_YES),),
            (Button("button.delete_no", DELETE_NO),),
        ),
    )
    return Outcome(State(Step.CONFIRM_DELETE), (confirm,))


def confirm_delete(state: State, event: Event, facts: Facts) -> Outcome | None:
    """Erase everything only on the explicit "yes"; "no" keeps it all. None: anything else
    lets the question lapse, and nothing is erased."""
    if isinstance(event, Press) and event.data == DELETE_YES:
        return Outcome(State(), (EraseClient(), Reply("delete.done")))
    if isinstance(event, Press) and event.data == DELETE_NO:
        return Outcome(State(), (Reply("delete.kept"),))
    return None


def keep(state: State, facts: Facts) -> Outcome:
    """/cancel while asked to confirm: everything is kept."""
    return Outcome(State(), (Reply("delete.kept"),))
