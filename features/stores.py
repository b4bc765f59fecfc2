"""Every feature's store functions in one map, by the change each stores; and the router's
step with what a step keeps as the client leaves it.

Both are for now: the router will build the map from each feature's registration, with
the same check that no change is stored by two features, and call each feature's
`on_leave` itself (TODO lead: fold `STORE` into `Router.build` from `Feature.store`, and
`step` into `router.step` with `Feature.on_leave` and the reflection's loader placing the
client where their state says; then delete this module).
"""

from __future__ import annotations

from typing import Any

from features import router
from features.fit.store import STORE as FIT
from features.goals.store import STORE as GOALS
from features.kernel.store import EffectHandler, Store
from features.kernel.vocabulary import Change, Event, Facts, Outcome, State
from features.privacy.store import STORE as PRIVACY
from features.reflection import flow as reflection
from features.reflection.store import STORE as REFLECTION
from features.review.store import STORE as REVIEW
from features.safety.store import STORE as SAFETY
from features.schedule.store import STORE as SCHEDULE


def merged(*stores: Store) -> Store:
    """The features' maps as one; a change two of them store is a mistake, caught here."""
    every: dict[type[Change], EffectHandler[Any]] = {}
    for store in stores:
        for kind, handler in store.items():
            if kind in every:
                raise AssertionError(f"{kind.__name__} is stored by two features")
            every[kind] = handler
    return every


STORE = merged(REFLECTION, SCHEDULE, REVIEW, FIT, GOALS, SAFETY, PRIVACY)


def step(state: State, event: Event, facts: Facts) -> Outcome:
    """`router.step`, the client's reflection seen where their state holds them, and their
    place in it kept when this step leaves it (features.reflection.flow.on_leave)."""
    outcome = router.step(state, event, reflection.walked(state, facts))
    left = reflection.on_leave(state, outcome)
    return Outcome(outcome.state, (*left, *outcome.effects)) if left else outcome
