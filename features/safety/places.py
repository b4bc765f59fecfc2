"""Which country a client is in: from their time zone, or from the name they type.

Read at run time from the IANA data the `tzdata` package ships: `zone.tab` gives each zone
one country, `iso3166.tab` the countries' names, and the `L` (link) lines of `tzdata.zi`
carry old names such as Asia/Calcutta or US/Eastern to the zone they now mean. A typed
name is looked up in the table of places (features/common/gazetteer.py), in any of the
languages it holds. Pure: the files are read once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from features.common import gazetteer, place_names

# Names that stand for a rule, not a place: tzdata links CET to Brussels and EST to Panama
# for their clocks, but someone in "CET" could be in any of a dozen countries.
_NO_PLACE = frozenset(
    {"CET", "MET", "EET", "WET", "EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT"}
)

# Old names that tzdata folded into a zone of another country (their clocks agree since
# 1970), so following the link would name the wrong country. Their own country instead.
_FOLDED_LINKS = {
    "Africa/Asmera": "ER",
    "Africa/Timbuktu": "ML",
    "America/Coral_Harbour": "CA",
    "America/Virgin": "VI",
    "Antarctica/South_Pole": "AQ",
    "Atlantic/Jan_Mayen": "SJ",
    "Iceland": "IS",
    "Pacific/Johnston": "UM",
    "Pacific/Ponape": "FM",
    "Pacific/Samoa": "AS",
    "Pacific/Truk": "FM",
    "Pacific/Yap": "FM",
    "US/Samoa": "AS",
}

# Two-letter codes that are also everyday words: taken as a code only in capitals, so that
# "no" or "it" typed in passing doesn't become Norway or Italy, nor "sí" Slovenia.
_WORDS = frozenset(
    {"am", "as", "at", "be", "by", "do", "go", "hi", "id", "in", "is", "it", "me", "my", "no",
     "so", "to",
     # German, Spanish, French
     "si", "la", "ne", "ma", "se", "je", "il"}
)  # fmt: skip

# Nobody's country name is longer; anything longer isn't one.
_MAX_INPUT = 60


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """What we made of a typed country: one country, a few to choose from, or nothing."""

    code: str | None = None
    suggestions: tuple[str, ...] = ()


def country_of_zone(zone: str | None) -> str | None:
    """The ISO 3166 code of the country an IANA time zone is in, or None (UTC, an offset,
    a zone shared by several countries, an unknown name)."""
    if not zone or zone in _NO_PLACE:
        return None
    if zone in _FOLDED_LINKS:
        return _FOLDED_LINKS[zone]
    countries, links = _zone_countries(), _links()
    name = zone
    for _ in range(4):  # links point at zones; a chain is a safety margin, not a loop
        if name in countries:
            return countries[name]
        target = links.get(name)
        if target is None:
            return None
        name = target
    return None


def country_name(code: str) -> str | None:
    """A country's English name (iso3166.tab's), or None for a code that isn't one."""
    return _names().get(code.upper())


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166 country code tzdata knows."""
    return code.upper() in _names()


def find_country(text: str) -> CountryMatch:
    """The country a client typed: its ISO code, its name in English, German, Spanish,
    French or Russian, a common alias, or a city in it (Lyon: France); near misses of a
    country's name, and cities in several countries (Córdoba), come back as suggestions."""
    query = place_names.normalise(text[: _MAX_INPUT * 2])
    if not query or len(query) > _MAX_INPUT:
        return CountryMatch()
    is_code = len(query) == 2 and query.isalpha() and query.upper() in _names()
    if is_code and (query not in _WORDS or text.strip().isupper()):
        return CountryMatch(code=query.upper())
    named = tuple(code for code in gazetteer.countries_named(query) if code in _names())
    if not named:
        # Only countries tzdata knows: Kosovo's cities (XK) are left to the name typed.
        answers = gazetteer.places_named(query, same=lambda place: place.country)
        named = tuple(a.place.country for a in answers if a.place.country in _names())
    if len(named) == 1:
        return CountryMatch(code=named[0])
    if named:  # "Korea", "Congo", "Córdoba": which one?
        return CountryMatch(suggestions=named)
    near = gazetteer.near_names(query, countries_only=True)
    codes = (code for name in near for code in gazetteer.countries_named(name))
    return CountryMatch(suggestions=tuple(dict.fromkeys(codes))[:3])


def _table(name: str) -> list[list[str]]:
    """The rows of one of tzdata's tab-separated tables, comments left out."""
    text = resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _zone_countries() -> dict[str, str]:
    """Zone name -> country code, from zone.tab (one country per zone)."""
    return {row[2]: row[0] for row in _table("zone.tab") if len(row) >= 3}


@cache
def _links() -> dict[str, str]:
    """Old or alias zone name -> the zone it now means, from tzdata.zi's link lines."""
    text = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text(encoding="utf-8")
    links: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


@cache
def _names() -> dict[str, str]:
    """Country code -> English name, from iso3166.tab."""
    return {row[0]: row[1] for row in _table("iso3166.tab") if len(row) >= 2}
