"""Memos' registration: the offer for words written outside a question, and the ways in
for another feature to offer or keep something for the next note."""

from __future__ import annotations

from typing import Any

from features.kernel.feature import Enters, Feature, Need
from features.kernel.vocabulary import Event, Facts, Press, State, Step
from features.memos import flow, store, texts


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """ "Reflect now" begins a reflection, which reads what it begins from."""
    if state.step is Step.OFFER_MEMO and isinstance(event, Press):
        return (Enters(flow.REFLECTION_BEGIN),)
    return ()


FEATURE = Feature(
    needs=needs,
    name="memos",
    offers={Step.OFFER_MEMO: flow.choose},
    cancel={Step.OFFER_MEMO: flow.cancel},
    entries={"memos.offer": flow.offer, "memos.keep": flow.keep},
    goes_to=frozenset({flow.REFLECTION_BEGIN}),
    on_leave=flow.drop_held,
    store=store.STORE,
    texts=texts.EN,
)
