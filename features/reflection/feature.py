"""The reflection's registration: /reflect, the question the client is on, and the offers
that follow a reflection (resume it, raise dropped ratings, share words of danger)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from features.common.loaders import LAST_SERIAL, RECENT_WEEKS, SCHEDULE
from features.kernel.feature import CommandInfo, Enters, Feature, Need
from features.kernel.vocabulary import (
    Command,
    Event,
    Facts,
    Outcome,
    Press,
    Reply,
    State,
    Step,
)
from features.reflection import flow, store, texts
from features.reflection.loaded import OpenReflection
from features.reflection.loaders import READ, RECENT, REFLECTED


def question_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The question the client is on, again."""
    return flow.ask_again(facts[OpenReflection].view, facts)


def pause(state: State, facts: Facts) -> Outcome:
    """/cancel in a reflection: it pauses, everything answered stays."""
    return flow.pause(reflecting=True)


# What beginning or resuming one reads: it, its words, the serial of the last one, and
# how the client has been over recent weeks (read only after their schedule: nothing is
# read when their schedule wasn't).
BEGIN_NEEDS = (*READ, LAST_SERIAL, RECENT_WEEKS)
# What choosing the session of a new one reads: the client's schedule, how they have been
# (asked first for a week not answered), then the session dates of their recent
# reflections (neither read without a schedule).
CHOOSING = (SCHEDULE, RECENT_WEEKS, REFLECTED)


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """While walking a reflection: it, its answers, the words of the goals and own
    questions it asks (these four in one statement), and (on its last question only) the
    recent ratings its end compares with. Otherwise (to begin or resume one, or an offer
    after one): `BEGIN_NEEDS`; and for /reflect, or starting anew from the resume offer,
    what choosing the session reads (`CHOOSING`)."""
    reflect = isinstance(event, Command) and event.name == "reflect"
    if state.step is Step.REFLECTING and not reflect:
        return (*READ, RECENT)
    anew = (
        state.step is Step.OFFER_RESUME
        and isinstance(event, Press)
        and event.data.startswith(flow.RESUME)
    )
    if reflect or anew:
        return (*READ, LAST_SERIAL, *CHOOSING)
    if state.step is Step.CHOOSE_SESSION:
        # A session chosen: its week is asked about first when it wasn't answered.
        return (*READ, LAST_SERIAL, SCHEDULE, RECENT_WEEKS)
    return BEGIN_NEEDS


def begin_for(facts: Facts, args: Mapping[str, Any]) -> Outcome:
    """Entry "reflection.begin": a reflection begun from elsewhere (a prompt's "Start now"
    names its source and session's date; its "Quick version" asks for the quick one; how
    I've been, asked first, says it was `asked`), or an offer to resume the unfinished
    one. Begun from elsewhere without a date, it looks back on today's session (what
    choosing one reads is read only for /reflect)."""
    return flow.begin(
        facts,
        source=args["source"],
        session_date=args.get("session_date"),
        choose=False,
        quick=bool(args.get("quick")),
        asked=bool(args.get("asked")),
    )


FEATURE = Feature(
    needs=needs,
    name="reflection",
    commands={"reflect": flow.reflect},
    steps={Step.REFLECTING: flow.reflecting},
    offers={
        Step.OFFER_RESUME: flow.offer_resume,
        Step.OFFER_RAISE: flow.offer_raise,
        Step.OFFER_SHARE: flow.offer_share,
        Step.CHOOSE_SESSION: flow.offer_session,
    },
    ask_again={
        Step.REFLECTING: question_again,
        Step.OFFER_RESUME: flow.offer_again,
        Step.OFFER_RAISE: flow.offer_again,
        Step.OFFER_SHARE: flow.offer_again,
        Step.CHOOSE_SESSION: flow.offer_again,
    },
    cancel={Step.REFLECTING: pause},
    entries={"reflection.begin": begin_for},
    entry_needs={"reflection.begin": BEGIN_NEEDS},
    # /reflect asks how the client has been that week first, when it wasn't answered.
    goes_to=frozenset({flow.HOW_IVE_BEEN}),
    # Words of danger as an answer are kept with the question, flagged.
    on_danger={Step.REFLECTING: flow.in_danger},
    # Leaving a reflection for another command pauses it; /reflect picks it up again.
    pauses={Step.REFLECTING: "reflection.paused_for_command"},
    # While the client walks a reflection only their state holds their place: kept on leaving.
    on_exit=flow.on_leave,
    store=store.STORE,
    texts=texts.EN,
    menu=(CommandInfo("reflect", "command.reflect"),),
)
