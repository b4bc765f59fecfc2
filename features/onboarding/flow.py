"""Getting to know a new client: welcome, then their time zone (so prompts come at the
right local time). Changing the time zone later (/timezone) reuses the same question."""

from __future__ import annotations

from features.common.timezones import find_zone, is_known_zone, local_time
from features.kernel.profile import SaveTimeZone
from features.kernel.vocabulary import (
    Button,
    Effect,
    Event,
    Facts,
    Goto,
    NonText,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Text,
    Toast,
)

ZONE_BUTTON = "tz:"
NONE_OF_THESE = "tz:-"

# Why the time zone is being asked: as part of getting started, or to change it.
PURPOSE_ONBOARDING = "onboarding"
PURPOSE_CHANGE = "change"
# Where getting started goes on: the schedule's session questions (features/schedule/feature.py).
SCHEDULE_SETUP = "schedule.setup"


def start(state: State, facts: Facts) -> Outcome:
    """/start: welcome a new client and ask their time zone; greet a returning one."""
    if facts.client.time_zone is None:
        asking = State(Step.ASK_TIME_ZONE, {"purpose": PURPOSE_ONBOARDING})
        return Outcome(asking, (Reply("welcome"), Reply("time_zone.ask")))
    welcome_back = Reply("welcome_back", {"time_zone": facts.client.time_zone})
    return Outcome(state, (welcome_back,))


def change_time_zone(facts: Facts) -> Outcome:
    """/timezone: show the current time zone and ask for a new one."""
    asking = State(Step.ASK_TIME_ZONE, {"purpose": PURPOSE_CHANGE})
    if facts.client.time_zone is None:
        return Outcome(asking, (Reply("time_zone.ask"),))
    current = Reply("time_zone.current", {"time_zone": facts.client.time_zone})
    return Outcome(asking, (current, Reply("time_zone.ask_change")))


def ask_time_zone(state: State, event: Event, facts: Facts) -> Outcome:
    """The client answers the time-zone question by typing or by pressing a suggestion."""
    if isinstance(event, Text):
        match = find_zone(event.text)
        if match.zone is not None:
            return _save(state, match.zone, facts, fixed_offset=match.fixed_offset)
        if match.suggestions:
            return Outcome(state, (_suggest(match.suggestions, match.places),))
        return Outcome(state, (Reply("time_zone.unknown"),))
    if isinstance(event, Press):
        if event.data == NONE_OF_THESE:
            return Outcome(state, (Toast("toast.ok"), Reply("time_zone.type_again")))
        zone = event.data.removeprefix(ZONE_BUTTON)
        if event.data.startswith(ZONE_BUTTON) and is_known_zone(zone):
            return _save(state, zone, facts, fixed_offset=False)
        return Outcome(state, (Toast("toast.stale_button"),))
    if isinstance(event, NonText) and event.kind == "location":
        return Outcome(state, (Reply("time_zone.location"),))
    return Outcome(state, (Reply("time_zone.only_text"),))


def ask_again(state: State) -> tuple[Reply, ...]:
    """The question this step is waiting for, to ask again after an interruption."""
    if state.data.get("purpose") == PURPOSE_CHANGE:
        return (Reply("time_zone.ask_change"),)
    return (Reply("time_zone.ask"),)


def _save(state: State, zone: str, facts: Facts, *, fixed_offset: bool) -> Outcome:
    clock = local_time(zone, facts.now).strftime("%H:%M")
    saved = Reply("time_zone.saved", {"time_zone": zone, "local_time": clock})
    effects: list[Effect] = [SaveTimeZone(zone), saved]
    if fixed_offset:
        effects.append(Reply("time_zone.fixed_offset_note"))
    if state.data.get("purpose") == PURPOSE_ONBOARDING:
        # Getting started goes on: the client's usual sessions, so prompts come on time.
        goto = Goto(SCHEDULE_SETUP, {"purpose": PURPOSE_ONBOARDING})
        return Outcome(State(Step.IDLE), (*effects, Reply("schedule.intro"), goto))
    return Outcome(State(Step.IDLE), tuple(effects))


def _suggest(zones: tuple[str, ...], places: tuple[str, ...]) -> Reply:
    """A button for each zone, named by its place when the client typed a name several
    places share ("Portland, Maine, United States"), else by the zone itself."""
    if places:
        rows = tuple(
            (Button("button.place", ZONE_BUTTON + zone, {"place": place}),)
            for zone, place in zip(zones, places, strict=True)
        )
        question = "time_zone.which_place"
    else:
        rows = tuple(
            (Button("button.zone", ZONE_BUTTON + zone, {"time_zone": zone}),) for zone in zones
        )
        question = "time_zone.did_you_mean"
    none = (Button("button.none", NONE_OF_THESE),)
    return Reply(question, buttons=(*rows, none))
