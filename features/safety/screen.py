"""The crisis screen: every message, caption and edit is read for words that suggest the
client may be in danger, before any feature answers it. Help comes first: the crisis
message with the client's own plan; then the conversation goes on, gently. Also /urgent,
and what someone who is not (or no longer) a client gets when their words suggest danger.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from features.kernel.feature import DangerFn, Screen, StepFn
from features.kernel.vocabulary import (
    Command,
    DangerSeen,
    Effect,
    Event,
    Facts,
    Outcome,
    Redraw,
    Reply,
    State,
    Step,
    Text,
    Toast,
    words_of,
)
from features.safety import resources, safety_plan
from features.safety.crisis import CrisisData

# In a state's data: when the full crisis message was last shown. Within the window, more
# words of danger get a short caring line pointing to it, not the whole block again.
CRISIS_AT = "_crisis_at"
CRISIS_WINDOW = timedelta(minutes=30)
# Lines (of other features) that would make a reply to words of danger read like a form.
_FORM_LINES = frozenset({"idle.text", "reflection.noted", "reflection.comment_kept"})


def help_first(
    state: State, event: Event, facts: Facts, go_on: StepFn, own: DangerFn | None
) -> Outcome | None:
    """Words that suggest danger bring crisis resources first; None if there are none.
    `go_on` routes the event as usual; `own` is the current step's own answer to such
    words, if it has one (a reflection keeps them, flagged)."""
    crisis = facts.get(CrisisData)
    words = words_of(event)
    # Writing a safety plan is the safety work itself: its warning signs name the danger,
    # and the plan's own texts point to /urgent. Elsewhere, help comes first.
    if state.step is Step.SAFETY_PLAN or not words or crisis is None:
        return None
    if not crisis.suggests_danger(words):
        return None
    if isinstance(event, Text):
        return _in_danger(state, event, facts, go_on, own)
    # A caption or an edit: help, and none of "I can only read text" after it.
    return _with_mark(Outcome(state, _help_now(state, facts)), _crisis_mark(state, facts))


def keep_mark(state: State, facts: Facts, outcome: Outcome) -> Outcome:
    """The outcome, still carrying when the crisis message was shown while that was within
    the window (whatever step it moved to); dropped once the window has passed."""
    return _with_mark(outcome, _recent_crisis(state, facts))


SCREEN = Screen(before=help_first, after=keep_mark)


def _in_danger(
    state: State, event: Text, facts: Facts, go_on: StepFn, own: DangerFn | None
) -> Outcome:
    """Help first: the crisis message with the client's own plan, or, if it was shown a
    little while ago, a short caring line pointing to it. Then no form-like line: inside
    a reflection the words are kept (flagged, so no note holds them unasked) and the
    client chooses to pause or carry on; elsewhere the step goes on as it would."""
    help_now = _help_now(state, facts)
    if own is not None:
        outcome = own(state, event.text, facts)
    else:
        went_on = go_on(state, event, facts.having(DangerSeen()))
        if state.step is not Step.IDLE and went_on.state == state and _only_words(went_on):
            # A step waiting for typed input (a place, a country, a time) that couldn't use
            # these words: "I couldn't find that place" after the helplines reads as a form.
            # The step keeps waiting, unchanged, until the client is ready.
            went_on = Outcome(state, tuple(e for e in went_on.effects if not _is_reply(e)))
        kept = tuple(
            e for e in went_on.effects if not (isinstance(e, Reply) and e.text in _FORM_LINES)
        )
        outcome = Outcome(went_on.state, kept)
    outcome = Outcome(outcome.state, (*help_now, *outcome.effects))
    return _with_mark(outcome, _crisis_mark(state, facts))


def urgent(state: State, command: Command, facts: Facts) -> Outcome:
    """/urgent: where to get help now, with the client's own plan."""
    return Outcome(state, (crisis_reply(facts), *safety_plan.in_crisis(facts)))


def for_stranger(event: Event, facts: Facts) -> Reply | None:
    """Someone the bot keeps nothing about wrote words that suggest danger: the crisis
    message, and nothing after it. None otherwise."""
    crisis = facts.get(CrisisData)
    if isinstance(event, Text) and crisis is not None and crisis.suggests_danger(event.text):
        return crisis_reply(facts)
    return None


def crisis_reply(facts: Facts) -> Reply:
    """Where to get help now, for the client's country."""
    return resources.crisis_reply(facts)


def _help_now(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The crisis message with the client's own plan; or, if it was shown a little while
    ago, a short caring line pointing to it."""
    if _recent_crisis(state, facts) is not None:
        return (Reply("crisis.again"),)
    return (crisis_reply(facts), *safety_plan.in_crisis(facts))


def _crisis_mark(state: State, facts: Facts) -> str:
    """When the full crisis message was shown: now, unless it was shown within the window."""
    return _recent_crisis(state, facts) or facts.now.isoformat()


def _is_reply(effect: Effect) -> bool:
    return isinstance(effect, Reply | Redraw | Toast)


def _only_words(outcome: Outcome) -> bool:
    """Whether the outcome only speaks: it stores nothing and moves nowhere."""
    return all(_is_reply(effect) for effect in outcome.effects)


def _recent_crisis(state: State, facts: Facts) -> str | None:
    """When the full crisis message was shown, if that was within the window."""
    raw = state.data.get(CRISIS_AT)
    try:
        shown = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
    if shown is None or not timedelta(0) <= facts.now - shown <= CRISIS_WINDOW:
        return None
    return raw if isinstance(raw, str) else None


def _with_mark(outcome: Outcome, mark: str | None) -> Outcome:
    """The outcome, its state carrying when the crisis message was shown (or not, once
    the window has passed), whatever step it moved to."""
    data = {k: v for k, v in outcome.state.data.items() if k != CRISIS_AT}
    if mark is None and len(data) == len(outcome.state.data):
        return outcome
    if mark is not None:
        data[CRISIS_AT] = mark
    return Outcome(State(outcome.state.step, data), outcome.effects)
