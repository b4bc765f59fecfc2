"""Crisis resources: shown at once, kindly, when a client's words suggest they may be in
danger or they ask for urgent help. Never instead of listening: the conversation goes on.

The phrases and the resources are data (`features/safety/data/crisis.json`, or the
operator's own file via CRISIS_RESOURCES_FILE), so they can be reviewed and extended
without touching code. Resources are by country; a client's country is the one they chose
(/country), or their time zone's (features/safety/places.py, from tzdata). Matching
(features/safety/danger.py) errs towards showing help: a false alarm costs a kind
message; a miss could cost much more.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from features.safety import danger
from features.safety.places import country_of_zone

DEFAULT_FILE = Path(__file__).parent / "data" / "crisis.json"


@dataclass(frozen=True, slots=True)
class Helpline:
    """One line to call or text: its name, numbers as dialled there, and when it answers.
    `keyword` is the word to text, where the line asks for one ("text HOME to 741741")."""

    name: str
    call: str = ""
    text: str = ""
    keyword: str = ""
    hours: str = ""
    # By language code: the name and hours as said in that language, where they differ.
    local: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def in_language(self, language: str) -> Helpline:
        """The line as said in this language (as it is where nothing is given for it)."""
        said = self.local.get(base_language(language), {})
        return replace(self, name=said.get("name", self.name), hours=said.get("hours", self.hours))


@dataclass(frozen=True, slots=True)
class Resource:
    """Where to get help in one place: the emergency number and helplines. `name` is the
    country's, empty for the default; `source` is where the numbers were checked."""

    emergency: str
    helplines: tuple[Helpline, ...]
    name: str = ""
    source: str = ""
    # By language code: the emergency numbers as said in that language ("112 oder 144").
    local: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def in_language(self, language: str) -> Resource:
        """The resource with its words in this language where the data gives them."""
        said = self.local.get(base_language(language), {})
        return replace(
            self,
            emergency=said.get("emergency", self.emergency),
            helplines=tuple(line.in_language(language) for line in self.helplines),
        )


@dataclass(frozen=True, slots=True)
class CrisisData:
    """The phrases that suggest danger, and resources by country. `zones` is an operator's
    own time zone -> country map, which wins over tzdata's."""

    phrases: danger.Phrases
    by_country: dict[str, Resource]
    zones: dict[str, str]
    # The languages the phrases are in ("en" alone for the older file, a list).
    languages: frozenset[str] = frozenset({"en"})

    def country_for(self, time_zone: str | None, chosen: str | None = None) -> str | None:
        """The client's country: the one they chose (/country), else their time zone's."""
        if chosen:
            return chosen
        return self.zones.get(time_zone or "") or country_of_zone(time_zone)

    def resource_for(self, time_zone: str | None, chosen: str | None = None) -> Resource:
        """The resources for the client's country, or the default."""
        country = self.country_for(time_zone, chosen) or ""
        return self.by_country.get(country, self.by_country["default"])

    def suggests_danger(self, text: str) -> bool:
        """Whether the words hold one of the phrases (features/safety/danger.py says how they
        match)."""
        return danger.suggests_danger(text, self.phrases)


def base_language(language: str) -> str:
    """The language of a Telegram language code: "de" of "de-AT", "pt" of "pt-br"."""
    return language.split("-")[0].split("_")[0].lower()


def load(path: Path | None = None) -> CrisisData:
    """Read the crisis data file (the bundled one by default)."""
    raw = json.loads((path or DEFAULT_FILE).read_text(encoding="utf-8"))
    by_country = {
        key: _resource(key, value)
        for key, value in raw.items()
        if isinstance(value, dict) and "emergency" in value
    }
    if "default" not in by_country:
        raise ValueError("the crisis resources file needs a 'default' entry")
    phrases = _phrases(raw.get("phrases", []), raw.get("typos", {}))
    zones = {str(zone): str(country) for zone, country in raw.get("zones", {}).items()}
    by_language = raw.get("phrases")
    languages = frozenset(by_language) if isinstance(by_language, dict) else frozenset({"en"})
    return CrisisData(phrases, by_country, zones, languages)


def _phrases(raw: Any, typos: Any) -> danger.Phrases:
    """Every language's phrases, compiled together: they are all matched in every
    message. `raw` is a list (the older form of the file) or lists by language code;
    `typos` gives each language's distinctive words and everyday words near them."""
    if isinstance(raw, dict):
        for code in raw:
            if not re.fullmatch(r"[a-z]{2,3}", str(code)):
                raise ValueError(f"crisis phrases: {code!r} is not a language code")
        raw = [phrase for phrases in raw.values() for phrase in phrases]
    distinctive = [word for entry in typos.values() for word in entry.get("distinctive", [])]
    not_typos = [word for entry in typos.values() for word in entry.get("not_typos", [])]
    return danger.compile_phrases(raw, distinctive, not_typos)


def _resource(key: str, value: dict[str, Any]) -> Resource:
    """One country's entry. A helpline may be a bare string (the older form of the file)."""
    if key != "default" and not re.fullmatch(r"[A-Z]{2}", key):
        raise ValueError(f"crisis resources: {key!r} is not an ISO country code")
    helplines = tuple(
        Helpline(name=line) if isinstance(line, str) else _helpline(key, line)
        for line in value.get("helplines", [])
    )
    return Resource(
        emergency=str(value["emergency"]),
        helplines=helplines,
        name=str(value.get("name", "")),
        source=str(value.get("source", "")),
        local=_local(key, value.get("local", {}), allowed={"emergency"}),
    )


def _local(key: str, raw: Any, allowed: set[str]) -> dict[str, dict[str, str]]:
    """What an entry or a line says in other languages, by language code."""
    if not isinstance(raw, dict):
        raise ValueError(f"crisis resources: 'local' of {key} is not an object")
    local = {}
    for language, said in raw.items():
        if not re.fullmatch(r"[a-z]{2,3}", str(language)) or not isinstance(said, dict):
            raise ValueError(f"crisis resources: 'local' of {key} has {language!r}")
        if not set(said) <= allowed:
            raise ValueError(f"crisis resources: 'local' of {key} may only give {allowed}")
        local[str(language)] = {str(k): str(v) for k, v in said.items()}
    return local


def _helpline(key: str, line: dict[str, Any]) -> Helpline:
    if not line.get("name") or not (line.get("call") or line.get("text")):
        raise ValueError(f"crisis resources: a helpline of {key} needs a name and a number")
    return Helpline(
        name=str(line["name"]),
        call=str(line.get("call", "")),
        text=str(line.get("text", "")),
        keyword=str(line.get("keyword", "")),
        hours=str(line.get("hours", "")),
        local=_local(key, line.get("local", {}), allowed={"name", "hours"}),
    )
