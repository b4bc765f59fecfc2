"""Understanding what a client types when asked for their time zone. Pure: no I/O."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# The regions of canonical IANA names; others (US/Eastern, Etc/GMT+3...) are aliases.
_REGIONS = (
    "Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
    "Pacific",
)  # fmt: skip

# Places people name that are not the city an IANA zone is named after. Countries with one
# zone map to it; countries with several are answered with a choice.
_ALIASES: dict[str, tuple[str, ...]] = {
    "uk": ("Europe/London",), "england": ("Europe/London",), "scotland": ("Europe/London",),
    "wales": ("Europe/London",), "britain": ("Europe/London",),
    "great britain": ("Europe/London",), "ireland": ("Europe/Dublin",),
    "germany": ("Europe/Berlin",), "munich": ("Europe/Berlin",), "hamburg": ("Europe/Berlin",),
    "frankfurt": ("Europe/Berlin",), "cologne": ("Europe/Berlin",), "france": ("Europe/Paris",),
    "spain": ("Europe/Madrid",), "barcelona": ("Europe/Madrid",), "italy": ("Europe/Rome",),
    "milan": ("Europe/Rome",), "netherlands": ("Europe/Amsterdam",),
    "poland": ("Europe/Warsaw",), "austria": ("Europe/Vienna",),
    "switzerland": ("Europe/Zurich",), "geneva": ("Europe/Zurich",),
    "sweden": ("Europe/Stockholm",), "norway": ("Europe/Oslo",),
    "denmark": ("Europe/Copenhagen",), "finland": ("Europe/Helsinki",),
    "portugal": ("Europe/Lisbon",), "greece": ("Europe/Athens",),
    "turkey": ("Europe/Istanbul",), "ukraine": ("Europe/Kyiv",), "kiev": ("Europe/Kyiv",),
    "czechia": ("Europe/Prague",), "hungary": ("Europe/Budapest",),
    "romania": ("Europe/Bucharest",), "belgium": ("Europe/Brussels",),
    "israel": ("Asia/Jerusalem",), "tel aviv": ("Asia/Jerusalem",),
    "india": ("Asia/Kolkata",), "delhi": ("Asia/Kolkata",), "new delhi": ("Asia/Kolkata",),
    "mumbai": ("Asia/Kolkata",), "bangalore": ("Asia/Kolkata",), "japan": ("Asia/Tokyo",),
    "china": ("Asia/Shanghai",), "beijing": ("Asia/Shanghai",), "korea": ("Asia/Seoul",),
    "south korea": ("Asia/Seoul",), "singapore": ("Asia/Singapore",),
    "new zealand": ("Pacific/Auckland",), "wellington": ("Pacific/Auckland",),
    "south africa": ("Africa/Johannesburg",), "cape town": ("Africa/Johannesburg",),
    "nyc": ("America/New_York",), "washington": ("America/New_York",),
    "boston": ("America/New_York",), "miami": ("America/New_York",),
    "philadelphia": ("America/New_York",), "atlanta": ("America/New_York",),
    "la": ("America/Los_Angeles",), "san francisco": ("America/Los_Angeles",),
    "seattle": ("America/Los_Angeles",), "portland": ("America/Los_Angeles",),
    "san diego": ("America/Los_Angeles",), "houston": ("America/Chicago",),
    "dallas": ("America/Chicago",), "austin": ("America/Chicago",),
    "montreal": ("America/Toronto",), "ottawa": ("America/Toronto",),
    "st petersburg": ("Europe/Moscow",), "saint petersburg": ("Europe/Moscow",),
    "usa": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "united states": (
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    ),
    "canada": ("America/Toronto", "America/Winnipeg", "America/Edmonton", "America/Vancouver"),
    "australia": (
        "Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth",
    ),
    "brazil": ("America/Sao_Paulo", "America/Manaus", "America/Recife"),
    "russia": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"),
    "mexico": ("America/Mexico_City", "America/Tijuana", "America/Cancun"),
}  # fmt: skip

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
# Telegram caps messages far above this; nobody's city is longer.
_MAX_INPUT = 80


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """What we made of the client's words: one zone, a few to choose from, or nothing."""

    zone: str | None = None
    suggestions: tuple[str, ...] = ()
    fixed_offset: bool = False


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
    if iana is not None:
        return ZoneMatch(zone=iana)
    places = _places()
    found = places.get(query)
    if found is not None:
        return ZoneMatch(zone=found[0]) if len(found) == 1 else ZoneMatch(suggestions=found)
    near = difflib.get_close_matches(query, list(places), n=3, cutoff=0.8)
    suggestions = tuple(dict.fromkeys(zone for name in near for zone in places[name]))
    return ZoneMatch(suggestions=suggestions[:4])


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
def _places() -> dict[str, tuple[str, ...]]:
    """A place name (city, or an alias) -> the canonical zones it may mean."""
    places: dict[str, list[str]] = {}
    for name in sorted(available_timezones(), key=lambda n: (n.count("/"), n)):
        region, _, rest = name.partition("/")
        if region not in _REGIONS or not rest:
            continue
        city = rest.rsplit("/", 1)[-1].replace("_", " ").lower()
        places.setdefault(city, []).append(name)
    result = {city: tuple(zones[:1]) for city, zones in places.items()}
    result.update({alias: zones for alias, zones in _ALIASES.items() if _all_known(zones)})
    return result


def _all_known(zones: tuple[str, ...]) -> bool:
    names = set(_iana_names().values())
    return all(zone in names for zone in zones)
