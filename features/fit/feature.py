"""/fit's registration: the command, its item and offer buttons, the item the client is on
and the two offers (have you started seeing them? carry on?)."""

from __future__ import annotations

from typing import Any

from features.common.loaders import LAST_SERIAL
from features.fit import flow, store, texts
from features.fit.loaders import CHECKS
from features.kernel.feature import CommandInfo, Enters, Feature, Need, on_state_and_facts
from features.kernel.vocabulary import Command, Event, Facts, Outcome, State, Step


def pause(state: State, facts: Facts) -> Outcome:
    """/cancel on an item: the check pauses, every choice made stays."""
    return flow.pause()


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """The client's checks, on /fit, its buttons and its steps (kept off every other turn);
    /fit reads whether the client has reflected yet too (before a first session, it asks
    whether they have started seeing this therapist)."""
    if not flow.reads_checks(state, event):
        return ()
    return (CHECKS, LAST_SERIAL) if isinstance(event, Command) else (CHECKS,)


FEATURE = Feature(
    needs=needs,
    name="fit",
    commands={"fit": on_state_and_facts(flow.begin)},
    buttons={flow.PRESS: flow.press, flow.OFFER: flow.press, flow.NOTE_GAP: flow.note_gap},
    steps={Step.FIT: flow.walking},
    offers={Step.FIT_SEEING: flow.offer_lapses, Step.FIT_RESUME: flow.offer_lapses},
    ask_again={step: flow.ask_again for step in flow.STEPS},
    cancel={Step.FIT: pause},
    interrupts=frozenset({"fit"}),
    goes_to=frozenset({flow.MEMO_KEEP}),
    # Leaving a check for another command or menu pauses it, and says so.
    on_leave=flow.note_paused,
    store=store.STORE,
    texts=texts.EN,
    menu=(CommandInfo("fit", "command.fit"),),
)
