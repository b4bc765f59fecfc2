"""Inline keyboards from the flows' plain button descriptions."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from features.kernel.texts import plain
from features.kernel.vocabulary import Button


def keyboard(rows: tuple[tuple[Button, ...], ...], language: str) -> InlineKeyboardMarkup | None:
    """The inline keyboard for these rows of buttons, or None for no buttons."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(plain(b.label, language, **b.args), callback_data=b.data)
                for b in row
            ]
            for row in rows
        ]
    )
