"""The words clients type for days, months and parts of the day, in English, German, Spanish,
French and Russian, all understood at once. Pure.

Weekday and month names come from CLDR through Babel, every width and context (Russian
months are in the genitive, "ноября", in the 'format' context and the nominative, "ноябрь",
in 'stand-alone'); the small hand lists below hold what people type that CLDR doesn't have,
each with why. Everything is compared after `normalise`: casefolded, without accents, ё as е.

A word that means different things in two languages ("Di": German Tuesday, French Sunday) is
read in the language the rest of the text is in ("Di und Do"), else in the client's language;
with neither, it is not read, and the client is asked again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Literal

from babel.dates import get_day_names, get_month_names

# Adding a language: its code here, and its words in each hand list below.
LANGUAGES = ("en", "de", "es", "fr", "ru")

Part = Literal["morning", "noon", "afternoon", "evening", "night"]

_CYRILLIC_SHORT_I = "\u0438\u0306"  # и + combining breve: й, kept (it is a letter of its own)
_PUNCTUATION = ',;!?()"\u00ab\u00bb\u201c\u201d\u201e'


def normalise(text: str) -> str:
    """The text as words are compared: casefolded, accents dropped (ё as е, й kept),
    typographic apostrophes and dashes plain, spaces single."""
    folded = unicodedata.normalize("NFD", text.casefold()).replace(_CYRILLIC_SHORT_I, "\u0439")
    kept = "".join(ch for ch in folded if not unicodedata.combining(ch))
    kept = kept.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    kept = kept.replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(unicodedata.normalize("NFC", kept).split())


def words(text: str) -> list[str]:
    """The normalised words of a text, without the punctuation around them; a word's own
    dot stays where it is part of a number ("24.11.", "3." as in "3. Dezember")."""
    found = []
    for word in normalise("".join(" " if ch in _PUNCTUATION else ch for ch in text)).split():
        if not any(ch.isdecimal() for ch in word):
            word = word.strip(".:")
        if word:
            found.append(word)
    return found


def _names(kind: Literal["day", "month"]) -> dict[str, dict[str, int]]:
    """Word -> language -> number (weekday 0-6 from Monday, month 1-12), from CLDR."""
    table: dict[str, dict[str, int]] = {}
    for language in LANGUAGES:
        for context in ("format", "stand-alone"):
            tables: list[Mapping[int, str]] = (
                [get_day_names(w, context, language) for w in ("wide", "abbreviated", "short")]
                if kind == "day"
                else [get_month_names(w, context, language) for w in ("wide", "abbreviated")]
            )
            for names in tables:
                for number, name in names.items():
                    table.setdefault(normalise(name).strip("."), {})[language] = number
    return table


WEEKDAY_NAMES = _names("day")
MONTH_NAMES = _names("month")
_WIDE_DAYS = {
    language: {normalise(n): d for d, n in get_day_names("wide", "format", language).items()}
    for language in LANGUAGES
}
_WIDE_MONTHS = {
    language: {
        normalise(n): m
        for context in ("format", "stand-alone")
        for m, n in get_month_names("wide", context, language).items()
    }
    for language in LANGUAGES
}

# Endings a weekday's full name takes in Latin script: English "Tuesdays", German "dienstags"
# (on Tuesdays) and "Dienstage(n)" (plural), Spanish "sábados", French "mardis".
_LATIN_ENDINGS = ("s", "e", "en")
# Russian weekdays are declined: "во вторник", "в среду", "по вторникам", "по средам",
# "вторники". A name read as its stem (the full name less a final vowel or soft sign) and
# one of these endings.
_RUSSIAN_ENDINGS = ("", "а", "у", "ы", "и", "е", "ам", "ами", "ах", "я", "ю", "ям", "ями", "ях")
# Words that look like a declined weekday and are not: "среди" (among).
_NOT_WEEKDAYS = frozenset({"среди"})


def _russian_stem(name: str) -> str:
    return name[:-1] if name[-1] in "аяеоь" else name


def weekday_readings(word: str) -> dict[str, int]:
    """Language -> weekday (0 is Monday) for each language the word names a weekday in."""
    if word in _NOT_WEEKDAYS:
        return {}
    found = dict(WEEKDAY_NAMES.get(word, {}))
    for language, names in _WIDE_DAYS.items():
        for name, day in names.items():
            if language == "ru":
                stem = _russian_stem(name)
                if word.startswith(stem) and word[len(stem) :] in _RUSSIAN_ENDINGS:
                    found[language] = day
            elif word in (name, *(name + ending for ending in _LATIN_ENDINGS)) or (
                # A full name cut short: "Tues", "Thurs", "Donn", "miérc"; English from two
                # letters as before ("Th"), the others from four ("die", "mit", "son" are
                # words; their usual abbreviations are CLDR's).
                len(word) >= (2 if language == "en" else 4) and name.startswith(word)
            ):
                found[language] = day
    return found


def month_readings(word: str) -> dict[str, int]:
    """Language -> month (1-12) for each language the word names a month in; a full name
    may be cut short from three letters ("Sept", "Dez", "нояб")."""
    found = dict(MONTH_NAMES.get(word, {}))
    if len(word) >= 3:
        for language, names in _WIDE_MONTHS.items():
            for name, month in names.items():
                if name.startswith(word):
                    found.setdefault(language, month)
    return found


def pick(readings: Mapping[str, int], languages: Iterable[str]) -> int | None:
    """The one meaning a word has; where languages differ, the first of `languages` (the
    text's, then the client's) that reads it decides. None when nothing does."""
    meanings = set(readings.values())
    if len(meanings) == 1:
        return meanings.pop()
    for language in languages:
        if language in readings:
            return readings[language]
    return None


# Hand lists: what CLDR doesn't hold.

# Saying that a time is in a part of the day, after or before it: "17 Uhr abends", "abends um
# 7", "5 de la tarde", "5 heures du soir", "в пять вечера", "6 in the evening".
DAY_PARTS: dict[str, dict[str, Part]] = {
    "en": {
        "in the morning": "morning", "morning": "morning", "in the afternoon": "afternoon",
        "afternoon": "afternoon", "in the evening": "evening", "evening": "evening",
        "at night": "night",
    },
    "de": {
        "morgens": "morning", "fruh": "morning", "frueh": "morning", "vormittags": "morning",
        "am vormittag": "morning", "vormittag": "morning", "am morgen": "morning",
        "mittags": "noon", "am mittag": "noon", "nachmittags": "afternoon",
        "am nachmittag": "afternoon", "nachmittag": "afternoon", "abends": "evening",
        "am abend": "evening", "abend": "evening", "nachts": "night", "in der nacht": "night",
    },
    "es": {
        "de la manana": "morning", "por la manana": "morning", "en la manana": "morning",
        "del mediodia": "noon", "de la tarde": "afternoon", "por la tarde": "afternoon",
        "en la tarde": "afternoon", "de la noche": "night", "por la noche": "night",
        "en la noche": "night", "de la madrugada": "night",
    },
    "fr": {
        "du matin": "morning", "le matin": "morning", "matin": "morning",
        "de l'apres-midi": "afternoon", "l'apres-midi": "afternoon", "apres-midi": "afternoon",
        "du soir": "evening", "le soir": "evening", "soir": "evening", "de la nuit": "night",
    },
    "ru": {
        "утра": "morning", "утром": "morning", "дня": "afternoon", "днем": "afternoon",
        "вечера": "evening", "вечером": "evening", "ночи": "night", "ночью": "night",
    },
}  # fmt: skip

# Before a time, meaning "at": "at 5pm", "um 17 Uhr", "a las cinco", "à 17h", "в пять".
AT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("at", "around", "from"),
    "de": ("um", "gegen", "ab"),
    "es": ("a las", "a la", "las", "la", "sobre las", "hacia las"),
    "fr": ("a", "vers", "des"),
    "ru": ("в", "во", "около", "к"),
}

# Noon and midnight by name.
NOON_AND_MIDNIGHT: dict[str, dict[str, int]] = {
    "en": {"noon": 12, "midday": 12, "midnight": 0},
    "de": {"mittag": 12, "mittags": 12, "mitternacht": 0},
    "es": {"mediodia": 12, "medianoche": 0},
    "fr": {"midi": 12, "minuit": 0},
    "ru": {"полдень": 12, "полночь": 0},
}

# The hours as words, for the spoken clock ("halb sechs", "a las cinco", "в пять", "cinq
# heures"); Russian "час" alone is one o'clock ("в час дня").
HOUR_WORDS: dict[str, dict[str, int]] = {
    "en": dict(zip(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                    "ten", "eleven", "twelve"), range(1, 13), strict=True)),
    "de": {"ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "fuenf": 5,
           "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12,
           "zwoelf": 12},
    "es": {"una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
           "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12},
    "fr": {"une": 1, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
           "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12},
    "ru": {"час": 1, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
           "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
           "двенадцать": 12},
}  # fmt: skip

# Minutes as words, in the spoken clock: "zehn nach fünf", "cinco y diez", "cinq heures
# vingt", "пять тридцать".
MINUTE_WORDS: dict[str, dict[str, int]] = {
    "en": {},
    "de": {"funf": 5, "fuenf": 5, "zehn": 10, "viertel": 15, "zwanzig": 20, "dreissig": 30},
    "es": {"cinco": 5, "diez": 10, "cuarto": 15, "veinte": 20, "veinticinco": 25,
           "media": 30, "treinta": 30},
    "fr": {"cinq": 5, "dix": 10, "quart": 15, "vingt": 20, "vingt-cinq": 25, "trente": 30,
           "demie": 30, "demi": 30},
    "ru": {"пять": 5, "десять": 10, "пятнадцать": 15, "двадцать": 20, "тридцать": 30,
           "сорок": 40, "пятьдесят": 50},
}  # fmt: skip

# Russian counts the hour in progress: "полшестого" (half of the sixth) is 5:30, "четверть
# шестого" 5:15. The ordinals, in the genitive.
RUSSIAN_ORDINALS: dict[str, int] = dict(
    zip(
        ("первого", "второго", "третьего", "четвертого", "пятого", "шестого", "седьмого",
         "восьмого", "девятого", "десятого", "одиннадцатого", "двенадцатого"),
        range(1, 13),
        strict=True,
    )
)  # fmt: skip
# "без пяти шесть" (5:55): the minutes before the hour, in the genitive.
RUSSIAN_MINUTES_BEFORE: dict[str, int] = {
    "пяти": 5, "десяти": 10, "пятнадцати": 15, "четверти": 15, "двадцати": 20,
}  # fmt: skip

# Days counted from today. "morgen" is German for tomorrow ("morgens" is in the morning);
# "mañana" Spanish for tomorrow ("de la mañana" is in the morning, above).
RELATIVE_DAYS: dict[str, dict[str, int]] = {
    "en": {"today": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "day after tomorrow": 2,
           "the day after tomorrow": 2, "yesterday": -1, "day before yesterday": -2,
           "the day before yesterday": -2},
    "de": {"heute": 0, "morgen": 1, "ubermorgen": 2, "uebermorgen": 2, "gestern": -1,
           "vorgestern": -2},
    "es": {"hoy": 0, "manana": 1, "pasado manana": 2, "ayer": -1, "anteayer": -2,
           "antier": -2, "antes de ayer": -2, "antes de anoche": -2},
    "fr": {"aujourd'hui": 0, "aujourdhui": 0, "demain": 1, "apres-demain": 2,
           "apres demain": 2, "hier": -1, "avant-hier": -2, "avant hier": -2},
    "ru": {"сегодня": 0, "завтра": 1, "послезавтра": 2, "вчера": -1, "позавчера": -2},
}  # fmt: skip

# A part of the day said with the day: "tomorrow morning", "heute Abend", "heute morgen"
# (this morning), "mañana por la tarde", "demain soir", "завтра вечером".
PARTS_AFTER_A_DAY: dict[str, dict[str, Part]] = {
    "en": {"morning": "morning", "afternoon": "afternoon", "evening": "evening",
           "night": "night"},
    "de": {"morgen": "morning", "fruh": "morning", "frueh": "morning", "vormittag": "morning",
           "mittag": "noon", "nachmittag": "afternoon", "abend": "evening", "nacht": "night"},
    "es": {"por la manana": "morning", "por la tarde": "afternoon", "por la noche": "night",
           "en la manana": "morning", "en la tarde": "afternoon", "en la noche": "night"},
    "fr": {"matin": "morning", "midi": "noon", "apres-midi": "afternoon", "soir": "evening"},
    "ru": {"утром": "morning", "днем": "afternoon", "вечером": "evening", "ночью": "night"},
}  # fmt: skip

# Today, by its part: "this evening", "esta tarde", "ce soir".
THIS_PART: dict[str, dict[str, Part]] = {
    "en": {"this morning": "morning", "this afternoon": "afternoon",
           "this evening": "evening", "tonight": "evening"},
    "de": {},
    "es": {"esta manana": "morning", "esta tarde": "afternoon", "esta noche": "night"},
    "fr": {"ce matin": "morning", "cet apres-midi": "afternoon", "ce soir": "evening",
           "cette nuit": "night"},
    "ru": {},
}  # fmt: skip

# Before a weekday: the coming one ("next Thursday") or the last one ("last Tuesday").
NEXT_BEFORE: dict[str, tuple[str, ...]] = {
    "en": ("next", "coming"),
    "de": ("nachsten", "nachster", "nachste", "naechsten", "naechster", "kommenden",
           "kommender"),
    "es": ("proximo", "proxima"),
    "fr": ("prochain",),
    "ru": ("следующий", "следующую", "следующее", "ближайший", "ближайшую", "ближайшее"),
}  # fmt: skip
LAST_BEFORE: dict[str, tuple[str, ...]] = {
    "en": ("last", "past"),
    "de": ("letzten", "letzter", "letzte", "vergangenen", "vergangener", "vorigen",
           "voriger"),
    "es": ("pasado", "pasada", "ultimo", "ultima"),
    "fr": ("dernier",),
    "ru": ("прошлый", "прошлую", "прошлое", "прошедший", "прошедшую", "прошедшее"),
}  # fmt: skip
# After a weekday: "jeudi prochain", "el jueves que viene", "el martes pasado", "mardi dernier".
NEXT_AFTER: dict[str, tuple[str, ...]] = {
    "en": (), "de": (), "es": ("que viene", "proximo", "proxima"), "fr": ("prochain",),
    "ru": (),
}  # fmt: skip
LAST_AFTER: dict[str, tuple[str, ...]] = {
    "en": (), "de": (), "es": ("pasado", "pasada"), "fr": ("dernier",), "ru": (),
}  # fmt: skip

# Little words before a day that change nothing: "on Thursday", "am Donnerstag", "el
# jueves", "le jeudi", "в четверг", "this Thursday", "diesen Donnerstag", "ce jeudi".
BEFORE_A_DAY: dict[str, tuple[str, ...]] = {
    "en": ("on", "the", "this", "for"),
    "de": ("am", "an", "den", "diesen", "diesem", "fur", "fuer"),
    "es": ("el", "este", "para", "del"),
    "fr": ("le", "ce", "pour"),
    "ru": ("в", "во", "на", "этот", "эту", "это"),
}
# Between the days of a list, or before it: "Tuesdays and Thursdays", "jeden Dienstag und
# Donnerstag", "los martes y jueves", "le mardi et le jeudi", "по вторникам и четвергам".
BETWEEN_DAYS: dict[str, tuple[str, ...]] = {
    "en": ("and", "&", "+", "/", "on", "every", "each", "the", "or"),
    "de": ("und", "&", "+", "/", "am", "an", "jeden", "jede", "immer", "jeweils", "die",
           "den", "sowie", "oder"),
    "es": ("y", "e", "&", "+", "/", "los", "el", "cada", "todos", "o"),
    "fr": ("et", "&", "+", "/", "le", "les", "chaque", "tous", "ou"),
    "ru": ("и", "&", "+", "/", "по", "в", "во", "каждый", "каждую", "каждое", "или"),
}  # fmt: skip
# Between a day of the month and its month: "24 de noviembre".
OF_MONTH = ("de", "of")
# English ordinals after a day of the month ("24th"); French "1er"; Russian "24-го".
DAY_ENDINGS = ("st", "nd", "rd", "th", "er", "-го")


def flat(table: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Every word or phrase of a per-language list."""
    return frozenset(word for entries in table.values() for word in entries)


def _vocabulary() -> dict[str, frozenset[str]]:
    """Word -> the languages it belongs to, from every list above."""
    found: dict[str, set[str]] = {}
    for word, readings in (*WEEKDAY_NAMES.items(), *MONTH_NAMES.items()):
        for language in readings:
            found.setdefault(word, set()).add(language)
    for language in LANGUAGES:
        for table in (*_WORD_TABLES, _WIDE_DAYS, _WIDE_MONTHS):
            for phrase in table[language]:
                for word in phrase.split():
                    found.setdefault(word, set()).add(language)
    return {word: frozenset(languages) for word, languages in found.items()}


_WORD_TABLES: tuple[Mapping[str, Iterable[str]], ...] = (
    DAY_PARTS, AT_WORDS, NOON_AND_MIDNIGHT, HOUR_WORDS, MINUTE_WORDS, RELATIVE_DAYS,
    PARTS_AFTER_A_DAY, THIS_PART, NEXT_BEFORE, LAST_BEFORE, BEFORE_A_DAY, BETWEEN_DAYS,
    {"en": ("half", "past", "quarter", "to", "o'clock", "oclock", "am", "pm"),
     "de": ("halb", "viertel", "dreiviertel", "nach", "vor", "uhr"),
     "es": ("y", "menos", "en", "punto"),
     "fr": ("heure", "heures", "et", "moins", "pile"),
     "ru": ("половина", "половине", "четверть", "без", "ровно", "часа", "часов", "пол")},
)  # fmt: skip
_VOCABULARY = _vocabulary()
_LATIN = re.compile(r"[a-z]")


def languages_of(tokens: Iterable[str], client: str | None = None) -> tuple[str, ...]:
    """The languages a text is in, most likely first: those whose own words it uses (a word
    of one language only counts), then the client's; Cyrillic is Russian."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for token in tokens:
        owners = _VOCABULARY.get(token, frozenset())
        if len(owners) == 1:
            counts[next(iter(owners))] += 1
        elif not owners and not _LATIN.search(token) and re.search("[а-я]", token):
            counts["ru"] += 1
    found = sorted((-n, LANGUAGES.index(lang), lang) for lang, n in counts.items() if n)
    ordered = [lang for _, _, lang in found]
    base = (client or "").split("-")[0].split("_")[0].lower()
    if base in LANGUAGES and base not in ordered:
        ordered.append(base)
    return tuple(ordered)
