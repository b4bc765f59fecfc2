"""Which country a client is in: from their time zone, or from the name they type.

Read at run time from the IANA data the `tzdata` package ships: `zone.tab` gives each zone
one country, `iso3166.tab` the countries' names, and the `L` (link) lines of `tzdata.zi`
carry old names such as Asia/Calcutta or US/Eastern to the zone they now mean. Pure: the
files are read once, on first use.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

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

# What people call their country when it isn't iso3166.tab's name for it.
_ALIASES = {
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "usa": "US", "us": "US", "u s": "US", "u s a": "US", "america": "US",
    "united states of america": "US", "the us": "US", "the usa": "US",
    "south korea": "KR", "republic of korea": "KR",
    "north korea": "KP", "holland": "NL", "the netherlands": "NL",
    "czechia": "CZ", "uae": "AE", "emirates": "AE", "turkiye": "TR",
    "burma": "MM", "myanmar": "MM", "ivory coast": "CI", "cote d'ivoire": "CI",
    "swaziland": "SZ", "eswatini": "SZ", "vatican": "VA", "russian federation": "RU",
    "bosnia": "BA", "bosnia and herzegovina": "BA", "trinidad and tobago": "TT",
    "macedonia": "MK", "timor-leste": "TL", "east timor": "TL", "cape verde": "CV",
    "cabo verde": "CV", "dr congo": "CD", "democratic republic of the congo": "CD",
    "republic of the congo": "CG", "aotearoa": "NZ", "deutschland": "DE",
    "espana": "ES", "italia": "IT", "osterreich": "AT", "schweiz": "CH", "suisse": "CH",
    "sverige": "SE", "norge": "NO", "danmark": "DK", "suomi": "FI", "polska": "PL",
    "brasil": "BR", "mexique": "MX", "nederland": "NL", "belgie": "BE", "belgique": "BE",
}  # fmt: skip

# Two-letter codes that are also everyday words: taken as a code only in capitals, so that
# "no" or "it" typed in passing doesn't become Norway or Italy.
_WORDS = frozenset(
    {"am", "as", "at", "be", "by", "do", "go", "hi", "id", "in", "is", "it", "me", "my", "no",
     "so", "to"}
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
    """The country a client typed: its ISO code, its name, a common alias; near misses
    come back as suggestions."""
    query = _normalise(text)
    if not query or len(query) > _MAX_INPUT:
        return CountryMatch()
    is_code = len(query) == 2 and query.isalpha() and query.upper() in _names()
    if is_code and (query not in _WORDS or text.strip().isupper()):
        return CountryMatch(code=query.upper())
    known = _by_name()
    if query in known:
        return CountryMatch(code=known[query])
    shared = _shared_names().get(query)
    if shared is not None:  # "Korea", "Congo": which one?
        return CountryMatch(suggestions=shared)
    near = difflib.get_close_matches(query, list(known), n=4, cutoff=0.8)
    return CountryMatch(suggestions=tuple(dict.fromkeys(known[name] for name in near))[:3])


def _normalise(text: str) -> str:
    """Lower case, accents and dots gone, "&" as "and", spaces folded."""
    decomposed = unicodedata.normalize("NFKD", text[: _MAX_INPUT * 2])
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf", "Cc"))
    kept = kept.replace("\u2019", "'").replace("&", " and ").replace(".", " ").lower()
    return re.sub(r"\s+", " ", kept).strip(" ,!?")


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


@cache
def _by_name() -> dict[str, str]:
    """Every way of naming a country we understand (normalised) -> its code."""
    known: dict[str, str] = {}
    for code, name in _names().items():
        known[_normalise(name)] = code
    # "Britain (UK)", "Myanmar (Burma)": the name without its bracket is a name too, unless
    # it is shared ("Korea (North)", "Korea (South)").
    known.update({bare: codes[0] for bare, codes in _bare_names().items() if len(codes) == 1})
    known.update(_ALIASES)
    return known


@cache
def _shared_names() -> dict[str, tuple[str, ...]]:
    """A name several countries share once their brackets are off -> those countries."""
    return {bare: codes for bare, codes in _bare_names().items() if len(codes) > 1}


def _bare_names() -> dict[str, tuple[str, ...]]:
    bare: dict[str, list[str]] = {}
    for code, name in _names().items():
        if "(" in name:
            bare.setdefault(_normalise(re.sub(r"\(.*?\)", "", name)), []).append(code)
    return {name: tuple(codes) for name, codes in bare.items()}
