"""What safety stores: the country for crisis help, and the client's safety plan."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class SaveCountry(Change):
    """Store the country the client chose for crisis help (None: go by their time zone)."""

    country: str | None


@dataclass(frozen=True, slots=True)
class SaveSafetyPlan(Change):
    """Write one part of the client's safety plan ("" clears it)."""

    section: str
    text: str
