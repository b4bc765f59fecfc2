"""Every sentence the bot says, keyed by purpose, in one catalogue ready for translation.

Texts are Telegram HTML. Arguments are escaped when rendered, so whatever they carry (a time
zone, one day a client's own words) can never break the markup or inject any.
"""

from __future__ import annotations

import html
import re

from features.fit import texts as fit
from features.kernel import catalogue as core
from features.kernel.commands import COMMANDS
from features.kernel.vocabulary import Arg, Ref
from features.review import texts as review
from features.safety import texts as safety

DEFAULT_LANGUAGE = "en"

_TAGS = re.compile(r"<[^>]+>")


def _merged(*parts: dict[str, str]) -> dict[str, str]:
    """One language's catalogue from its per-feature parts; an id may be defined once only."""
    merged: dict[str, str] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"text ids defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


CATALOGUE: dict[str, dict[str, str]] = {"en": _merged(core.EN, fit.EN, review.EN, safety.EN)}


def render(text_id: str, language: str = DEFAULT_LANGUAGE, **args: Arg) -> str:
    """The text for `text_id` in `language` (English when missing). Plain string arguments
    are escaped (they may be the client's words); catalogue references render as markup."""
    texts = CATALOGUE.get(language, CATALOGUE[DEFAULT_LANGUAGE])
    template = texts.get(text_id, CATALOGUE[DEFAULT_LANGUAGE][text_id])
    values = {key: _value(value, language) for key, value in args.items()}
    if "{commands}" in template:
        # The command list is markup we make ourselves, from COMMANDS.
        values["commands"] = command_list(language)
    return template.format_map(values)


def _value(arg: Arg, language: str) -> str:
    if isinstance(arg, str):
        return html.escape(arg, quote=False)
    if isinstance(arg, Ref):
        return render(arg.text, language, **arg.args)
    return "\n".join(render(ref.text, language, **ref.args) for ref in arg)


def command_list(language: str = DEFAULT_LANGUAGE) -> str:
    """One line per command: "/name - what it does"."""
    return "\n".join(
        f"/{command.name} - {render(command.description, language)}" for command in COMMANDS
    )


def plain(text_id: str, language: str = DEFAULT_LANGUAGE, **args: Arg) -> str:
    """A catalogue text without markup, for places that don't take HTML (menu, toasts)."""
    return html.unescape(_TAGS.sub("", render(text_id, language, **args)))
