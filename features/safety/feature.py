"""Safety's registration: the crisis screen (it reads every message before any feature
answers it), /urgent, /country and its question, and /safetyplan with its buttons."""

from __future__ import annotations

from typing import Any

from features.kernel.feature import CommandInfo, Enters, Feature, Need, again_always, on_facts
from features.kernel.vocabulary import Event, Facts, State, Step
from features.safety import country, safety_plan, screen, store, texts
from features.safety.crisis import CrisisData
from features.safety.loaders import PLAN


def needs(state: State, event: Event, given: Facts) -> tuple[Need[Any] | Enters, ...]:
    """The safety plan, when this turn may show it (words of danger among them)."""
    return (PLAN,) if safety_plan.shows_plan(state, event, given.get(CrisisData)) else ()


FEATURE = Feature(
    needs=needs,
    name="safety",
    commands={
        "urgent": screen.urgent,
        "country": on_facts(country.begin),
        "safetyplan": on_facts(safety_plan.show),
    },
    buttons={safety_plan.PRESS: safety_plan.press},
    steps={Step.ASK_COUNTRY: country.answer, Step.SAFETY_PLAN: safety_plan.writing},
    ask_again={
        Step.ASK_COUNTRY: again_always(country.ask_again),
        Step.SAFETY_PLAN: safety_plan.ask_again,
    },
    interrupts=frozenset({"country", "safetyplan"}),
    # Help now doesn't take the client away: the question they were on follows.
    asides=frozenset({"urgent"}),
    screen=screen.SCREEN,
    store=store.STORE,
    texts=texts.EN,
    menu=(
        CommandInfo("country", "command.country"),
        CommandInfo("urgent", "command.urgent"),
        CommandInfo("safetyplan", "command.safetyplan"),
    ),
)
