"""Understanding what a client types when asked for their time zone. Pure: no I/O."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from features.common import gazetteer, place_names

# The regions of canonical IANA names; others (US/Eastern, Etc/GMT+3...) are aliases.
_REGIONS = (
    "Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
    "Pacific",
)  # fmt: skip

# Names the table of places (features/common/gazetteer.py) answers otherwise or not at all:
# nicknames, and "Korea", which here has always meant the South (/country asks which).
_ALIASES: dict[str, tuple[str, ...]] = {
    "nyc": ("America/New_York",), "la": ("America/Los_Angeles",),
    "korea": ("Asia/Seoul",),
}  # fmt: skip

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
# Telegram caps messages far above this; nobody's city is longer.
_MAX_INPUT = 80


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """What we made of the client's words: one zone, a few to choose from, or nothing.
    `places` names the suggestions when they are places sharing the name the client typed
    ("Portland, Oregon, United States"); near misses are shown as their zones."""

    zone: str | None = None
    suggestions: tuple[str, ...] = ()
    fixed_offset: bool = False
    places: tuple[str, ...] = ()


def zone_for(name: str) -> tzinfo:
    """The tzinfo for a stored time zone: an IANA name or a fixed offset like UTC+05:30."""
    if name == "UTC":
        return UTC
    offset = _parse_offset(name)
    if offset is not None:
        return timezone(offset)
    return ZoneInfo(name)


def is_known_zone(name: str) -> bool:
    """Whether a stored or pressed zone name still names a real zone."""
    try:
        zone_for(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return name == "UTC" or _parse_offset(name) is not None or name in _iana_names().values()


def local_time(name: str, now: datetime) -> datetime:
    """`now` as the clock on the client's wall shows it."""
    return now.astimezone(zone_for(name))


def find_zone(text: str) -> ZoneMatch:
    """Match an IANA name, a city or country, or a UTC offset; suggest near misses."""
    query = _normalise(text)
    if not query or len(query) > _MAX_INPUT:
        return ZoneMatch()
    if query in ("utc", "gmt", "z", "zulu"):
        return ZoneMatch(zone="UTC")
    offset = _parse_offset(query)
    if offset is not None:
        return ZoneMatch(zone=_format_offset(offset), fixed_offset=True)
    iana = _iana_names().get(query.replace(" ", "_"))
    if iana is not None and "/" in iana:
        return ZoneMatch(zone=iana)
    name = place_names.normalise(text[: _MAX_INPUT * 2])
    if name in place_names.NOT_PLACES:
        return ZoneMatch()
    named = _named(name)
    if named is not None:
        return named
    if iana is not None:  # an old name with no region: EST5EDT, Navajo (Japan is Asia/Tokyo)
        return ZoneMatch(zone=iana)
    near = gazetteer.near_names(name, extra=_zone_cities())
    suggestions = tuple(dict.fromkeys(zone for found in near for zone in _zones_named(found)))
    return ZoneMatch(suggestions=suggestions[:4])


def _named(name: str) -> ZoneMatch | None:
    """The zone(s) of a place called exactly so: a nickname, a country, a city, a zone's
    own city (Lord Howe); None when nothing is."""
    aliased = _ALIASES.get(name)
    if aliased is not None:
        return _choice(aliased)
    countries = gazetteer.countries_named(name)
    if len(countries) == 1:
        return _choice(_country_zones(countries[0]))
    if countries:  # "Congo": which one?
        zones = {code: _country_zones(code)[:1] for code in countries}
        shared = tuple(code for code in countries if zones[code])
        return ZoneMatch(
            suggestions=tuple(zones[code][0] for code in shared),
            places=tuple(gazetteer.country_label(code) for code in shared),
        )
    answers = gazetteer.places_named(name, same=lambda place: place.zone)
    if len(answers) == 1:
        return ZoneMatch(zone=answers[0].place.zone)
    if answers:
        return ZoneMatch(
            suggestions=tuple(answer.place.zone for answer in answers),
            places=tuple(gazetteer.label(answer, answers) for answer in answers),
        )
    city = _zone_cities().get(name)
    return ZoneMatch(zone=city) if city is not None else None


def _zones_named(name: str) -> tuple[str, ...]:
    """Every zone a known name may mean, for near misses."""
    if name in _ALIASES:
        return _ALIASES[name]
    countries = gazetteer.countries_named(name)
    if countries:
        return tuple(zone for code in countries for zone in _country_zones(code))
    answers = gazetteer.places_named(name, same=lambda place: place.zone)
    if answers:
        return tuple(answer.place.zone for answer in answers)
    city = _zone_cities().get(name)
    return (city,) if city is not None else ()


def _choice(zones: tuple[str, ...]) -> ZoneMatch | None:
    if not zones:
        return None  # Bouvet Island and Heard Island keep no clock
    return ZoneMatch(zone=zones[0]) if len(zones) == 1 else ZoneMatch(suggestions=zones)


def _country_zones(code: str) -> tuple[str, ...]:
    found = gazetteer.country(code)
    return found.zones if found is not None else ()


def _normalise(text: str) -> str:
    """Lower case, accents and zero-width characters gone, spaces and dashes folded."""
    decomposed = unicodedata.normalize("NFKD", text[: _MAX_INPUT * 2])
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf", "Cc"))
    # A typographic minus or dash in "UTC\u22125" means the same as "-".
    kept = kept.replace("\u2212", "-").replace("\u2013", "-").lower()
    return re.sub(r"[\s_]+", " ", kept).strip(" .,!?")


def _parse_offset(text: str) -> timedelta | None:
    match = _OFFSET.match(text.strip().lower())
    if match is None:
        return None
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if minutes not in (0, 15, 30, 45):
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    if sign == "-":
        delta = -delta
    if not timedelta(hours=-12) <= delta <= timedelta(hours=14):
        return None
    return delta


def _format_offset(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


@cache
def _iana_names() -> dict[str, str]:
    """Lower-cased IANA name -> its proper spelling."""
    return {name.lower(): name for name in available_timezones()}


@cache
def _zone_cities() -> dict[str, str]:
    """The city a canonical zone is named after (normalised) -> the zone: "lord howe",
    "dumontdurville", the places too small for the table."""
    cities: dict[str, str] = {}
    for name in sorted(available_timezones(), key=lambda n: (n.count("/"), n)):
        region, _, rest = name.partition("/")
        if region in _REGIONS and rest:
            cities.setdefault(place_names.normalise(rest.rsplit("/", 1)[-1]), name)
    return cities
