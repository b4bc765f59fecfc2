"""What the safety steps read, as loaded in the turn (features/safety/loaders.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SafetyPlan:
    """The client's safety plan, part key -> their words (None: none written)."""

    parts: Mapping[str, str] | None = None
