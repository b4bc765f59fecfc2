"""`python -m bot catalogue extract|update|init LANG|check`: the translators' catalogues.

extract   write features/locale/messages.pot from the English texts (every feature's
          texts.py); run it after adding or changing a text
update    bring every language's .po in step with the template (new texts empty, changed
          ones kept but marked fuzzy with the old English beside them)
init LANG start a language: features/locale/LANG/LC_MESSAGES/messages.po, empty, with
          Babel's plural rules for it
check     the template is up to date, and every language is complete (what's missing,
          placeholders and tags as the English has them, plural forms): 0 when all is well
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError

from features import router
from features.kernel import catalogue


def main(argv: list[str], locale_dir: Path = router.LOCALE) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot catalogue", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("action", choices=["extract", "update", "init", "check"])
    parser.add_argument("language", nargs="?", help="init: the language's two-letter code (de, pt)")
    args = parser.parse_args(argv)
    if args.action == "extract":
        return extract(locale_dir)
    if args.action == "update":
        return update(locale_dir)
    if args.action == "init":
        if not args.language:
            parser.error("init needs a language: python -m bot catalogue init de")
        return init(locale_dir, args.language)
    return check(locale_dir)


def template() -> Catalog:
    return catalogue.template(router.ROUTER.texts, router.origins())


def extract(locale_dir: Path) -> int:
    """Write the template, unless it already holds exactly these texts (its date stays)."""
    path = catalogue.template_path(locale_dir)
    pot = template()
    if path.exists() and catalogue.same_entries(catalogue.read(path), pot):
        print(f"{path}: up to date ({len(pot)} texts)")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalogue.render_po(pot))
    print(f"{path}: {len(pot)} texts. Now: python -m bot catalogue update")
    return 0


def update(locale_dir: Path) -> int:
    pot = template()
    for language in catalogue.languages(locale_dir):
        path = catalogue.po_path(locale_dir, language)
        updated = catalogue.update(catalogue.read(path, language), pot)
        path.write_bytes(catalogue.render_po(updated))
        fuzzy = sum(1 for m in catalogue.entries(updated).values() if "fuzzy" in m.flags)
        empty = sum(1 for m in catalogue.entries(updated).values() if not _filled(m.string))
        print(f"{path}: {len(pot)} texts, {empty} untranslated, {fuzzy} fuzzy")
    return 0


def init(locale_dir: Path, language: str) -> int:
    if not (len(language) == 2 and language.isalpha() and language.islower()):
        # Telegram's "pt-BR" is spoken as "pt" (features/kernel/texts.py language_for), and
        # Telegram registers menus by two-letter codes.
        print(f"{language!r}: give the two-letter language code (pt, not pt_BR)", file=sys.stderr)
        return 2
    path = catalogue.po_path(locale_dir, language)
    if path.exists():
        print(f"{path} exists already: python -m bot catalogue update", file=sys.stderr)
        return 2
    try:
        new = catalogue.new_catalogue(template(), language)
    except ValueError as problem:
        print(str(problem), file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalogue.render_po(new))
    print(f"{path}: {len(new)} texts to translate ({new.plural_forms})")
    return 0


def check(locale_dir: Path) -> int:
    """Every problem, one per line; 1 when there is any."""
    found = 0
    path = catalogue.template_path(locale_dir)
    if not path.exists() or not catalogue.same_entries(catalogue.read(path), template()):
        print(f"{path}: not up to date with the English: python -m bot catalogue extract")
        found += 1
    for language in catalogue.languages(locale_dir):
        try:
            translation = catalogue.load(catalogue.po_path(locale_dir, language), language)
        except PoFileError as unreadable:
            print(f"{language}: the file can't be read: {unreadable}")
            found += 1
            continue
        problems = catalogue.problems(router.ROUTER.texts, translation, router.LIMITS)
        for problem in problems:
            print(f"{language}: {problem}")
        found += len(problems)
        if not problems:
            print(f"{language}: complete")
    return 1 if found else 0


def _filled(string: object) -> bool:
    if isinstance(string, str):
        return bool(string)
    return all(string) if isinstance(string, list | tuple) else False
