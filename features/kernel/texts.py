"""Every sentence the bot says, rendered from one catalogue keyed by purpose, ready for
translation.

Each feature keeps its own texts (features/<feature>/texts.py, named in its `Feature`).
This module imports no feature: features/router.py merges every feature's texts (an id
defined twice is an error there) and installs the catalogue and the command menu here when
it is imported, which every way into the bot does first (bot/app.py, the handlers, tests).
Rendering before that is a programming error and says so.

Texts are Telegram HTML. Arguments are escaped when rendered, so whatever they carry (a time
zone, one day a client's own words) can never break the markup or inject any.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from features.kernel import formats
from features.kernel.catalogue import Translation
from features.kernel.feature import CommandInfo
from features.kernel.vocabulary import Arg, Day, Listed, Plural, Ref, Weekday, Wording

DEFAULT_LANGUAGE = "en"

_TAGS = re.compile(r"<[^>]+>")

# Language -> text id -> text. Filled in place by `install`, so that a reference taken
# before (`from features.kernel.texts import CATALOGUE`) sees it. English is the source and
# is complete; another language holds what its catalogue translated (features/locale/).
CATALOGUE: dict[str, dict[str, Wording]] = {}
# The other languages' catalogues as read (their plural rules with them).
TRANSLATIONS: dict[str, Translation] = {}
# The languages a client may choose: English, and each whose catalogue is complete.
OFFERED: list[str] = []
# The commands /help lists, in menu order.
_MENU: list[CommandInfo] = []


class NotInstalled(LookupError):
    """A text was rendered before features.router installed the catalogue."""


def install(
    texts: Mapping[str, Wording],
    menu: Iterable[CommandInfo],
    translations: Mapping[str, Translation] = {},
    complete: Iterable[str] = (),
) -> None:
    """Make `texts` the English catalogue, `translations` the other languages (`complete`
    those offered to clients) and `menu` the commands /help lists."""
    CATALOGUE.clear()
    CATALOGUE[DEFAULT_LANGUAGE] = dict(texts)
    TRANSLATIONS.clear()
    TRANSLATIONS.update(translations)
    OFFERED[:] = [DEFAULT_LANGUAGE, *sorted(set(complete) - {DEFAULT_LANGUAGE})]
    _MENU[:] = menu


def language_for(tag: str | None) -> str:
    """The language to speak with someone whose language is `tag` (stored, or Telegram's:
    "de", "de-AT", "pt_BR"): its base language when offered, English otherwise."""
    base = (tag or "").replace("_", "-").split("-", 1)[0].lower()
    return base if base in OFFERED else DEFAULT_LANGUAGE


def offered() -> tuple[str, ...]:
    """The languages a client may choose, English first."""
    return tuple(OFFERED)


def render(text_id: str, language: str = DEFAULT_LANGUAGE, **args: Arg) -> str:
    """The text for `text_id` in `language` (English when it has no translation). Plain
    string arguments are escaped (they may be the client's words); catalogue references
    render as markup; dates, weekdays, lists and numbers as the language writes them."""
    if DEFAULT_LANGUAGE not in CATALOGUE:
        raise NotInstalled("no catalogue: import features.router first, it installs it")
    english = CATALOGUE[DEFAULT_LANGUAGE][text_id]
    # A client's stored language, or Telegram's tag ("de-AT"), as one we speak.
    language = language_for(language)
    translation = TRANSLATIONS.get(language)
    translated = translation.texts.get(text_id) if translation is not None else None
    if translation is None or translated is None:
        language = DEFAULT_LANGUAGE  # the whole text in English, its dates too
        template = _english_form(english, args)
    elif isinstance(translated, tuple):
        template = translated[translation.plural(_count(english, args))]
    else:
        template = translated
    values = {key: written(value, language) for key, value in args.items()}
    if "{commands}" in template:
        # The command list is markup we make ourselves, from the menu.
        values["commands"] = command_list(language)
    return template.format_map(values)


def _english_form(entry: Wording, args: Mapping[str, Arg]) -> str:
    if isinstance(entry, Plural):
        return entry.one if _count(entry, args) == 1 else entry.other
    return entry


def _count(entry: Wording, args: Mapping[str, Arg]) -> int:
    """The number that chooses a plural text's form (-1, which takes the general form, when
    it isn't one)."""
    value = args.get(entry.count) if isinstance(entry, Plural) else None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdecimal() else -1


def written(arg: Arg, language: str = DEFAULT_LANGUAGE) -> str:
    """An argument as it is written into a text in `language`."""
    if isinstance(arg, str):
        return html.escape(arg, quote=False)
    if isinstance(arg, int):
        return formats.format_number(arg, language)
    if isinstance(arg, Ref):
        return render(arg.text, language, **arg.args)
    if isinstance(arg, Day):
        if arg.at is not None:
            return formats.format_moment(arg.day, arg.at, language)
        if arg.month:
            return formats.month_year(arg.day, language)
        if arg.short:
            return formats.compact_day(arg.day, language, year=arg.year, weekday=arg.weekday)
        return formats.format_day(arg.day, language, year=arg.year, weekday=arg.weekday)
    if isinstance(arg, Weekday):
        return formats.weekday_name(arg.number, language, short=arg.short)
    if isinstance(arg, Listed):
        items = [written(item, language) for item in arg.items]
        if arg.separator is not None:
            return arg.separator.join(items)
        if arg.alternatives:
            return formats.format_alternatives(items, language)
        return formats.format_list(items, language)
    return "\n".join(render(ref.text, language, **ref.args) for ref in arg)


def forms(entry: Wording | tuple[str, ...]) -> tuple[str, ...]:
    """Every wording of a catalogue entry: one, or each plural form."""
    if isinstance(entry, Plural):
        return (entry.one, entry.other)
    return entry if isinstance(entry, tuple) else (entry,)


def menu_names() -> tuple[str, ...]:
    """The names of the commands in the menu (without the slash), in menu order."""
    return tuple(command.name for command in _MENU)


def command_list(language: str = DEFAULT_LANGUAGE) -> str:
    """One line per command: "/name - what it does"."""
    return "\n".join(
        f"/{command.name} - {render(command.description, language)}" for command in _MENU
    )


def plain(text_id: str, language: str = DEFAULT_LANGUAGE, **args: Arg) -> str:
    """A catalogue text without markup, for places that don't take HTML (menu, toasts)."""
    return html.unescape(_TAGS.sub("", render(text_id, language, **args)))
