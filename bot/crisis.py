"""Crisis resources: shown at once, kindly, when a client's words suggest they may be in
danger or they ask for urgent help. Never instead of listening: the conversation goes on.

The phrases and the resources are data (`bot/data/crisis.json`, or the operator's own file
via CRISIS_RESOURCES_FILE), so they can be reviewed and extended without touching code.
Matching (bot/danger.py) errs towards showing help: a false alarm costs a kind message;
a miss could cost much more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot import danger

DEFAULT_FILE = Path(__file__).parent / "data" / "crisis.json"


@dataclass(frozen=True, slots=True)
class Resource:
    """Where to get help in one place: the emergency number and helplines."""

    emergency: str
    helplines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CrisisData:
    """The phrases that suggest danger, and resources by country and time zone."""

    phrases: danger.Phrases
    by_country: dict[str, Resource]
    zones: dict[str, str]

    def resource_for(self, time_zone: str | None) -> Resource:
        """The resources for the client's country (from their time zone), or the default."""
        country = self.zones.get(time_zone or "", "")
        return self.by_country.get(country, self.by_country["default"])

    def suggests_danger(self, text: str) -> bool:
        """Whether the words hold one of the phrases (bot/danger.py says how they match)."""
        return danger.suggests_danger(text, self.phrases)


def load(path: Path | None = None) -> CrisisData:
    """Read the crisis data file (the bundled one by default)."""
    raw = json.loads((path or DEFAULT_FILE).read_text(encoding="utf-8"))
    by_country = {
        key: Resource(str(value["emergency"]), tuple(str(h) for h in value["helplines"]))
        for key, value in raw.items()
        if isinstance(value, dict) and "emergency" in value
    }
    if "default" not in by_country:
        raise ValueError("the crisis resources file needs a 'default' entry")
    phrases = danger.compile_phrases(raw.get("phrases", []))
    zones = {str(zone): str(country) for zone, country in raw.get("zones", {}).items()}
    return CrisisData(phrases, by_country, zones)
