"""The client's profile, which more than one feature reads: their time zone.

Onboarding and /timezone set it; the schedule stores it, since its prompts are planned in
it (features/schedule/store.py)."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class SaveTimeZone(Change):
    """Store the client's time zone."""

    time_zone: str
