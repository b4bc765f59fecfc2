"""The top of every conversation: commands that work anywhere, menu buttons that work
anywhere, then whatever the current step is waiting for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from features.fit import flow as fit
from features.goals import goals, own_questions
from features.kernel.vocabulary import (
    Button,
    Command,
    Edited,
    Effect,
    Event,
    Facts,
    NonText,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.onboarding import flow as onboarding
from features.privacy.effects import EraseClient
from features.reflection import flow as reflection
from features.review import flow as review
from features.review import note, summary
from features.safety import country, resources, safety_plan
from features.schedule import prompts
from features.schedule import setup as sessions

DELETE_PREFIX = "del:"
DELETE_YES = DELETE_PREFIX + "yes"
DELETE_NO = DELETE_PREFIX + "no"

# In a state's data: the album (media group) last answered, so the rest of it isn't.
ALBUM = "_album"
# In a state's data: when the full crisis message was last shown. Within the window, more
# words of danger get a short caring line pointing to it, not the whole block again.
CRISIS_AT = "_crisis_at"
CRISIS_WINDOW = timedelta(minutes=30)
# Lines that would make a reply to words of danger read like a form.
_FORM_LINES = frozenset({"idle.text", "reflection.noted", "reflection.comment_kept"})

StepHandler = Callable[[State, Event, Facts], Outcome]
OfferHandler = Callable[[State, Event, Facts], Outcome | None]

# What each step does with the client's answer. IDLE is handled below.
_STEPS: dict[Step, StepHandler] = {
    Step.ASK_TIME_ZONE: onboarding.ask_time_zone,
    Step.REFLECTING: reflection.reflecting,
    Step.GOAL_NEW: goals.write,
    Step.GOAL_EDIT: goals.write,
    Step.OWN_QUESTION_NEW: own_questions.write,
    Step.SET_DAYS: sessions.answer,
    Step.SET_TIME: sessions.answer,
    Step.SET_LENGTH: sessions.answer,
    Step.SET_FREQUENCY: sessions.answer,
    Step.ADD_EXTRA: sessions.add_extra,
    Step.FIT: fit.walking,
    Step.ASK_COUNTRY: country.answer,
    Step.SAFETY_PLAN: safety_plan.writing,
}
# Offers wait for a button; anything else makes them lapse and is handled as if idle.
_OFFERS: dict[Step, OfferHandler] = {
    Step.OFFER_RESUME: reflection.offer_resume,
    Step.OFFER_RAISE: reflection.offer_raise,
    Step.CONFIRM_DELETE: lambda state, event, facts: _confirm_delete(event),
    Step.FIT_SEEING: fit.offer_lapses,
    Step.FIT_RESUME: fit.offer_lapses,
    Step.OFFER_SHARE: reflection.offer_share,
}
# Menu buttons act wherever the client is, checked against the client's own data.
_MENUS: dict[str, Callable[[State, Press, Facts], Outcome]] = {
    goals.PRESS: goals.press,
    own_questions.PRESS: own_questions.press,
    sessions.CARD: sessions.change,
    prompts.PRESS: prompts.press,
    fit.PRESS: fit.press,
    fit.OFFER: fit.press,
    summary.PRESS: review.press_summary,
    note.PRESS: review.press_note,
    safety_plan.PRESS: safety_plan.press,
}
# Steps and commands that need no more than the client's profile (see `needs_context`).
_LIGHT_STEPS = frozenset({Step.IDLE, Step.ASK_TIME_ZONE, Step.ASK_COUNTRY})
_LIGHT_COMMANDS = frozenset(
    {"start", "help", "cancel", "timezone", "country", "urgent", "privacy", "delete"}
)


def step(state: State, event: Event, facts: Facts) -> Outcome:
    """Move a client's conversation on by one event. Words that suggest the client may be
    in danger bring crisis resources first; then the conversation goes on, gently."""
    crisis = facts.crisis
    words = words_of(event)
    # Writing a safety plan is the safety work itself: its warning signs name the danger,
    # and the plan's own texts point to /urgent. Elsewhere, help comes first.
    screening = state.step is not Step.SAFETY_PLAN
    if screening and words and crisis is not None and crisis.suggests_danger(words):
        if isinstance(event, Text):
            return _in_danger(state, event, facts)
        # A caption or an edit: help, and none of "I can only read text" after it.
        return _with_mark(Outcome(state, _help_now(state, facts)), _crisis_mark(state, facts))
    if isinstance(event, NonText) and event.album:
        return _album(state, event, facts)
    outcome = fit.note_paused(state, event, _step(state, event, facts))
    return _with_mark(outcome, _recent_crisis(state, facts))


def _in_danger(state: State, event: Text, facts: Facts) -> Outcome:
    """Help first: the crisis message with the client's own plan, or, if it was shown a
    little while ago, a short caring line pointing to it. Then no form-like line: inside
    a reflection the words are kept (flagged, so no note holds them unasked) and the
    client chooses to pause or carry on; elsewhere the step goes on as it would."""
    help_now = _help_now(state, facts)
    if state.step is Step.REFLECTING:
        outcome = reflection.in_danger(state, event.text, facts)
    else:
        went_on = fit.note_paused(state, event, _step(state, event, facts))
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


def words_of(event: Event) -> str:
    """What the client wrote, wherever it came: a message, a caption, an edit."""
    if isinstance(event, Text):
        return event.text
    if isinstance(event, NonText | Edited):
        return event.words
    return ""


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


# What someone the bot keeps nothing about may ask for without becoming a client: these
# answers need nothing stored.
_STRANGER_COMMANDS = frozenset({"help", "urgent", "privacy"})


def stranger(event: Event, facts: Facts) -> Outcome:
    """Someone the bot keeps nothing about (never started, or erased) sent something other
    than /start. Only /start makes a client, so nothing is stored: a press (an erase
    confirmed twice, redelivered after a restart) gets a brief notice; /help, /urgent and
    /privacy their answer; words of danger the crisis resources; anything else a kind
    pointer to /start. The state returned is never saved."""
    if isinstance(event, Press):
        return Outcome(State(), (Toast("stranger.press"),))
    if isinstance(event, Command) and event.name in _STRANGER_COMMANDS:
        return Outcome(State(), _command(State(), event, facts).effects)
    crisis = facts.crisis
    if isinstance(event, Text) and crisis is not None and crisis.suggests_danger(event.text):
        return Outcome(State(), (crisis_reply(facts),))  # nothing after help
    return Outcome(State(), (Reply("stranger.start"),))


def _album(state: State, event: NonText, facts: Facts) -> Outcome:
    """Several photos sent at once arrive one by one: the first is answered as any
    non-text message, the rest of the same album quietly (one reply is enough)."""
    if state.data.get(ALBUM) == event.album:
        return Outcome(state)
    outcome = step(state, NonText(event.kind), facts)
    remembered = State(outcome.state.step, {**outcome.state.data, ALBUM: event.album})
    return Outcome(remembered, outcome.effects)


def crisis_reply(facts: Facts) -> Reply:
    """Where to get help now, for the client's country."""
    return resources.crisis_reply(facts)


def _step(state: State, event: Event, facts: Facts) -> Outcome:
    if isinstance(event, Command):
        return _command(state, event, facts)
    if isinstance(event, Edited):
        return Outcome(state, (Reply("edited"), *ask_again(state, facts)))
    if isinstance(event, Press):
        for prefix, menu in _MENUS.items():
            if event.data.startswith(prefix):
                return menu(state, event, facts)
    offer = _OFFERS.get(state.step)
    if offer is not None:
        outcome = offer(state, event, facts)
        if outcome is not None:
            return outcome
        state = State()
    handler = _STEPS.get(state.step)
    if handler is not None:
        return handler(state, event, facts)
    return _idle(state, event)


def needs_context(state: State, event: Event) -> bool:
    """Whether stepping needs the reflection, goals and questions loaded, or the profile
    alone will do. Keeps the common light turns (onboarding, help) to two queries."""
    if isinstance(event, Command):
        return event.name not in _LIGHT_COMMANDS or state.step not in _LIGHT_STEPS
    if isinstance(event, Press):
        return not event.data.startswith((onboarding.ZONE_BUTTON, country.COUNTRY_BUTTON, "del:"))
    return state.step not in _LIGHT_STEPS


def ask_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The question the client is in the middle of, if any: to repeat after an interruption
    (a restart, an error, a message we could not use)."""
    if state.step is Step.ASK_TIME_ZONE:
        return onboarding.ask_again(state)
    if state.step is Step.ASK_COUNTRY:
        return country.ask_again()
    if state.step is Step.REFLECTING:
        return reflection.ask_again(facts.reflection, facts)
    if state.step in (Step.OFFER_RESUME, Step.OFFER_RAISE):
        return reflection.offer_again(state, facts)
    if state.step in (Step.GOAL_NEW, Step.GOAL_EDIT):
        return goals.ask_again(state)
    if state.step is Step.OWN_QUESTION_NEW:
        return own_questions.ask_again()
    if state.step in fit.STEPS:
        return fit.ask_again(state, facts)
    if state.step is Step.SAFETY_PLAN:
        return safety_plan.ask_again(state, facts)
    if state.step is Step.OFFER_SHARE:
        return reflection.offer_again(state, facts)
    setup = (Step.SET_DAYS, Step.SET_TIME, Step.SET_LENGTH, Step.SET_FREQUENCY, Step.ADD_EXTRA)
    if state.step in setup:
        return sessions.ask_again(state)
    return ()


def _command(state: State, command: Command, facts: Facts) -> Outcome:
    reflecting = state.step is Step.REFLECTING
    # Leaving a reflection for another command pauses it; /reflect picks it up again.
    paused = (Reply("reflection.paused_for_command"),) if reflecting else ()
    if command.name == "start":
        return onboarding.start(state, facts)
    if command.name == "timezone":
        return onboarding.change_time_zone(facts)
    if command.name == "country":
        return country.begin(facts, paused)
    if command.name == "help":
        return Outcome(state, (Reply("help"), *ask_again(state, facts)))
    if command.name == "delete":
        confirm = Reply(
            "delete.confirm",
            buttons=(
                (Button("button.delete_yes", DELETE_YES),),
                (Button("button.delete_no", DELETE_NO),),
            ),
        )
        return Outcome(State(Step.CONFIRM_DELETE), (*paused, confirm))
    if command.name == "privacy":
        return Outcome(state, (Reply("privacy"), *ask_again(state, facts)))
    if command.name == "urgent":
        help_now = (crisis_reply(facts), *safety_plan.in_crisis(facts))
        return Outcome(state, (*help_now, *ask_again(state, facts)))
    if command.name == "cancel":
        if state.step is Step.CONFIRM_DELETE:
            return Outcome(State(), (Reply("delete.kept"),))
        if state.step is Step.IDLE:
            return Outcome(state, (Reply("cancel.nothing"),))
        if state.step is Step.FIT:
            return fit.pause()
        return reflection.pause(reflecting)
    if command.name in review.COMMANDS:
        # Reading back doesn't interrupt: the question the client was on follows.
        return review.command(command, state, facts, ask_again(state, facts))
    if command.name == "reflect":
        return reflection.begin(facts)
    if command.name == "safetyplan":
        return safety_plan.show(facts, paused)
    if command.name == "fit":
        outcome = fit.begin(state, facts)
        return Outcome(outcome.state, (*paused, *outcome.effects))
    if command.name == "goals":
        return goals.show(facts, paused)
    if command.name == "questions":
        outcome = own_questions.show(facts)
        return Outcome(outcome.state, (*paused, *outcome.effects))
    if command.name == "schedule":
        outcome = sessions.card(facts)
        return Outcome(outcome.state, (*paused, *outcome.effects))
    if command.name in ("skip", "pause", "resume"):
        action = "skip_next" if command.name == "skip" else command.name
        return sessions.command(action, facts, state)
    return Outcome(state, (Reply("unknown_command"), *ask_again(state, facts)))


def _confirm_delete(event: Event) -> Outcome | None:
    """Erase everything only on the explicit "yes"; "no" keeps it all."""
    if isinstance(event, Press) and event.data == DELETE_YES:
        return Outcome(State(), (EraseClient(), Reply("delete.done")))
    if isinstance(event, Press) and event.data == DELETE_NO:
        return Outcome(State(), (Reply("delete.kept"),))
    return None


def _idle(state: State, event: Event) -> Outcome:
    if isinstance(event, Press):
        return Outcome(state, (Toast("toast.stale_button"),))
    if isinstance(event, NonText):
        return Outcome(state, (Reply("idle.non_text"),))
    assert isinstance(event, Text)
    return Outcome(state, (Reply("idle.text"),))
