"""How place names are compared, and the few words about places written by hand: what
people call a country that the table of places doesn't, and everyday words that are no
place though some small town is called so. Pure."""

from __future__ import annotations

import re
import unicodedata

# What clients type in passing that some small town is called, or is close to (normalised):
# never taken for a place. Yes and no, thanks, greetings, "I don't know", continents.
NOT_PLACES = frozenset(
    {
        "yes", "no", "ok", "okay", "hi", "hello", "hey", "thanks", "thank you", "please",
        "help", "skip", "later", "maybe", "sorry", "home", "here", "today", "tomorrow",
        "no idea", "i don t know", "dont know", "don t know", "none", "nothing", "test",
        "ja", "nein", "danke", "bitte", "hallo", "hilfe", "morgen", "heute", "vielleicht",
        "weiss nicht", "ich weiss nicht", "zuhause", "nichts", "keine ahnung",
        "si", "gracias", "hola", "ayuda", "manana", "hoy", "quizas", "bien", "casa", "vale",
        "nada", "no se", "ni idea",
        "oui", "non", "merci", "bonjour", "salut", "aide", "demain", "aujourd hui",
        "peut etre", "maison", "rien", "je ne sais pas", "aucune idee",
        "да", "нет", "спасибо", "привет", "помощь", "завтра", "сегодня", "может", "хорошо",
        "дом", "ничего", "пожалуйста", "не знаю", "здравствуйте",
        "europe", "europa", "европа", "asia", "asien", "asie", "азия", "africa", "afrika",
        "afrique", "африка", "world", "welt", "mundo", "monde", "мир",
    }
)  # fmt: skip

# Names people use for a country that neither Babel nor tzdata give (normalised).
COUNTRY_ALIASES = {
    "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "usa": "US", "us": "US",
    "u s": "US", "u s a": "US", "america": "US", "united states of america": "US",
    "the us": "US", "the usa": "US", "south korea": "KR", "republic of korea": "KR",
    "north korea": "KP", "holland": "NL", "the netherlands": "NL", "czech republic": "CZ",
    "uae": "AE", "emirates": "AE", "turkey": "TR", "turkiye": "TR", "burma": "MM",
    "ivory coast": "CI", "swaziland": "SZ", "vatican": "VA", "russian federation": "RU",
    "bosnia": "BA", "macedonia": "MK", "east timor": "TL", "cabo verde": "CV",
    "dr congo": "CD", "drc": "CD", "republic of the congo": "CG", "aotearoa": "NZ",
    "hong kong": "HK", "macau": "MO", "macao": "MO", "palestine": "PS",
    # In the languages the bot speaks, as people say them.
    "espana": "ES", "italia": "IT", "osterreich": "AT", "schweiz": "CH", "suisse": "CH",
    "sverige": "SE", "norge": "NO", "danmark": "DK", "suomi": "FI", "polska": "PL",
    "brasil": "BR", "mexique": "MX", "nederland": "NL", "belgie": "BE", "belgique": "BE",
    "amerika": "US", "vereinigte staaten von amerika": "US",
    "grossbritannien": "GB", "eeuu": "US", "ee uu": "US", "estados unidos de america": "US",
    "gran bretana": "GB", "inglaterra": "GB", "etats unis d amerique": "US",
    "grande bretagne": "GB", "angleterre": "GB", "сша": "US", "америка": "US",
    "соединенные штаты америки": "US", "англия": "GB", "британия": "GB",
    "южная корея": "KR", "северная корея": "KP", "беларусь": "BY", "белоруссия": "BY",
    "киргизия": "KG", "молдавия": "MD",
}  # fmt: skip


# Punctuation inside names that people type or leave out at will: "Saint-Étienne",
# "St. Gallen", "Frankfurt (Oder)", "Côte d'Ivoire" with a typographic apostrophe.
_PUNCTUATION = re.compile(r"[\s\-\u2010-\u2015'\u2018\u2019`\".,()/_!?]+")


def normalise(text: str) -> str:
    """A name as it is compared: case folded, accents off Latin letters (Köln as koln;
    Koeln is listed too), Cyrillic kept as it is but ё read as its plain e, punctuation
    and spaces folded to one space, "&" read as "and"."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("&", " and ")
    if not folded.isascii():
        folded = "".join(_plain_letter(char) for char in folded)
    return _PUNCTUATION.sub(" ", folded).strip()


def _plain_letter(char: str) -> str:
    if char == "ё":
        return "\u0435"  # Cyrillic ie: Russian mostly writes ё without its dots
    if "\u0400" <= char <= "\u04ff":  # Cyrillic: й is not и
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf", "Cc"))
