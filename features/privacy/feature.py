"""Privacy's registration: /privacy, and /delete with its confirmation."""

from __future__ import annotations

from features.kernel.feature import CommandInfo, Feature
from features.kernel.vocabulary import Step
from features.privacy import flow, store, texts

FEATURE = Feature(
    name="privacy",
    commands={"privacy": flow.privacy, "delete": flow.delete},
    offers={Step.CONFIRM_DELETE: flow.confirm_delete},
    cancel={Step.CONFIRM_DELETE: flow.keep},
    interrupts=frozenset({"delete"}),
    asides=frozenset({"privacy"}),
    store=store.STORE,
    texts=texts.EN,
    menu=(
        CommandInfo("privacy", "command.privacy"),
        CommandInfo("delete", "command.delete"),
    ),
)
