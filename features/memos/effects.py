"""What memos store: something the client wants to bring up, for their next note."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class KeepMemo(Change):
    """Keep these words for the client's next note (encrypted, as everything they write)."""

    text: str


@dataclass(frozen=True, slots=True)
class ForgetHeld(Change):
    """The words held for the client's choice were dropped, not kept: the state is saved
    without them, and the database's files are scrubbed of the copy written while they
    were held (as after an erase), so nothing of them stays readable."""
