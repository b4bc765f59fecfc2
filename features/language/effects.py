"""What /language changes."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class SetLanguage(Change):
    """Speak this language with the client from now on (a code: "de")."""

    language: str
