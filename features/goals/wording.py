"""How the client's own words sit inside a sentence of ours."""

from __future__ import annotations

# What already closes a sentence: no full stop after it ("Did I say what I meant?.").
_CLOSING = (".", "?", "!", "\u2026")


def stop_after(text: str) -> str:
    """The full stop that ends our sentence after the client's words, unless theirs end one."""
    return "" if text.rstrip().endswith(_CLOSING) else "."
