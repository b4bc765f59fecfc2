"""The table of emulated Bot API methods, matched case-insensitively as Telegram does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from emulator.params import Params
from emulator.world import World

Handler = Callable[[World, Params], Awaitable[Any]]

_METHODS: dict[str, tuple[str, Handler]] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under its canonical Bot API name."""

    def register(handler: Handler) -> Handler:
        _METHODS[name.lower()] = (name, handler)
        return handler

    return register


def lookup(name: str) -> tuple[str, Handler] | None:
    """(canonical name, handler) for a method name in any letter case."""
    return _METHODS.get(name.lower())


def canonical(name: str) -> str:
    """The canonical spelling of a known method, or the name as given."""
    found = _METHODS.get(name.lower())
    return found[0] if found else name
