"""Every feature's store functions in one map, by the change each stores.

For now the turn takes this map; the router will build the same from each feature's
registration (TODO lead: fold into `Router.build` from `Feature.store`, then delete this
module), with the same check that no change is stored by two features.
"""

from __future__ import annotations

from typing import Any

from features.fit.store import STORE as FIT
from features.goals.store import STORE as GOALS
from features.kernel.store import EffectHandler, Store
from features.kernel.vocabulary import Change
from features.privacy.store import STORE as PRIVACY
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
