"""What /fit asks, in order: the client's preferences, what it is like with their therapist
on the same dimensions, and the qualities of a good fit (from the seeds in shared/seeds).

Item ids and choice codes are stored in the client's checks: never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from features.kernel.vocabulary import Ref


class Part(StrEnum):
    """Which part of the checklist an item belongs to."""

    PREFERENCE = "pref"  # what the client would like
    EXPERIENCE = "exp"  # what it is like with their therapist, on the same dimension
    QUALITY = "quality"  # yes / somewhat / no / not sure


# Dimensions with two poles ("a" and "b"), from seed 004 and a few in the same spirit.
DIMENSIONS = ("style", "talk", "work", "structure", "challenge")
# The qualities a good therapist shows (seed 000), and plainly: does it feel right (seed 004).
QUALITIES = ("safe", "reliable", "goals", "mirror", "feedback", "feels_right")

SKIP = "skip"
BOTH = "both"
NO_PREFERENCE = "none"
UNSURE = "unsure"
POLES = ("a", "b")
YES, SOMEWHAT, NO = "yes", "somewhat", "no"

_CHOICES: dict[Part, tuple[str, ...]] = {
    Part.PREFERENCE: ("a", "b", BOTH, NO_PREFERENCE),
    Part.EXPERIENCE: ("a", "b", BOTH, UNSURE),
    Part.QUALITY: (YES, SOMEWHAT, NO, UNSURE),
}


@dataclass(frozen=True, slots=True)
class Item:
    """One question of the checklist: its stored id, its part, and the dimension or
    quality it asks about."""

    id: str
    part: Part
    topic: str

    @property
    def choices(self) -> tuple[str, ...]:
        """The choice codes its buttons carry (besides Back and Skip)."""
        return _CHOICES[self.part]

    @property
    def question(self) -> Ref:
        """The question, as the client reads it."""
        return Ref(f"fit.q.{self.id}")

    @property
    def hint(self) -> Ref:
        """A line under the question saying what it means, in plain words."""
        return Ref(f"fit.hint.{self.id}")

    @property
    def label(self) -> Ref:
        """A short name for lists: the result, what changed, an export."""
        return Ref(f"fit.label.{self.id}")


PREFERENCES = tuple(Item(f"pref.{d}", Part.PREFERENCE, d) for d in DIMENSIONS)
EXPERIENCES = tuple(Item(f"exp.{d}", Part.EXPERIENCE, d) for d in DIMENSIONS)
QUALITY_ITEMS = tuple(Item(f"q.{q}", Part.QUALITY, q) for q in QUALITIES)
# Every item, in the order a client who sees a therapist walks them.
ITEMS: tuple[Item, ...] = (*PREFERENCES, *EXPERIENCES, *QUALITY_ITEMS)
BY_ID: dict[str, Item] = {item.id: item for item in ITEMS}


def items_for(seeing_therapist: bool) -> tuple[Item, ...]:
    """The walk: everything, or (before the first session) the preferences alone."""
    return ITEMS if seeing_therapist else PREFERENCES


def said_label(item: Item, choice: str) -> Ref:
    """A choice as it reads inside a sentence ("you'd like responding throughout")."""
    if choice in POLES:
        return Ref(f"fit.said.{item.topic}.{choice}")
    return Ref(f"fit.said.{choice}")


def choice_label(item: Item, choice: str) -> Ref:
    """What a choice is called, on its button and in the result ("Direct", "Somewhat")."""
    if choice == SKIP:
        return Ref("fit.choice.skipped")
    if choice in POLES:
        return Ref(f"fit.pole.{item.topic}.{choice}")
    return Ref(f"fit.choice.{choice}")
