"""A turn loads only what the router says the step needs; no step may read anything else.

Every step, every kind of event: the facts hold exactly what `router.needs` declared (each
empty), and stepping (and asking again, as after an error) must not read past them. A
step that reads an undeclared fact raises NotLoaded, which a client would meet as "sorry,
something went wrong".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from features import router
from features.kernel.vocabulary import (
    Client,
    Command,
    Edited,
    Event,
    Facts,
    NonText,
    Press,
    State,
    Step,
    Text,
)
from features.safety.crisis import load
from tests.support.facts import EMPTY

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
CLIENT = Client("Europe/Berlin")
GIVEN = Facts(CLIENT, NOW).having(load())

_PREFIXES = [prefix for prefix, _ in router.ROUTER.buttons]
_SHAPES = ["", "x", "1", "1:2", "1:2:3", "1:start", "1:later", "1:skip", "0:done", "7d:1:1"]
EVENTS: list[Event] = [
    *(Command(name) for name in sorted(router.COMMAND_NAMES)),
    Command("summary", "90"),
    Command("summary", "bogus"),
    Command("nope"),
    *(Press(prefix + shape) for prefix in _PREFIXES for shape in _SHAPES),
    *(Press(data) for data in ["r:1:0:7", "r:1:0:skip", "r:1:0:next", "r:1:0:back"]),
    *(Press(data) for data in ["tz:Europe/Berlin", "cc:DE", "del:yes", "del:no", "zzz"]),
    Text("hello"),
    Text("Berlin"),
    Text("7"),
    Text("I want to kill myself"),
    NonText("sticker"),
    NonText("photo", album="a1", words="I want to die"),
    Edited("I want to die"),
]
# States as a client may hold them: each step, with the data its flow keeps there.
STATES = [State(step) for step in Step] + [
    State(Step.REFLECTING, {"serial": 1, "position": 0}),
    State(Step.FIT, {"serial": 1, "item": 0}),
]


def _declared(state: State, event: Event) -> Facts:
    """The facts a turn would load for this event: each declared need, empty."""
    keys = {need.key for need in router.needs(state, event, GIVEN)}
    return GIVEN.having(*(empty for empty in EMPTY if type(empty) in keys))


@pytest.mark.parametrize("state", STATES, ids=lambda s: f"{s.step.value}{'+' if s.data else ''}")
def test_every_step_reads_only_what_it_declared(state: State):
    for event in EVENTS:
        facts = _declared(state, event)
        router.step(state, event, facts)  # NotLoaded here: a need is missing


@pytest.mark.parametrize("state", STATES, ids=lambda s: f"{s.step.value}{'+' if s.data else ''}")
def test_asking_again_reads_only_what_an_edit_declares(state: State):
    # After an error, handlers/errors.py loads what an edit would and asks again.
    router.ask_again(state, _declared(state, Edited("")))
