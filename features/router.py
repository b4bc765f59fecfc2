"""The one table: which feature answers each command, menu button and step of a
conversation. Adding a feature is one folder and one line in FEATURES.

Each event goes, in this order:
1. every feature's screen (safety: words that suggest danger get help first);
2. the rest of an album (several photos sent at once) is answered once, quietly;
3. a command: /cancel to the feature leading the client's current step (or its general
   answer), any other to the feature that owns it; an unknown one gets a pointer to /help;
4. an edit of an earlier message: it changes nothing, and says so;
5. a menu button, wherever the client is: the feature owning its data's prefix;
6. an offer the client's step waits on (it lapses to idle on anything else);
7. the feature leading the client's step; idle is onboarding's.
A feature hands a client to another feature by returning `Goto(entry, args)` last: the
entry (an `entries` row of the table) is called in the same step.
`python -m bot routes` prints the table.

Importing this module installs the merged catalogue, the translations (features/locale/)
and the command menu into features.kernel.texts (which imports no feature).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from features.checkin import feature as checkin
from features.fit import feature as fit
from features.goals import feature as goals
from features.kernel import catalogue, texts
from features.kernel.feature import CommandInfo, DangerFn, Feature, Need, Router, StepFn, named
from features.kernel.vocabulary import (
    Command,
    Edited,
    Event,
    Facts,
    Goto,
    NonText,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Toast,
    words_of,
)
from features.language import feature as language
from features.learned import feature as learned
from features.memos import feature as memos
from features.onboarding import feature as onboarding
from features.onboarding import help as onboarding_help
from features.privacy import feature as privacy
from features.privacy.flow import DELETE_PREFIX
from features.progress import feature as progress
from features.reflection import feature as reflection
from features.review import feature as review
from features.safety import feature as safety
from features.safety.loaded import SafetyPlan
from features.safety.screen import crisis_reply, for_stranger
from features.schedule import feature as schedule
from features.share import feature as share

__all__ = [
    "COMMAND_NAMES",
    "DELETE_PREFIX",
    "FEATURES",
    "MENU",
    "ROUTER",
    "ask_again",
    "crisis_reply",
    "needs",
    "routes",
    "step",
    "stranger",
    "welcomes",
    "words_of",
]

FEATURES: tuple[Feature, ...] = (
    safety.FEATURE,  # first: its screen reads every message before anyone answers it
    onboarding.FEATURE,  # /start /timezone /help /cancel, and idle
    reflection.FEATURE,
    schedule.FEATURE,
    checkin.FEATURE,  # the one-minute check-in between sessions (its time is the schedule's)
    review.FEATURE,
    progress.FEATURE,  # how I've been, and /progress
    fit.FEATURE,
    goals.FEATURE,
    memos.FEATURE,  # words written outside a question, for the next note
    learned.FEATURE,  # /learned and /find: the client's own words, gathered and found
    share.FEATURE,  # a page the client chooses, sent to them alone
    privacy.FEATURE,
    language.FEATURE,  # /language
)
# The command menu, as Telegram shows it and /help lists it: most used first.
MENU_ORDER = (
    "reflect",
    "summary",
    "progress",
    "note",
    "share",
    "learned",
    "find",
    "fit",
    "goals",
    "questions",
    "schedule",
    "skip",
    "pause",
    "resume",
    "start",
    "timezone",
    "country",
    "language",
    "export",
    "privacy",
    "delete",
    "help",
    "urgent",
    "safetyplan",
    "cancel",
)
ROUTER = Router.build(FEATURES, MENU_ORDER)
# What no feature claims.
UNKNOWN_COMMAND = onboarding_help.unknown_command
EDITED = onboarding_help.edited

MENU: tuple[CommandInfo, ...] = ROUTER.menu
COMMAND_NAMES: frozenset[str] = frozenset(ROUTER.commands)
# The translations: features/locale/<language>/LC_MESSAGES/messages.po (README: "Languages").
LOCALE = Path(__file__).with_name("locale")


def origins() -> dict[str, str]:
    """Where each text id is written (the catalogue tells translators)."""
    return {key: f"features/{f.name}/texts.py" for f in FEATURES for key in f.texts}


# What Telegram takes, in characters: the bot's description and short description, and a
# command's line in the menu (handlers/profile.py registers them).
LIMITS: dict[str, int] = {
    "bot.description": 512,
    "bot.short_description": 120,
    **{command.description: 256 for command in MENU},
    # A notice shown after a tap (answerCallbackQuery).
    **{key: 200 for key in ROUTER.texts if key.startswith("toast.")},
}


def use_catalogues(locale_dir: Path = LOCALE) -> None:
    """Install the English texts and the translations in `locale_dir`; a language is
    offered to clients only when its catalogue is complete (catalogue.problems)."""
    # Not strict: an entry gettext would refuse is left out (its language is then
    # incomplete, so not offered) rather than stopping the bot; the tests are strict.
    translations = catalogue.load_all(locale_dir, strict=False)
    complete = [
        language
        for language, translation in translations.items()
        if not catalogue.problems(ROUTER.texts, translation, LIMITS)
    ]
    texts.install(ROUTER.texts, MENU, translations, complete)


use_catalogues()

# In a state's data: the album (media group) last answered, so the rest of it isn't.
ALBUM = "_album"


def step(state: State, event: Event, facts: Facts) -> Outcome:
    """Move a client's conversation on by one event; the feature whose step the client was
    in keeps what it must of that step, whatever answered the event."""
    outcome = _screened(state, event, facts)
    if any(isinstance(effect, Goto) for effect in outcome.effects):
        raise ValueError("a Goto reached the end of the step: only a routed answer may go on")
    owner = ROUTER.owner_of(state.step)
    if owner is not None and owner.on_exit is not None:
        kept = owner.on_exit(state, outcome)
        if kept:
            outcome = Outcome(outcome.state, (*kept, *outcome.effects))
    return outcome


def _screened(state: State, event: Event, facts: Facts) -> Outcome:
    """The event past every feature's screen, then routed."""
    for screen in ROUTER.screens:
        screened = screen.before(state, event, facts, _go_on, _own_danger(state))
        if screened is not None:
            return screened
    if isinstance(event, NonText) and event.album:
        return _album(state, event, facts)
    outcome = _go_on(state, event, facts)
    for screen in ROUTER.screens:
        outcome = screen.after(state, facts, outcome)
    return outcome


def ask_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The question the client is in the middle of, if any: to repeat after an interruption
    (a restart, an error, a message we could not use)."""
    owner = ROUTER.owner_of(state.step)
    again = owner.ask_again.get(state.step) if owner is not None else None
    return again(state, facts) if again is not None else ()


def _go_on(state: State, event: Event, facts: Facts) -> Outcome:
    """The event routed by the table; the feature the client was with has a last word."""
    outcome = _route(state, event, facts)
    owner = ROUTER.owner_of(state.step)
    if owner is not None and owner.on_leave is not None:
        outcome = owner.on_leave(state, event, outcome)
    return outcome


def _route(state: State, event: Event, facts: Facts) -> Outcome:
    if _first_contact(state, event, facts):
        return _command(state, Command("start"), facts)
    if isinstance(event, Command):
        return _command(state, event, facts)
    if isinstance(event, Edited):
        return _aside(EDITED(state, event, facts), state, facts)
    if isinstance(event, Press):
        found = ROUTER.button_owner(event.data)
        if found is not None:
            prefix, feature = found
            return _handed_on(feature, feature.buttons[prefix](state, event, facts), facts)
    owner = ROUTER.owner_of(state.step)
    offer = owner.offers.get(state.step) if owner is not None else None
    if owner is not None and offer is not None:
        outcome = offer(state, event, facts)
        if outcome is not None:
            return _handed_on(owner, outcome, facts)
        state = State()
    leader, answer = _step_of(state.step)
    return _handed_on(leader, answer(state, event, facts), facts)


def _handed_on(by: Feature, outcome: Outcome, facts: Facts) -> Outcome:
    """A feature's answer, and if it ends in a Goto, the entry it names called in the same
    step: the effects before the Goto stay, in order, then the entry's; the state is the
    entry's. `by` must have named the entry in its `goes_to`."""
    # Loading: a feature's needs say `Enters(entry)` when the turn may go on to it (a
    # prompt's "Start now" runs reflection.begin, which reads the open reflection, goals,
    # own questions and the last serial), and the entry's owner declares its `entry_needs`.
    *before, last = outcome.effects or (None,)
    if any(isinstance(effect, Goto) for effect in before):
        raise ValueError(f"{by.name} returned a Goto that is not its last effect")
    if not isinstance(last, Goto):
        return outcome
    if last.entry not in by.goes_to:
        raise ValueError(f"{by.name} goes to {last.entry!r} without naming it in goes_to")
    entered = _handed_on(
        ROUTER.entries[last.entry], ROUTER.entry(last.entry)(facts, last.args), facts
    )
    return Outcome(entered.state, (*before, *entered.effects))


def _command(state: State, command: Command, facts: Facts) -> Outcome:
    if command.name == "cancel":
        owner = ROUTER.owner_of(state.step)
        cancel = owner.cancel.get(state.step) if owner is not None else None
        if owner is not None and cancel is not None:
            return _handed_on(owner, cancel(state, facts), facts)
    feature = ROUTER.commands.get(command.name)
    if feature is None:
        return _aside(UNKNOWN_COMMAND(state, command, facts), state, facts)
    outcome = _handed_on(feature, feature.commands[command.name](state, command, facts), facts)
    if command.name in feature.asides:
        outcome = _aside(outcome, state, facts)
    if command.name in feature.interrupts:
        outcome = Outcome(outcome.state, (*_pause_note(state), *outcome.effects))
    return outcome


def _aside(outcome: Outcome, state: State, facts: Facts) -> Outcome:
    """An answer in passing: the question the client was on follows it."""
    return Outcome(outcome.state, (*outcome.effects, *ask_again(state, facts)))


def _pause_note(state: State) -> tuple[Reply, ...]:
    """What a command that takes the client away from their step says first, if anything."""
    owner = ROUTER.owner_of(state.step)
    note = owner.pauses.get(state.step) if owner is not None else None
    return (Reply(note),) if note is not None else ()


def _own_danger(state: State) -> DangerFn | None:
    owner = ROUTER.owner_of(state.step)
    return owner.on_danger.get(state.step) if owner is not None else None


def _step_of(step: Step) -> tuple[Feature, StepFn]:
    owner = ROUTER.owner_of(step) or ROUTER.owner_of(Step.IDLE)
    assert owner is not None, "idle has an owner"
    return owner, owner.steps.get(step) or owner.steps[Step.IDLE]


def _album(state: State, event: NonText, facts: Facts) -> Outcome:
    """Several photos sent at once arrive one by one: the first is answered as any
    non-text message, the rest of the same album quietly (one reply is enough)."""
    if state.data.get(ALBUM) == event.album:
        return Outcome(state)
    outcome = _screened(state, NonText(event.kind), facts)
    remembered = State(outcome.state.step, {**outcome.state.data, ALBUM: event.album})
    return Outcome(remembered, outcome.effects)


# What someone the bot keeps nothing about may ask for without becoming a client: these
# answers need nothing stored.
_STRANGER_COMMANDS = frozenset({"help", "urgent", "privacy"})
# What a client who hasn't got started yet (no time zone) may do without starting first:
# anything else begins with the welcome.
_BEFORE_A_START = _STRANGER_COMMANDS | {
    "start", "cancel", "delete", "export", "timezone", "country", "safetyplan"
}  # fmt: skip


def _first_contact(state: State, event: Event, facts: Facts) -> bool:
    """A first message of any kind (/reflect, words, a photo) from someone not yet started
    is a start: the welcome and the safety text come first, then getting started goes on."""
    if state.step is not Step.IDLE or facts.client.time_zone is not None:
        return False
    if isinstance(event, Press | Edited):
        return False
    return not (isinstance(event, Command) and event.name in _BEFORE_A_START)


def welcomes(event: Event) -> bool:
    """Whether what someone the bot keeps nothing about (never started, or erased) sent
    makes them a client, welcomed as /start would: anything but a press of an old button,
    an edit, or what a stranger may ask without becoming one (`stranger`)."""
    if isinstance(event, Press | Edited):
        return False
    return not (isinstance(event, Command) and event.name in _STRANGER_COMMANDS)


def stranger(event: Event, facts: Facts) -> Outcome:
    """Someone the bot keeps nothing about (never started, or erased) sent something that
    doesn't make them a client (`welcomes`), so nothing is stored: a press (an erase
    confirmed twice, redelivered after a restart) gets a brief notice; /help, /urgent and
    /privacy their answer; words of danger the crisis resources; anything else (an edit) a
    kind pointer to /start. The state returned is never saved."""
    facts = facts.having(SafetyPlan())  # nothing is kept of them: no plan either
    if isinstance(event, Press):
        return Outcome(State(), (Toast("stranger.press"),))
    if isinstance(event, Command) and event.name in _STRANGER_COMMANDS:
        return Outcome(State(), _command(State(), event, facts).effects)
    help_now = for_stranger(event, facts)
    if help_now is not None:
        return Outcome(State(), (help_now,))  # nothing after help
    return Outcome(State(), (Reply("stranger.start"),))


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any], ...]:
    """What the turn reads (`Router.needs`): what each feature the event may reach declares."""
    return ROUTER.needs(state, event, given)


def routes() -> list[tuple[str, str, str]]:
    """The table, one row per command, menu button prefix and step: what it is, the
    feature that owns it, and the function that answers (`python -m bot routes`)."""
    fallbacks = [
        ("/<unknown>", "onboarding", named(UNKNOWN_COMMAND)),
        ("<edited>", "onboarding", named(EDITED)),
    ]
    return [*ROUTER.rows(), *fallbacks]
