"""What /fit reads, as loaded in the turn (features/fit/loaders.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class FitView:
    """One of the client's /fit checks: whether they see the therapist yet, what they chose."""

    serial: int
    seeing_therapist: bool
    answers: Mapping[str, str] = field(default_factory=dict)  # item id -> choice
    started_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FitChecks:
    """The client's unfinished check and their last finished one."""

    open: FitView | None = None
    last: FitView | None = None
