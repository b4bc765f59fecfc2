"""Whether a client's own ratings have gone up, stayed level or gone down: plain
arithmetic on their numbers, against nothing but their own earlier ones (no norms, no
cut-offs borrowed from a questionnaire). Pure: no I/O.

- Change since the start: the mean of the first three ratings against the mean of the
  latest three, once there are at least six (so the two never overlap). Less than
  `SAME_WITHIN` apart reads as about the same.
- The recent direction: over the latest four ratings, the mean of the latest two against
  the mean of the two before them. `STEP` (a point) or more higher is rising, a point or
  more lower is falling, anything in between is flat. Two against two, rather than a
  fitted slope, so that one good or bad week between ordinary ones (5, 7, 5, 7) doesn't
  read as a direction, and the client can check it by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# Ratings before the first weeks and the latest can be compared, and how many of each.
ENOUGH_TO_COMPARE = 6
FIRST = LATEST = 3
# How many of the latest ratings the direction looks at.
RECENT = 4
# How far apart (in points, 0 to 10) the latest two and the two before must be to be a
# direction rather than flat.
STEP = 1.0
# How far apart the first three and latest three must be to be higher or lower.
SAME_WITHIN = 1.0


class Direction(StrEnum):
    RISING = "rising"
    FLAT = "flat"
    FALLING = "falling"


@dataclass(frozen=True, slots=True)
class Change:
    """The first weeks' mean, the latest weeks' mean, and which way they differ."""

    first: float
    latest: float
    direction: Direction


def direction(ratings: Sequence[int]) -> Direction | None:
    """Rising, flat or falling over the latest `RECENT` ratings; None with fewer."""
    if len(ratings) < RECENT:
        return None
    recent = ratings[-RECENT:]
    half = RECENT // 2
    before, after = _mean(recent[:half]), _mean(recent[half:])
    return _way(after - before, STEP)


def since_start(ratings: Sequence[int]) -> Change | None:
    """The latest three against the first three; None before there are six."""
    if len(ratings) < ENOUGH_TO_COMPARE:
        return None
    first, latest = _mean(ratings[:FIRST]), _mean(ratings[-LATEST:])
    return Change(first, latest, _way(latest - first, SAME_WITHIN))


def worth_raising(ratings: Sequence[int]) -> Direction | None:
    """Flat or falling over the latest four: worth a word with the therapist (None when
    rising, or too few to say)."""
    found = direction(ratings)
    return found if found in (Direction.FLAT, Direction.FALLING) else None


def one_decimal(value: float) -> str:
    """A mean as the client reads it: "6", "6.3"."""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def _way(difference: float, threshold: float) -> Direction:
    # A hair under the threshold counts as it: thirds add up to 0.9999... in floats.
    if difference >= threshold - 1e-9:
        return Direction.RISING
    if difference <= -threshold + 1e-9:
        return Direction.FALLING
    return Direction.FLAT


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)
