"""What a feature's store functions are given, and what they look like.

Each feature stores its own effects (features/<f>/effects.py) with one function each, in
features/<f>/store.py, and lists them in its `STORE` map; the turn engine (kernel/engine.py)
calls the one registered for each change a step made, inside the turn's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from features.kernel.vocabulary import Change
from storage.models import User

Stored = TypeVar("Stored", bound=Change, contravariant=True)


@dataclass(slots=True)
class StoreContext:
    """One turn's store: its transaction, the client's row (locked; a store may update it,
    say their time zone), the moment of the turn, and what an earlier effect of the turn
    read or made (a reflection's row by its serial, say), so it isn't read again."""

    session: AsyncSession
    user: User
    now: datetime
    cache: dict[object, object] = field(default_factory=dict)
    # Set by a store that erased the client: nothing more is written for them this turn.
    erased: bool = False


class EffectHandler(Protocol[Stored]):
    """Stores one kind of change."""

    async def __call__(self, effect: Stored, ctx: StoreContext, /) -> None: ...


# A feature's store functions by the change each stores.
Store = Mapping[type[Change], EffectHandler[Any]]
