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

from features.kernel.feature import CommandInfo
from features.kernel.vocabulary import Arg, Ref

DEFAULT_LANGUAGE = "en"

_TAGS = re.compile(r"<[^>]+>")

# Language -> text id -> text. Filled in place by `install`, so that a reference taken
# before (`from features.kernel.texts import CATALOGUE`) sees it.
CATALOGUE: dict[str, dict[str, str]] = {}
# The commands /help lists, in menu order.
_MENU: list[CommandInfo] = []


class NotInstalled(LookupError):
    """A text was rendered before features.router installed the catalogue."""


def install(
    texts: Mapping[str, str], menu: Iterable[CommandInfo], language: str = DEFAULT_LANGUAGE
) -> None:
    """Make `texts` the catalogue for `language` and `menu` the commands /help lists."""
    CATALOGUE[language] = dict(texts)
    _MENU[:] = menu


def render(text_id: str, language: str = DEFAULT_LANGUAGE, **args: Arg) -> str:
    """The text for `text_id` in `language` (English when missing). Plain string arguments
    are escaped (they may be the client's words); catalogue references render as markup."""
    if DEFAULT_LANGUAGE not in CATALOGUE:
        raise NotInstalled("no catalogue: import features.router first, it installs it")
    texts = CATALOGUE.get(language, CATALOGUE[DEFAULT_LANGUAGE])
    template = texts.get(text_id, CATALOGUE[DEFAULT_LANGUAGE][text_id])
    values = {key: _value(value, language) for key, value in args.items()}
    if "{commands}" in template:
        # The command list is markup we make ourselves, from the menu.
        values["commands"] = command_list(language)
    return template.format_map(values)


def _value(arg: Arg, language: str) -> str:
    if isinstance(arg, str):
        return html.escape(arg, quote=False)
    if isinstance(arg, Ref):
        return render(arg.text, language, **arg.args)
    return "\n".join(render(ref.text, language, **ref.args) for ref in arg)


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
