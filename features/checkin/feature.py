"""The check-in's registration: its buttons (the faces, and what to do with a line), the
line that may follow a tap, and what it stores. When it comes is the schedule's (planned
with the client's prompts, chosen in /schedule)."""

from __future__ import annotations

from typing import Any

from features.checkin import flow, store, texts
from features.checkin.loaders import LINE
from features.kernel.feature import Enters, Feature, Need
from features.kernel.vocabulary import Event, Facts, Press, State, Step


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """ "Add to my next note" reads the day's line and hands it to memos."""
    if isinstance(event, Press) and event.data.startswith(flow.NOTE):
        return (LINE, Enters(flow.KEEP_MEMO))
    return ()


FEATURE = Feature(
    needs=needs,
    name="checkin",
    buttons={flow.PRESS: flow.press},
    offers={Step.CHECKIN_LINE: flow.line},
    cancel={Step.CHECKIN_LINE: flow.cancel},
    goes_to=frozenset({flow.KEEP_MEMO}),
    store=store.STORE,
    texts=texts.EN,
)
