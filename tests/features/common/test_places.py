"""Places typed in English, German, Spanish, French or Russian: a city or a country finds its
time zone (the question at /start and /timezone) and its country (/country); a name several
places share is offered as a choice naming them; a typo is suggested, an everyday word is
no place."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources

import pytest

from features import router
from features.common.timezones import find_zone
from features.kernel.profile import SaveTimeZone
from features.kernel.texts import plain
from features.kernel.vocabulary import Client, Press, Reply, State, Step, Text
from features.safety.places import country_of_zone, find_country
from tests.support.facts import facts_of

NOW = datetime(2026, 12, 1, 18, tzinfo=UTC)
ONBOARDING = State(Step.ASK_TIME_ZONE, {"purpose": "onboarding"})
NEW = facts_of(Client(), NOW)


def iso3166() -> list[tuple[str, str]]:
    text = resources.files("tzdata.zoneinfo").joinpath("iso3166.tab").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]
    return [(row[0], row[1]) for row in rows]


def zone_tab() -> dict[str, set[str]]:
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    zones: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and line[0] != "#":
            code, _, zone = line.split("\t")[:3]
            zones.setdefault(code, set()).add(zone)
    return zones


CITIES = [
    ("München", "Europe/Berlin", "DE"),
    ("Munich", "Europe/Berlin", "DE"),
    ("Múnich", "Europe/Berlin", "DE"),
    ("Sevilla", "Europe/Madrid", "ES"),
    ("Seville", "Europe/Madrid", "ES"),
    ("Lyon", "Europe/Paris", "FR"),
    ("Москва", "Europe/Moscow", "RU"),
    ("Moskau", "Europe/Moscow", "RU"),
    ("Moscou", "Europe/Moscow", "RU"),
    ("Köln", "Europe/Berlin", "DE"),
    ("koeln", "Europe/Berlin", "DE"),
    ("Cologne", "Europe/Berlin", "DE"),
    ("Wien", "Europe/Vienna", "AT"),
    ("Vienna", "Europe/Vienna", "AT"),
    ("Viena", "Europe/Vienna", "AT"),
    ("Frankfurt", "Europe/Berlin", "DE"),  # am Main and (Oder): one zone, one country
    ("Санкт-Петербург", "Europe/Moscow", "RU"),
    ("Лондон", "Europe/London", "GB"),
    ("Londres", "Europe/London", "GB"),
    ("Nueva York", "America/New_York", "US"),
    ("Genf", "Europe/Zurich", "CH"),
    ("Mailand", "Europe/Rome", "IT"),
    ("Barcelona", "Europe/Madrid", "ES"),  # Venezuela's is half as big, far less known
    ("Хабаровск", "Asia/Vladivostok", "RU"),
]

COUNTRIES = [
    ("Argentina", "America/Argentina/Buenos_Aires", "AR"),
    ("Deutschland", "Europe/Berlin", "DE"),
    ("Allemagne", "Europe/Berlin", "DE"),
    ("Alemania", "Europe/Berlin", "DE"),
    ("Германия", "Europe/Berlin", "DE"),
    ("Österreich", "Europe/Vienna", "AT"),
    ("Espagne", "Europe/Madrid", "ES"),
    ("Франция", "Europe/Paris", "FR"),
    ("Schweiz", "Europe/Zurich", "CH"),
    ("Reino Unido", "Europe/London", "GB"),
]


@pytest.mark.parametrize(("typed", "zone", "country"), CITIES + COUNTRIES)
def test_a_place_in_any_of_the_languages_finds_its_zone(typed, zone, country):
    assert find_zone(typed).zone == zone
    assert country_of_zone(zone) == country


@pytest.mark.parametrize(("typed", "zone", "country"), CITIES + COUNTRIES)
def test_a_place_in_any_of_the_languages_finds_its_country(typed, zone, country):
    assert find_country(typed).code == country


def test_russian_reads_yo_as_ye_and_keeps_its_own_letters():
    assert find_zone("Орёл").zone == find_zone("Орел").zone == "Europe/Moscow"
    assert find_zone("Йошкар-Ола").zone == "Europe/Moscow"
    assert find_zone("ЙОШКАР ОЛА").zone == "Europe/Moscow"


def test_every_country_tzdata_names_is_understood_for_country():
    names = iso3166()
    assert len(names) == 249
    misread = {name: find_country(name).code for code, name in names}
    assert {name: got for name, got in misread.items() if got is None} == {}
    assert [(code, name) for code, name in names if misread[name] != code] == []


def test_every_country_tzdata_names_is_placed_in_its_own_zones():
    zones = zone_tab()
    unplaced = []
    for code, name in iso3166():
        match = find_zone(name)
        found = {match.zone} if match.zone else set(match.suggestions)
        if not found:
            unplaced.append(code)
        assert found <= zones.get(code, set()), name
    # Nobody lives on Bouvet Island or Heard Island, and tzdata gives them no zone.
    assert unplaced == ["BV", "HM"]


@pytest.mark.parametrize("language", ["en", "de", "es", "fr", "ru"])
def test_every_countrys_name_in_each_language_is_understood(language):
    import babel

    names = babel.Locale(language).territories
    for code, _ in iso3166():
        match = find_country(names[code])
        # A name two countries share ("Samoa", "Congo") is a choice that includes it.
        assert match.code == code or code in match.suggestions, (language, names[code])


def test_a_country_with_several_clocks_is_still_a_choice():
    assert find_zone("Vereinigte Staaten").suggestions == find_zone("USA").suggestions
    assert find_zone("Россия").suggestions == (
        "Europe/Moscow",
        "Asia/Yekaterinburg",
        "Asia/Novosibirsk",
        "Asia/Vladivostok",
    )
    assert find_zone("Indonesia").suggestions[0] == "Asia/Jakarta"


def test_a_name_two_places_share_is_a_choice_naming_them_biggest_first():
    portland = find_zone("Portland")
    assert portland.zone is None
    assert portland.suggestions == ("America/Los_Angeles", "America/New_York")
    assert portland.places == (
        "Portland, Oregon, United States",
        "Portland, Maine, United States",
    )
    cordoba = find_zone("Córdoba")
    assert cordoba.suggestions[:2] == ("America/Argentina/Cordoba", "Europe/Madrid")
    assert cordoba.places[:2] == ("Córdoba, Argentina", "Córdoba, Spain")
    assert set(find_zone("Valencia").suggestions) == {"Europe/Madrid", "America/Caracas"}


def test_namesakes_in_one_zone_are_one_answer_with_their_regions():
    springfield = find_zone("Springfield")
    assert len(set(springfield.suggestions)) == len(springfield.suggestions) >= 3
    assert "Springfield, Missouri / Illinois, United States" in springfield.places


def test_manchester_is_offered_the_uk_first():
    """Manchester, New Hampshire is to Manchester what Córdoba, Spain is to Córdoba: a
    fifth of its people and as well known, so the client is asked, the UK first."""
    match = find_zone("Manchester")
    assert match.suggestions[0] == "Europe/London"
    assert match.places[0] == "Manchester, United Kingdom"


def test_a_small_namesake_far_away_is_not_asked_about():
    for typed in ("Moscow", "Москва", "Paris", "London", "Sevilla", "Athens", "Geneva"):
        assert find_zone(typed).zone is not None, typed


def test_country_asks_only_when_the_country_differs():
    assert find_country("Portland").code == "US"  # two zones, one country
    assert set(find_country("Córdoba").suggestions) >= {"AR", "ES"}
    assert find_country("Valencia").code is None


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("Londn", "Europe/London"), ("Sevila", "Europe/Madrid"), ("Deutschlnd", "Europe/Berlin")],
)
def test_a_typo_is_suggested_not_taken(typed, zone):
    match = find_zone(typed)
    assert match.zone is None and match.suggestions == (zone,)


EVERYDAY = [
    *[
        "yes",
        "no",
        "ok",
        "okay",
        "hi",
        "hello",
        "thanks",
        "please",
        "help",
        "skip",
        "later",
        "maybe",
        "sorry",
        "home",
        "today",
    ],
    *["ja", "nein", "danke", "bitte", "hallo", "hilfe", "morgen", "heute", "vielleicht"],
    *["sí", "gracias", "hola", "ayuda", "mañana", "hoy", "quizás", "bien", "casa", "vale", "nada"],
    *["oui", "non", "merci", "bonjour", "salut", "aide", "demain", "maison", "rien"],
    *[
        "да",
        "нет",
        "спасибо",
        "привет",
        "помощь",
        "завтра",
        "сегодня",
        "хорошо",
        "дом",
        "ничего",
        "пожалуйста",
    ],
    "I don't know",
    "no idea",
    "weiß nicht",
    "no sé",
    "je ne sais pas",
    "не знаю",
    "my cat",
    "the moon",
    "Europe",
    "Asia",
]


@pytest.mark.parametrize("typed", EVERYDAY)
def test_an_everyday_word_is_no_place_and_not_near_one(typed):
    assert find_zone(typed) == find_zone("qwzx plorb")
    assert find_country(typed).code is None and find_country(typed).suggestions == ()


def test_typing_a_shared_name_offers_the_places_and_pressing_one_saves_its_zone():
    asked = router.step(ONBOARDING, Text("Portland"), NEW)
    (reply,) = asked.effects
    assert isinstance(reply, Reply) and reply.text == "time_zone.which_place"
    labels = [
        plain(b.label, **{k: str(v) for k, v in b.args.items()})
        for row in reply.buttons
        for b in row
    ]
    assert labels == [
        "Portland, Oregon, United States",
        "Portland, Maine, United States",
        "None of these",
    ]
    maine = reply.buttons[1][0].data
    chosen = router.step(asked.state, Press(maine), NEW)
    assert SaveTimeZone("America/New_York") in chosen.effects


def test_a_city_typed_for_country_is_saved_as_its_country():
    outcome = router.step(State(Step.ASK_COUNTRY), Text("Lyon"), NEW)
    assert outcome.state.step is Step.IDLE
    said = [
        plain(e.text, **{k: str(v) for k, v in e.args.items()})
        for e in outcome.effects
        if isinstance(e, Reply)
    ]
    assert "France" in said[0]


def test_each_countrys_name_is_kept_in_each_language_for_later():
    from features.common.gazetteer import country_label

    assert [country_label("DE", lang) for lang in ("en", "de", "es", "fr", "ru")] == [
        "Germany",
        "Deutschland",
        "Alemania",
        "Allemagne",
        "Германия",
    ]
    assert country_label("DE", "xx") == "Germany"
