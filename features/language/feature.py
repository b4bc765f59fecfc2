"""/language's registration: the command, its buttons and what it stores."""

from __future__ import annotations

from features.kernel.feature import CommandInfo, Feature, on_state_and_facts
from features.language import flow, store, texts

FEATURE = Feature(
    name="language",
    commands={"language": on_state_and_facts(flow.show)},
    buttons={flow.PRESS: flow.press},
    # Answered in passing: a question the client was on follows.
    asides=frozenset({"language"}),
    store=store.STORE,
    texts=texts.EN,
    menu=(CommandInfo("language", "command.language"),),
)
