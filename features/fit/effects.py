"""What /fit stores: a check begun, each choice, the check finished."""

from __future__ import annotations

from dataclasses import dataclass

from features.kernel.vocabulary import Change


@dataclass(frozen=True, slots=True)
class StartFit(Change):
    """Begin the client's `serial`-th /fit check."""

    serial: int
    seeing_therapist: bool


@dataclass(frozen=True, slots=True)
class SaveFitChoice(Change):
    """Store the client's choice for one item of a /fit check ("skip" for a skip)."""

    serial: int
    item: str
    choice: str


@dataclass(frozen=True, slots=True)
class FinishFit(Change):
    """Close a /fit check: its answers become the one the next check is compared with."""

    serial: int
