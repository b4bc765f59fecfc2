"""Which reflections `/summary` looks at: `/summary` (the last 30 days, and at least the
last 4 sessions), `/summary 90` (days) or `/summary all`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from features.common.lexicon import normalise

DEFAULT_DAYS = 30
DEFAULT_SESSIONS = 4
# Ten years: anything further back is a typing slip, and /summary all covers it.
MAX_DAYS = 3660
# "/summary all", and the same in German, Spanish, French and Russian.
_ALL = frozenset({"all", "everything", "alle", "alles", "todo", "todos", "tout", "tous", "все"})
# "/summary 90 days": the word for days after the number, in the same languages.
_DAYS = re.compile(r"(.*?)\s*(?:days?|d|tage|tagen|t|dias|dia|jours|jour|j|дней|дня|день|д)?")


@dataclass(frozen=True, slots=True)
class Window:
    """A span of days back from today (None: everything), with a floor of sessions."""

    days: int | None = DEFAULT_DAYS
    at_least: int = DEFAULT_SESSIONS

    @property
    def key(self) -> str:
        """How page buttons name the window: "" (the default), "all" or a number of days."""
        if self.days is None:
            return "all"
        if self == DEFAULT:
            return ""
        return str(self.days)


DEFAULT = Window()
ALL = Window(days=None, at_least=0)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why the words after /summary couldn't be used: "usage" or "too_far"."""

    reason: str


def parse(args: str) -> Window | Unreadable:
    """The window the client asked for, or why it couldn't be read."""
    words = normalise(args)
    if not words:
        return DEFAULT
    if words in _ALL:
        return ALL
    days_typed = _DAYS.fullmatch(words)
    digits = days_typed[1] if days_typed else words
    if not digits.isdecimal() or not digits.isascii():
        return Unreadable("usage")
    days = int(digits)
    if days < 1:
        return Unreadable("usage")
    if days > MAX_DAYS:
        return Unreadable("too_far")
    return Window(days=days, at_least=0)


def from_key(key: str) -> Window | None:
    """The window a page button names, or None if the button is not one of ours."""
    if key == "":
        return DEFAULT
    found = parse(key)
    return found if isinstance(found, Window) else None
