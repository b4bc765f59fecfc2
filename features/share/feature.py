"""/share's registration: the command, its menu's buttons, and what they read."""

from __future__ import annotations

from typing import Any

from features.kernel.feature import CommandInfo, Enters, Feature, Need
from features.kernel.vocabulary import Command, Event, Facts, State
from features.share import flow, texts
from features.share.choice import PRESS, pressed
from features.share.loaders import SHARE


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """What there is to share, for /share and its buttons (with Make the page, the page's
    material too)."""
    if isinstance(event, Command) and event.name == "share":
        return (SHARE,)
    return (SHARE,) if pressed(event) is not None else ()


FEATURE = Feature(
    name="share",
    needs=needs,
    commands={"share": flow.command},
    buttons={PRESS: flow.press},
    # Choosing a page doesn't interrupt: the question the client was on follows.
    asides=frozenset({"share"}),
    texts=texts.EN,
    menu=(CommandInfo("share", "command.share"),),
)
