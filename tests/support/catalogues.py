"""Test-only catalogues: a complete "translation" made from the English template, each
text marked with its language ("[de] Hello, and welcome."), so a test can tell which
language the bot spoke, and its dates come out in that language. Nothing here ships."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog

from features import router
from features.kernel import catalogue


def pseudo_catalogue(language: str) -> Catalog:
    """Every text of the template, "translated" as "[language] English" (each plural form
    the English `other`, which carries every placeholder)."""
    made = catalogue.new_catalogue(catalogue.template(router.ROUTER.texts, {}), language)
    for message in catalogue.entries(made).values():
        if message.pluralizable:
            other = _marked(message.id[1], language)
            message.string = tuple(other for _ in range(made.num_plurals))
        else:
            message.string = _marked(str(message.id), language)
    return made


def _marked(text: str, language: str) -> str:
    """The text with its language's mark, after any line breaks it begins with (which a
    translation keeps, as gettext's checks require)."""
    words = text.lstrip("\n")
    return f"{text[: len(text) - len(words)]}[{language}] {words}"


def write_pseudo(locale_dir: Path, language: str, catalog: Catalog | None = None) -> Path:
    """A pseudo catalogue (or `catalog`) written where the bot looks for `language`."""
    path = catalogue.po_path(locale_dir, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalogue.render_po(catalog or pseudo_catalogue(language)))
    return path


@contextmanager
def catalogues_from(locale_dir: Path) -> Iterator[None]:
    """The bot's texts with the translations in `locale_dir`, then the shipped ones again."""
    router.use_catalogues(locale_dir)
    try:
        yield
    finally:
        router.use_catalogues()
