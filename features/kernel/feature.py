"""What a feature declares, and the router built from every feature's declaration.

A feature is a folder; its `feature.py` holds one `Feature`: the commands it answers, the
menu buttons it owns (by callback-data prefix), the steps of a conversation it leads, what
it says again after an interruption, its named entries (where another feature may hand a
client over, by `Goto`), and its texts. `Router.build` puts the features together and
refuses, at import, anything owned twice (a command, a button prefix, a step, an entry or a
text id) and a `goes_to` naming an entry no feature has. features/router.py holds the one
table; this module holds only the types, so that a feature can describe itself without
importing any other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Generic, TypeVar

from features.kernel.store import Store
from features.kernel.vocabulary import (
    Command,
    Edited,
    Effect,
    Event,
    Facts,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Wording,
)

CommandFn = Callable[[State, Command, Facts], Outcome]
"""Answers a command: /fit, /goals..."""
PressFn = Callable[[State, Press, Facts], Outcome]
"""Answers a press of one of the feature's menu buttons, wherever the client is."""
StepFn = Callable[[State, Event, Facts], Outcome]
"""What a step does with whatever the client sends while in it."""
OfferFn = Callable[[State, Event, Facts], Outcome | None]
"""A step waiting for a button: None lets the offer lapse (the event is then handled as if
the client were idle)."""
AskAgainFn = Callable[[State, Facts], tuple[Reply, ...]]
"""The open question of a step again, after an interruption (a restart, an error, /help)."""
CancelFn = Callable[[State, Facts], Outcome]
"""/cancel inside one of the feature's steps."""
DangerFn = Callable[[State, str, Facts], Outcome]
"""What a step does itself with words that suggest danger, after the crisis help."""
LeaveFn = Callable[[State, Event, Outcome], Outcome]
"""Called when the client was in one of the feature's steps: may add a word about leaving."""
ExitFn = Callable[[State, Outcome], tuple[Effect, ...]]
"""Called on every turn that began in one of the feature's steps, whatever answered it:
what the feature stores of its step as the client leaves it (reflection: their place)."""
EntryFn = Callable[[Facts, Mapping[str, Any]], Outcome]
"""A named way into the feature that another feature's step hands a client to, by returning
`Goto(name, args)` last: it begins from the facts and the Goto's args."""

K = TypeVar("K")
Loaded = TypeVar("Loaded")


@dataclass(frozen=True, slots=True)
class Need(Generic[Loaded]):
    """One thing a step reads, loaded in the turn's transaction: `key` names it in the
    facts (`facts[key]`), `load` reads it, given the session, the locked client, their
    state, the event and the facts so far (the client, the time, what was given and what
    earlier needs loaded)."""

    key: type[Loaded]
    # (session, client row, state, event, facts) -> the value; the kernel's types name no
    # storage, so the session and the row are not spelled out here.
    load: Callable[[Any, Any, State, Event, Facts], Awaitable[Loaded]]


@dataclass(frozen=True, slots=True)
class Enters:
    """Among a feature's needs: this turn may go on to another feature's entry (a Goto), so
    what that entry reads is loaded too (its owner's `entry_needs`)."""

    entry: str


NeedsFn = Callable[[State, Event, Facts], tuple["Need[Any] | Enters", ...]]
"""What a turn's steps read, for this state and event (the facts hold only what is given:
the client, the time, crisis data), and the entries it may go on to."""


TurnNeedsFn = Callable[[State, Event, Facts], tuple[Need[Any], ...]]
"""What a whole turn reads (`Router.needs`: every reached feature's needs, entries read)."""


def no_needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    return ()


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A command in the Telegram menu and in /help: its name and the catalogue id of its
    one-line description."""

    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Screen:
    """What a feature checks on every event before any feature answers it (safety: words
    of danger). `before` answers instead of the routing, or returns None to let it go on;
    `go_on` is the routing itself, `own` the current step's own answer to danger, if any.
    `after` sees every routed outcome (safety: keeps or drops its mark in the state)."""

    before: Callable[[State, Event, Facts, StepFn, DangerFn | None], Outcome | None]
    after: Callable[[State, Facts, Outcome], Outcome]


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature's registration: everything the router needs to send it its events."""

    name: str
    # Command name (without the slash) -> what answers it.
    commands: Mapping[str, CommandFn] = field(default_factory=dict)
    # Callback-data prefix -> what answers a press; menu buttons act wherever the client is.
    buttons: Mapping[str, PressFn] = field(default_factory=dict)
    # The steps the feature leads -> what they do with the client's next event.
    steps: Mapping[Step, StepFn] = field(default_factory=dict)
    # Steps waiting for a button, which lapse to idle on anything else.
    offers: Mapping[Step, OfferFn] = field(default_factory=dict)
    # Its steps' open question again, after an interruption.
    ask_again: Mapping[Step, AskAgainFn] = field(default_factory=dict)
    # /cancel inside these steps (elsewhere /cancel has its general answer).
    cancel: Mapping[Step, CancelFn] = field(default_factory=dict)
    # Steps that answer words of danger themselves, after the crisis help.
    on_danger: Mapping[Step, DangerFn] = field(default_factory=dict)
    # Its named entries ("<feature>.<what>"), where another feature's Goto leads.
    entries: Mapping[str, EntryFn] = field(default_factory=dict)
    # What each of its entries reads, the entries it may go on to included (loaded when a
    # feature's needs say the turn `Enters` it).
    entry_needs: Mapping[str, tuple[Need[Any], ...]] = field(default_factory=dict)
    # The other features' entries its steps may return a Goto to.
    goes_to: frozenset[str] = frozenset()
    # Its commands that interrupt whatever step the client is in (another feature's too).
    interrupts: frozenset[str] = frozenset()
    # Its steps that an interrupting command pauses: what is said first (a text id).
    pauses: Mapping[Step, str] = field(default_factory=dict)
    # Its commands answered in passing: the open question follows the answer.
    asides: frozenset[str] = frozenset()
    # When the client was in one of its steps, a last word on the outcome (see LeaveFn).
    on_leave: LeaveFn | None = None
    # What it keeps of its step when the client leaves it, however they left (see ExitFn).
    on_exit: ExitFn | None = None
    # What its steps read, for the client's state and the event (features/<f>/loaders.py),
    # asked when the event may reach it (`Router.reached`).
    needs: NeedsFn = no_needs
    # Its store functions, by the change each stores (features/<f>/store.py).
    store: Store = field(default_factory=dict)
    # A check on every event before routing (safety only).
    screen: Screen | None = None
    # Its English texts, by id.
    texts: Mapping[str, Wording] = field(default_factory=dict)
    # Its commands shown in the Telegram menu and /help.
    menu: tuple[CommandInfo, ...] = ()

    def owns_step(self, step: Step) -> bool:
        return step in self.steps or step in self.offers


class OwnedTwice(ValueError):
    """Two features claim the same command, button prefix, step or text id."""


@dataclass(frozen=True, slots=True)
class Router:
    """Every feature's registration put together: who owns each command, button prefix,
    step and text id. Built once, at import; `build` refuses anything owned twice."""

    features: tuple[Feature, ...]
    commands: Mapping[str, Feature]
    buttons: tuple[tuple[str, Feature], ...]
    steps: Mapping[Step, Feature]
    screens: tuple[Screen, ...]
    texts: Mapping[str, Wording]
    menu: tuple[CommandInfo, ...]
    # Entry name -> the feature that has it.
    entries: Mapping[str, Feature]
    # Every change a flow can make -> the one function that stores it.
    store: Store

    @classmethod
    def build(cls, features: Iterable[Feature], menu_order: Iterable[str] = ()) -> Router:
        """The router for these features, in this order. The menu is in `menu_order`
        (command names) when given, otherwise in feature order."""
        features = tuple(features)
        _once("feature", [(f.name, f) for f in features])
        commands = _once("command", [(name, f) for f in features for name in f.commands])
        prefixes = [(prefix, f) for f in features for prefix in f.buttons]
        buttons = _once("button prefix", prefixes)
        for prefix, owner in prefixes:
            for other, by in prefixes:
                if other != prefix and other.startswith(prefix):
                    raise OwnedTwice(
                        f"button prefix {other!r} ({by.name}) starts with {prefix!r}"
                        f" ({owner.name}): a press could go to either"
                    )
        led = [(step, f) for f in features for step in {*f.steps, *f.offers}]
        steps = _once("step", led)
        entries = _once("entry", [(name, f) for f in features for name in f.entries])
        for feature in features:
            unknown = sorted(feature.goes_to - entries.keys())
            if unknown:
                raise ValueError(f"{feature.name} goes to entries no feature has: {unknown}")
        texts = _once("text id", [(key, f) for f in features for key in f.texts])
        stored = _once("change", [(kind, f) for f in features for kind in f.store])
        for feature in features:
            _check_own(feature)
        menu = _menu(features, tuple(menu_order))
        screens = tuple(f.screen for f in features if f.screen is not None)
        return cls(
            features=features,
            commands=commands,
            buttons=tuple(buttons.items()),
            steps=steps,
            screens=screens,
            texts={key: f.texts[key] for key, f in texts.items()},
            menu=menu,
            entries=entries,
            store={kind: f.store[kind] for kind, f in stored.items()},
        )

    def owner_of(self, step: Step) -> Feature | None:
        """The feature leading this step, if any (idle is led by the onboarding feature)."""
        return self.steps.get(step)

    def entry(self, name: str) -> EntryFn:
        """The entry a Goto names (build checked every feature's `goes_to`)."""
        return self.entries[name].entries[name]

    def rows(self) -> list[tuple[str, str, str]]:
        """One row per command, menu button prefix, step and entry: (what, feature,
        function). An offer's function is marked "offer"; a step's own /cancel follows it."""
        rows: list[tuple[str, str, str]] = []
        for name, feature in self.commands.items():
            rows.append((f"/{name}", feature.name, named(feature.commands[name])))
        for prefix, feature in self.buttons:
            rows.append((f"{prefix}*", feature.name, named(feature.buttons[prefix])))
        for step in Step:
            owner = self.steps.get(step)
            if owner is None:
                continue
            fn = owner.steps.get(step)
            answer = named(fn) if fn is not None else f"offer {named(owner.offers[step])}"
            cancel = owner.cancel.get(step)
            if cancel is not None:
                answer += f" (/cancel: {named(cancel)})"
            rows.append((f"step {step.value}", owner.name, answer))
        for name, feature in self.entries.items():
            rows.append((f"entry {name}", feature.name, named(feature.entries[name])))
        return rows

    def reached(self, state: State, event: Event) -> tuple[Feature, ...]:
        """The features whose steps an event may run, in feature order: those with a
        screen; the owner of the client's step (its answer or offer, its /cancel, its last
        word, its question asked again after an aside, what it keeps on leaving); the owner
        of the command or button; and the idle step's owner when the event may end up there
        (no step, an offer that may lapse, a command no one answers, an edit: the router's
        fallbacks are idle's owner's)."""
        idle = self.owner_of(Step.IDLE)
        step_owner = self.owner_of(state.step)
        found: list[Feature | None] = [f for f in self.features if f.screen is not None]
        found.append(step_owner)
        pressed = self.button_owner(event.data) if isinstance(event, Press) else None
        if isinstance(event, Command):
            found.append(self.commands.get(event.name, idle))
        elif pressed is not None:
            found.append(pressed[1])
        if isinstance(event, Edited) or (
            not isinstance(event, Command)
            and pressed is None
            and (step_owner is None or state.step in step_owner.offers)
        ):
            found.append(idle)
        return tuple(f for f in self.features if f in found)

    def needs(self, state: State, event: Event, given: Facts) -> tuple[Need[Any], ...]:
        """What a turn reads: what each feature the event may reach declares for it, in
        order, with each entry it says the turn may go on to (`Enters`) read as that entry
        declares."""
        declared: list[Need[Any]] = []
        for feature in self.reached(state, event):
            for need in feature.needs(state, event, given):
                if isinstance(need, Need):
                    declared.append(need)
                elif need.entry in feature.goes_to:
                    declared += self.entries[need.entry].entry_needs.get(need.entry, ())
                else:
                    raise ValueError(f"{feature.name} enters {need.entry!r}, not in its goes_to")
        return tuple(declared)

    def button_owner(self, data: str) -> tuple[str, Feature] | None:
        """The prefix and feature a pressed button's data belongs to, if it is a menu's."""
        for prefix, feature in self.buttons:
            if data.startswith(prefix):
                return prefix, feature
        return None


def _once(what: str, claims: list[tuple[K, Feature]]) -> dict[K, Feature]:
    owners: dict[K, Feature] = {}
    for key, feature in claims:
        if key in owners:
            label = key.__name__ if isinstance(key, type) else repr(key)
            raise OwnedTwice(f"{what} {label} is claimed by {owners[key].name} and {feature.name}")
        owners[key] = feature
    return owners


def _check_own(feature: Feature) -> None:
    """A feature's flags and menu may only name its own commands and steps; a step is
    either an offer or a plain step (an offer that lapses would never reach the step)."""
    name = feature.name
    both = feature.steps.keys() & feature.offers.keys()
    if both:
        raise ValueError(f"{name} has steps that are offers too: {sorted(both)}")
    for flagged in (feature.interrupts, feature.asides, {c.name for c in feature.menu}):
        stray = set(flagged) - feature.commands.keys()
        if stray:
            raise ValueError(f"{name} names commands it doesn't answer: {sorted(stray)}")
    for keyed in (feature.ask_again, feature.cancel, feature.on_danger, feature.pauses):
        stray_steps = {step for step in keyed if not feature.owns_step(step)}
        if stray_steps:
            raise ValueError(f"{name} names steps it doesn't lead: {sorted(stray_steps)}")
    stray_entries = sorted(feature.entry_needs.keys() - feature.entries.keys())
    if stray_entries:
        raise ValueError(f"{name} declares needs of entries it doesn't have: {stray_entries}")
    foreign = sorted(entry for entry in feature.entries if not entry.startswith(f"{name}."))
    if foreign:
        raise ValueError(f"{name}'s entries must be named {name}.<what>: {foreign}")


def _menu(features: tuple[Feature, ...], order: tuple[str, ...]) -> tuple[CommandInfo, ...]:
    entries = [entry for feature in features for entry in feature.menu]
    by_name = {entry.name: entry for entry in entries}
    if not order:
        return tuple(entries)
    if sorted(order) != sorted(by_name):
        missing, extra = sorted(by_name.keys() - set(order)), sorted(set(order) - by_name.keys())
        raise ValueError(f"menu order must name each menu command once: {missing=} {extra=}")
    return tuple(by_name[name] for name in order)


# Adapters: a feature's existing function as the router calls it. `wraps` keeps its name,
# so `python -m bot routes` shows the function that answers, not the adapter.


def on_facts(answer: Callable[[Facts], Outcome]) -> CommandFn:
    """A command answered from the client's facts alone."""

    @wraps(answer)
    def command(state: State, command: Command, facts: Facts) -> Outcome:
        return answer(facts)

    return command


def on_state_and_facts(answer: Callable[[State, Facts], Outcome]) -> CommandFn:
    """A command answered from the client's state and facts."""

    @wraps(answer)
    def command(state: State, command: Command, facts: Facts) -> Outcome:
        return answer(state, facts)

    return command


def again_from_state(again: Callable[[State], tuple[Reply, ...]]) -> AskAgainFn:
    """An open question asked again from the state alone."""

    @wraps(again)
    def ask_again(state: State, facts: Facts) -> tuple[Reply, ...]:
        return again(state)

    return ask_again


def again_always(again: Callable[[], tuple[Reply, ...]]) -> AskAgainFn:
    """An open question that is always asked the same way."""

    @wraps(again)
    def ask_again(state: State, facts: Facts) -> tuple[Reply, ...]:
        return again()

    return ask_again


def named(fn: Callable[..., object]) -> str:
    """`module.function` of what answers (through any adapter), for the printed table."""
    module = fn.__module__.removeprefix("features.")
    return f"{module}.{fn.__qualname__}"
