"""How I've been and /progress: the four ratings of the week before a session (asked with
the note the evening before, and at the start of /reflect when they weren't), and "am I
getting better?" by the client's own ratings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from features.common.loaded import RecentWeeks
from features.common.loaders import GOALS, RECENT_WEEKS
from features.kernel.feature import CommandInfo, Enters, Feature, Need, on_state_and_facts
from features.kernel.vocabulary import Command, Event, Facts, Goto, Outcome, Press, State
from features.progress import asking, report, store, texts
from features.progress.loaders import PRESSED, PROGRESS


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """/progress: the active goals' words, then every week rated, the goals' ratings and
    the last weeks' check-ins. A press of the four: that session's row, and, when a
    reflection waits on them, what beginning it reads."""
    if isinstance(event, Command) and event.name == "progress":
        return (GOALS, PROGRESS)
    if isinstance(event, Press) and event.data.startswith(asking.PRESS):
        pressed = asking.parse(event.data)
        if pressed is not None and pressed.then is not None:
            return (PRESSED, Enters(asking.REFLECTION_BEGIN))
        return (PRESSED,)
    return ()


def ask_first(facts: Facts, args: Mapping[str, Any]) -> Outcome:
    """Entry "progress.ask": a reflection about to begin asks the four first (they
    weren't answered for its session); it begins once they are done or skipped."""
    day = args["session_date"]
    assert isinstance(day, date)
    then = "p" if args.get("source") == "prompt" else "r"
    week = facts[RecentWeeks].weeks.get(day)
    asked = asking.ask(day, week, then)
    if asked is None:  # settled after all: the reflection goes on
        begin = {"source": asking.THEN[then], "session_date": day, "asked": True}
        return Outcome(State(), (Goto(asking.REFLECTION_BEGIN, begin),))
    return Outcome(State(), (asked,))


FEATURE = Feature(
    needs=needs,
    name="progress",
    commands={"progress": on_state_and_facts(report.progress)},
    buttons={asking.PRESS: asking.press},
    entries={"progress.ask": ask_first},
    entry_needs={"progress.ask": (RECENT_WEEKS,)},
    goes_to=frozenset({asking.REFLECTION_BEGIN}),
    # Reading back doesn't interrupt: the question the client was on follows.
    asides=frozenset({"progress"}),
    store=store.STORE,
    texts=texts.EN,
    menu=(CommandInfo("progress", "command.progress"),),
)
