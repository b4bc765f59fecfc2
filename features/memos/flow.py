"""Words written outside a question are welcome: the client chooses to add them to their
next note, to reflect now (the words kept for the note too), or to leave them.

Until they choose, the words are held in their state, sealed (stored encrypted with it,
`SEALED`), and only there: "Leave it", /cancel, or anything else drops them, and nothing of
them is kept. Another feature may keep words for the note directly ("memos.keep").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from features.kernel.vocabulary import (
    SEALED,
    Button,
    Event,
    Facts,
    Goto,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Text,
)
from features.memos.effects import ForgetHeld, KeepMemo

# The offer's buttons: answered by the offer itself, so a stale one does nothing.
CHOICE = "mo:"
ADD, REFLECT, LEAVE = f"{CHOICE}add", f"{CHOICE}reflect", f"{CHOICE}leave"
# Where "Reflect now" goes on: the reflection's own way in (features/reflection/feature.py).
REFLECTION_BEGIN = "reflection.begin"


def offer(facts: Facts, args: Mapping[str, Any]) -> Outcome:
    """Entry "memos.offer": words written outside a question, held until the client
    chooses what to do with them."""
    buttons = (
        (Button("button.memo_add", ADD),),
        (Button("button.memo_reflect", REFLECT), Button("button.memo_leave", LEAVE)),
    )
    held = State(Step.OFFER_MEMO, {SEALED: str(args["words"])})
    return Outcome(held, (Reply("memo.offer", buttons=buttons),))


def keep(facts: Facts, args: Mapping[str, Any]) -> Outcome:
    """Entry "memos.keep": words another feature's button offered to take into the note (a
    gap /fit found), kept at the client's press. The client stays where they were (`step`
    and `data` in the args: a menu button may be pressed in the middle of anything)."""
    try:
        where = State(Step(str(args.get("step", Step.IDLE.value))), dict(args.get("data", {})))
    except ValueError:
        where = State()
    return Outcome(where, (KeepMemo(str(args["words"])), Reply("memo.kept")))


def choose(state: State, event: Event, facts: Facts) -> Outcome | None:
    """The client's choice for the words held; None (anything else) lets the offer lapse,
    and the words with it."""
    words = state.data.get(SEALED)
    if not isinstance(event, Press) or not isinstance(words, str):
        return None
    if event.data == ADD:
        return Outcome(State(), (KeepMemo(words), Reply("memo.kept")))
    if event.data == REFLECT:
        # Kept as a note item rather than taken as the answer to "bring up": that question
        # comes last and may get more; the note shows both under what to bring up.
        begin = Goto(REFLECTION_BEGIN, {"source": "reflect"})
        return Outcome(State(), (KeepMemo(words), Reply("memo.kept_reflecting"), begin))
    if event.data == LEAVE:
        return Outcome(State(), (ForgetHeld(), Reply("memo.left")))
    return None


def cancel(state: State, facts: Facts) -> Outcome:
    """/cancel while the words are held: nothing is kept."""
    return Outcome(State(), (ForgetHeld(), Reply("memo.left")))


def drop_held(state: State, event: Event, outcome: Outcome) -> Outcome:
    """Whatever else the client did while the words were held (a command, an aside, another
    menu's button, new words) drops them, and nothing of them stays: only the offer's own
    "Add" or "Reflect now" keeps them, and new words are held anew for their own offer."""
    if any(isinstance(effect, KeepMemo | ForgetHeld) for effect in outcome.effects):
        return outcome  # chosen: kept, or already forgotten
    fresh = isinstance(event, Text) and outcome.state.step is Step.OFFER_MEMO
    data = {key: value for key, value in outcome.state.data.items() if key != SEALED}
    step = outcome.state.step
    if not fresh:
        step = Step.IDLE if step is Step.OFFER_MEMO else step
        outcome = Outcome(State(step, data), outcome.effects)
    return Outcome(outcome.state, (ForgetHeld(), *outcome.effects))
