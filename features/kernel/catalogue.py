"""The catalogues a translator works in: gettext `.po` files through Babel, made from the
English texts (each feature's texts.py stays the source).

features/locale/messages.pot        the template: every English text, made by `extract`
features/locale/<lang>/LC_MESSAGES/messages.po   one language, made by `init`, kept in step
                                    with the template by `update`

Each entry's `msgctxt` is its text id ("summary.none") and its `msgid` the English words, so a
translator reads English while the ids stay stable: `update` matches a translation to its
text by the id, and when the English changes it keeps the translation, marked fuzzy, with the
old English beside it (`#| msgid`) to compare. A fuzzy or empty entry counts as missing. A text
that changes with a number (`Plural`) has the English `one` as `msgid` and `other` as
`msgid_plural`, and one `msgstr[i]` per form of the language's `Plural-Forms`.

The bot reads the `.po` files themselves at start (`load`): nothing to compile, nothing
binary in the repository, no compiled file that can fall behind its source, and nothing to
add to an install (CI, the container) beyond the package's own files.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from string import Formatter

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from features.kernel.vocabulary import Plural, Wording

DOMAIN = "messages"
PROJECT = "reflection-companion"
BRACE_FORMAT = "python-brace-format"
# Wide enough that most texts stay on one line: a reviewer reads a whole sentence at once.
WIDTH = 100
# How far the plural rules are tried when checking a form may leave its number out.
_COUNTS = range(1000)

_TAGS = re.compile(r"<[^>]+>")
# What a translator should know of a text from where it appears (its id's start).
_HINTS = (
    ("button.", "A button: keep it short, a few words."),
    ("toast.", "A brief notice over the chat after a tap: up to 200 characters."),
    ("command.", "The command's line in Telegram's menu and in /help: short, no full stop."),
    ("bot.", "What Telegram shows of the bot (plain text, no tags)."),
)
_HEADER = """\
# The English texts of the reflection companion, to translate.
# msgctxt is the text's id (never translate it); msgid is the English.
# Keep every {placeholder} exactly as it is and every <b>, <i>, <u>, <s> tag.
# Made by `python -m bot catalogue extract`: never edit this file by hand."""


@dataclass(frozen=True, slots=True)
class Translation:
    """One language's catalogue as the bot reads it: every translated text by id (a plural
    one as its forms, in `Plural-Forms` order), and which form a number takes."""

    language: str
    texts: Mapping[str, str | tuple[str, ...]]
    plural: Callable[[int], int]
    forms: int


def template_path(locale_dir: Path) -> Path:
    return locale_dir / f"{DOMAIN}.pot"


def po_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(locale_dir: Path) -> tuple[str, ...]:
    """The languages with a catalogue in `locale_dir`, sorted."""
    return tuple(
        sorted(p.parent.parent.name for p in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    )


def placeholders(text: str) -> frozenset[str]:
    """The {names} a text fills in."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)


def tags(text: str) -> list[str]:
    """The HTML tags of a text, sorted (the order may change with the language's word order)."""
    return sorted(_TAGS.findall(text))


def translatable(english: Mapping[str, Wording]) -> dict[str, Wording]:
    """The texts to translate: all but the empty ones (a text that says nothing in English,
    to keep a sentence whole, says nothing in any language; gettext keeps msgid "" for
    the header)."""
    return {key: entry for key, entry in english.items() if entry != ""}


def template(english: Mapping[str, Wording], origins: Mapping[str, str]) -> Catalog:
    """The `.pot`: every English text, sorted by id, with the file it comes from."""
    catalog = Catalog(project=PROJECT, header_comment=_HEADER, fuzzy=False)
    for text_id in sorted(translatable(english)):
        entry = english[text_id]
        words = entry.other if isinstance(entry, Plural) else entry
        flags = [BRACE_FORMAT] if _all_placeholders(entry) else []
        comments = [hint for prefix, hint in _HINTS if text_id.startswith(prefix)][:1]
        if isinstance(entry, Plural):
            comments.append(f"The form is chosen by {{{entry.count}}}.")
        catalog.add(
            (entry.one, entry.other) if isinstance(entry, Plural) else words,
            string=("", "") if isinstance(entry, Plural) else "",
            # No line number: the template doesn't change when a line moves.
            locations=[(origins[text_id], None)] if text_id in origins else [],  # type: ignore[list-item]
            flags=flags,
            auto_comments=comments,
            context=text_id,
        )
    return catalog


def render_po(catalog: Catalog) -> bytes:
    """A catalogue as the bytes of its file."""
    out = BytesIO()
    write_po(out, catalog, width=WIDTH, include_lineno=False, include_previous=True)
    return out.getvalue()


def read(path: Path, language: str | None = None, *, strict: bool = True) -> Catalog:
    """A .po or .pot file. `strict`: an entry gettext would refuse (more plural forms than
    the language has, say) is an error (PoFileError); otherwise it is left out, so the bot
    starts with the rest."""
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN, abort_invalid=strict)


def entries(catalog: Catalog) -> dict[str, Message]:
    """The catalogue's live entries by text id (its msgctxt); obsolete ones are left out."""
    return {m.context: m for m in catalog if m.id and m.context}


def same_entries(one: Catalog, other: Catalog) -> bool:
    """Whether two templates hold the same texts (their dates aside)."""

    def key(catalog: Catalog) -> list[tuple[object, ...]]:
        return [
            (m.context, m.id, sorted(m.flags), m.locations, m.auto_comments)
            for m in entries(catalog).values()
        ]

    return key(one) == key(other)


def new_catalogue(pot: Catalog, language: str) -> Catalog:
    """A new, empty catalogue for `language` from the template, with its CLDR plural rules."""
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError) as problem:
        raise ValueError(f"{language!r} is not a language Babel knows") from problem
    catalog = Catalog(locale=locale, project=PROJECT, fuzzy=False)
    catalog.update(pot, no_fuzzy_matching=True)
    return catalog


def update(catalog: Catalog, pot: Catalog) -> Catalog:
    """`catalog` in step with the template, matched by text id: a new text comes in empty; a
    text whose English changed keeps its translation, marked fuzzy, with the old English as
    `previous_id` to compare; a text gone from the template is kept as obsolete (`#~`)."""
    old = entries(catalog)
    updated = Catalog(locale=catalog.locale, project=PROJECT, fuzzy=False)
    updated.header_comment = catalog.header_comment
    # Its own headers: Plural-Forms (as the file says), the translator, the dates.
    updated.mime_headers = catalog.mime_headers
    updated.creation_date = pot.creation_date  # the template's, as pybabel update does
    forms = updated.num_plurals
    for text_id, new in entries(pot).items():
        was = old.get(text_id)
        string: str | tuple[str, ...] = ("",) * forms if new.pluralizable else ""
        flags = set(new.flags)
        previous: list[str] = []
        if was is not None and _translated(was.string):
            string = _reshaped(was.string, new.pluralizable, forms)
            if was.id != new.id:
                flags.add("fuzzy")
                previous = list(_as_tuple(was.id))
            elif "fuzzy" in was.flags:
                flags.add("fuzzy")
                previous = list(was.previous_id)
        updated.add(
            new.id,
            string=string,
            locations=new.locations,
            flags=flags,
            auto_comments=new.auto_comments,
            user_comments=was.user_comments if was is not None else [],
            previous_id=previous,
            context=text_id,
        )
    live = entries(updated)
    gone = [m for m in [*old.values(), *catalog.obsolete.values()] if m.context not in live]
    for message in gone:
        if message.context and _translated(message.string):
            updated.obsolete[(_as_tuple(message.id)[0], message.context)] = message
    return updated


def load(path: Path, language: str, *, strict: bool = True) -> Translation:
    """A language's catalogue for the bot: its translated entries (not fuzzy, every form
    filled in) by id."""
    catalog = read(path, language, strict=strict)
    texts: dict[str, str | tuple[str, ...]] = {}
    for text_id, message in entries(catalog).items():
        if "fuzzy" in message.flags or not _translated(message.string, all_forms=True):
            continue
        texts[text_id] = _as_tuple(message.string) if message.pluralizable else str(message.string)
    return Translation(
        language=language,
        texts=texts,
        plural=gettext.c2py(catalog.plural_expr),
        forms=catalog.num_plurals,
    )


def load_all(locale_dir: Path, *, strict: bool = True) -> dict[str, Translation]:
    """Every language's catalogue in `locale_dir` (see `read` for `strict`)."""
    return {
        lang: load(po_path(locale_dir, lang), lang, strict=strict) for lang in languages(locale_dir)
    }


def problems(
    english: Mapping[str, Wording],
    translation: Translation,
    limits: Mapping[str, int] = {},
) -> list[str]:
    """What keeps a language from being complete: a text missing (untranslated or fuzzy), an
    id English doesn't have, a placeholder or tag set unlike the English, a plural text with
    the wrong number of forms, a text longer than Telegram takes (`limits`: characters by
    id). Empty: the language is complete."""
    found: list[str] = []
    for text_id, limit in sorted(limits.items()):
        translated = translation.texts.get(text_id)
        longest = max((len(form) for form in _as_tuple(translated)), default=0)
        if longest > limit:
            found.append(f"{text_id}: {longest} characters, Telegram takes {limit}")
    english = translatable(english)
    missing = sorted(english.keys() - translation.texts.keys())
    if missing:
        found.append(f"{len(missing)} texts missing or fuzzy: {', '.join(missing)}")
    for text_id in sorted(translation.texts.keys() - english.keys()):
        found.append(f"{text_id}: no such text in English (run `update`)")
    for text_id in sorted(translation.texts.keys() & english.keys()):
        found.extend(
            f"{text_id}: {p}" for p in _differences(english[text_id], translation, text_id)
        )
    return found


def _differences(entry: Wording, translation: Translation, text_id: str) -> Iterable[str]:
    translated = translation.texts[text_id]
    if not isinstance(entry, Plural):
        if isinstance(translated, tuple):
            yield "English has one form, the translation plural forms"
            return
        yield from _compare(entry, translated, placeholders(entry), "")
        return
    if not isinstance(translated, tuple):
        yield "English changes with a number, the translation doesn't: run `update`"
        return
    if len(translated) != translation.forms:
        yield f"{len(translated)} plural forms, Plural-Forms says {translation.forms}"
        return
    expected = _all_placeholders(entry)
    shows_count = entry.count in placeholders(entry.other)
    for index, form in enumerate(translated):
        # A form said of 1 alone may say "one" in words; a count English never shows (it
        # only chooses the form) needn't be shown either.
        alone = index in _said_of_one_alone(translation.plural, translation.forms)
        optional = entry.count if not shows_count or alone else ""
        if alone:
            # Said of 1 alone, as English's `one`: it needs what that form says, and may say
            # what the other says ("the one week before {first}" needs no {last}).
            have = placeholders(form) - {optional}
            needed = placeholders(entry.one) - {optional}
            if not needed <= have <= expected:
                yield (
                    f"form {index}: placeholders {sorted(have)} where English's form for 1 has "
                    f"{sorted(needed)}"
                )
            yield from _compare(entry.other, form, have | {optional}, f"form {index}: ", optional)
            continue
        yield from _compare(entry.other, form, expected, f"form {index}: ", optional)


def _compare(
    english: str, translated: str, wanted: frozenset[str], where: str, optional: str = ""
) -> Iterable[str]:
    have = placeholders(translated) - {optional}
    if have != wanted - {optional}:
        yield (
            f"{where}placeholders {sorted(have)} where English has {sorted(wanted - {optional})}"
        )
    if tags(translated) != tags(english):
        yield f"{where}tags {tags(translated)} where English has {tags(english)}"
    # gettext's own check: the layout leans on them (a line that follows another).
    for end, has in (("begins", str.startswith), ("ends", str.endswith)):
        if has(english, "\n") and not has(translated, "\n"):
            yield f"{where}{end} without the line break English {end} with"
        if has(translated, "\n") and not has(english, "\n"):
            yield f"{where}{end} with a line break English {end} without"


@cache
def _said_of_one_alone(plural: Callable[[int], int], forms: int) -> frozenset[int]:
    """The plural forms used for the number 1 and no other."""
    said: dict[int, list[int]] = {index: [] for index in range(forms)}
    for n in _COUNTS:
        said.setdefault(plural(n), []).append(n)
    return frozenset(index for index, numbers in said.items() if numbers == [1])


def _all_placeholders(entry: Wording) -> frozenset[str]:
    if isinstance(entry, Plural):
        return placeholders(entry.one) | placeholders(entry.other)
    return placeholders(entry)


def _translated(string: object, *, all_forms: bool = False) -> bool:
    if isinstance(string, str):
        return bool(string)
    forms = list(string) if isinstance(string, list | tuple) else []
    return all(forms) if all_forms else any(forms)


def _as_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _reshaped(string: object, plural: bool, forms: int) -> str | tuple[str, ...]:
    """A kept translation in the shape its text has now (one string, or `forms` forms)."""
    values = _as_tuple(string)
    if not plural:
        return values[-1] if values else ""
    return tuple(values[i] if i < len(values) else values[-1] for i in range(forms))
