"""Things I've learned: /learned (what helped and what to bring up, across all sessions)
and /find (a word in everything the client wrote). They read and show; they store nothing."""

from __future__ import annotations

from typing import Any

from features.kernel.feature import CommandInfo, Enters, Feature, Need, again_from_state
from features.kernel.vocabulary import (
    Command,
    Event,
    Facts,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Toast,
)
from features.learned import find, learned, texts
from features.learned.loaded import LearnedItems
from features.learned.loaders import LEARNED, WRITINGS


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """What helped and what to bring up for /learned and its pages; everything the client
    wrote when they search."""
    if isinstance(event, Command) and event.name == "learned":
        return (LEARNED,)
    if isinstance(event, Press) and event.data.startswith(learned.PRESS):
        return (LEARNED,)
    if find.needs_writings(state, event):
        return (WRITINGS,)
    return ()


def show_learned(state: State, command: Command, facts: Facts) -> Outcome:
    """/learned: its first page, or a kind word about what will gather here."""
    found = facts[LearnedItems].learned
    first = learned.page(found, 1, facts.client.language) if found is not None else None
    return Outcome(state, (first if first is not None else Reply("learned.none"),))


def press_learned(state: State, event: Press, facts: Facts) -> Outcome:
    """Turn a page of /learned."""
    asked = learned.wanted(event.data)
    found = facts.get(LearnedItems)
    shown = found.learned if found is not None else None
    page = (
        learned.page(shown, asked.page, facts.client.language)
        if asked is not None and shown is not None
        else None
    )
    if page is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    return Outcome(state, (Redraw(page),))


FEATURE = Feature(
    needs=needs,
    name="learned",
    commands={"learned": show_learned, "find": find.command},
    buttons={learned.PRESS: press_learned},
    steps={Step.FIND_WORD: find.asked},
    offers={Step.FIND_RESULTS: find.turn_page},
    ask_again={Step.FIND_WORD: again_from_state(find.ask_again)},
    cancel={Step.FIND_WORD: find.cancel},
    # Reading back doesn't interrupt: the question the client was on follows. A search
    # may hold its words for its pages, so it takes the client away from their step.
    asides=frozenset({"learned"}),
    interrupts=frozenset({"find"}),
    texts=texts.EN,
    menu=(
        CommandInfo("learned", "command.learned"),
        CommandInfo("find", "command.find"),
    ),
)
