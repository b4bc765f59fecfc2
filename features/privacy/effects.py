"""What privacy stores: nothing left, when the client erases everything."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class EraseClient(Change):
    """Erase everything about the client, in every table."""
