"""/country: the client says which country they are in, so that crisis help names that
country's numbers even when their time zone doesn't tell (a shared zone, UTC, travel)."""

from __future__ import annotations

from features.kernel.vocabulary import (
    Button,
    Event,
    Facts,
    NonText,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.safety.crisis import CrisisData
from features.safety.effects import SaveCountry
from features.safety.places import country_name, country_of_zone, find_country, is_country

COUNTRY_BUTTON = "cc:"
# Forget the chosen country and go by the time zone again.
BY_TIME_ZONE = "cc:-"


def begin(facts: Facts, paused: tuple[Reply, ...] = ()) -> Outcome:
    """/country: say which country crisis help uses now, and ask for theirs."""
    client = facts.client
    if client.country is not None:
        current = Reply("country.current_chosen", {"country": display_name(client.country, facts)})
        by_zone = (Button("button.country_by_time_zone", BY_TIME_ZONE),)
        ask = Reply("country.ask", buttons=(by_zone,))
        return Outcome(State(Step.ASK_COUNTRY), (*paused, current, ask))
    from_zone = _zone_country(facts)
    if from_zone is not None:
        current = Reply("country.current_zone", {"country": display_name(from_zone, facts)})
    else:
        current = Reply("country.current_none")
    return Outcome(State(Step.ASK_COUNTRY), (*paused, current, Reply("country.ask")))


def answer(state: State, event: Event, facts: Facts) -> Outcome:
    """The client types a country (name or code) or presses a suggestion."""
    if isinstance(event, Text):
        match = find_country(event.text)
        if match.code is not None:
            return _save(match.code, facts)
        if match.suggestions:
            return Outcome(state, (_suggest(match.suggestions, facts),))
        return Outcome(state, (Reply("country.unknown"),))
    if isinstance(event, Press):
        if event.data == BY_TIME_ZONE:
            return _by_time_zone(facts)
        code = event.data.removeprefix(COUNTRY_BUTTON)
        if event.data.startswith(COUNTRY_BUTTON) and is_country(code):
            return _save(code.upper(), facts)
        return Outcome(state, (Toast("toast.stale_button"),))
    if isinstance(event, NonText):
        return Outcome(state, (Reply("country.only_text"),))
    return Outcome(state, ask_again())


def ask_again() -> tuple[Reply, ...]:
    """The question this step is waiting for, to ask again after an interruption."""
    return (Reply("country.ask"),)


def display_name(code: str, facts: Facts) -> str:
    """A country as the crisis message names it ("the United States"), or tzdata's name
    for one we hold no numbers for."""
    crisis = facts.get(CrisisData)
    if crisis is not None:
        resource = crisis.by_country.get(code)
        if resource is not None and resource.name:
            return resource.name
    return country_name(code) or code


def _save(code: str, facts: Facts) -> Outcome:
    crisis = facts.get(CrisisData)
    covered = crisis is not None and code in crisis.by_country
    saved = "country.saved" if covered else "country.saved_uncovered"
    reply = Reply(saved, {"country": display_name(code, facts)})
    return Outcome(State(), (SaveCountry(code), reply))


def _by_time_zone(facts: Facts) -> Outcome:
    from_zone = country_of_zone(facts.client.time_zone)
    if from_zone is None:
        return Outcome(State(), (SaveCountry(None), Reply("country.by_time_zone_none")))
    reply = Reply("country.by_time_zone", {"country": display_name(from_zone, facts)})
    return Outcome(State(), (SaveCountry(None), reply))


def _zone_country(facts: Facts) -> str | None:
    crisis = facts.get(CrisisData)
    if crisis is not None:
        return crisis.country_for(facts.client.time_zone)
    return country_of_zone(facts.client.time_zone)


def _suggest(codes: tuple[str, ...], facts: Facts) -> Reply:
    rows = tuple(
        (Button("button.country", COUNTRY_BUTTON + code, {"country": display_name(code, facts)}),)
        for code in codes
    )
    return Reply("country.did_you_mean", buttons=rows)
