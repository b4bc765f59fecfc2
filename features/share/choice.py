"""What the client has chosen for the page, carried in the menu's buttons (nothing is
stored): `sh:<note serial>:<flags>:<sessions>:<goals>:<mark>:<action>`.

Flags: 1 the note, 2 the sessions' ratings, 4 how I've been. Goals: a bit per active goal,
in the order they were set. The mark is drawn from the note and the goals on offer when
the menu was shown: if either changed since (a new note, a goal set aside), the buttons
are stale and say so, rather than put something else on the page than the client saw.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from features.kernel.vocabulary import Event, Press

PRESS = "sh:"
COUNTS = (3, 5, 10)
DEFAULT_COUNT = 5
NOTE, RATINGS, TREND = 1, 2, 4
MAKE, CANCEL = "make", "cancel"
# Toggles: "note", "rat", "trend", "n<count>", "g<position>".
_TOGGLES = {"note": NOTE, "rat": RATINGS, "trend": TREND}


@dataclass(frozen=True, slots=True)
class Choice:
    """What goes on the page: the note (its serial, 0 for none on offer), the last `count`
    sessions' ratings, how I've been over them, and which goals (positions among the
    active goals, in the order they were set)."""

    note_serial: int
    flags: int
    count: int
    goals: frozenset[int]
    mark: str

    @property
    def note(self) -> bool:
        return bool(self.flags & NOTE) and self.note_serial > 0

    @property
    def ratings(self) -> bool:
        return bool(self.flags & RATINGS)

    @property
    def trend(self) -> bool:
        return bool(self.flags & TREND)

    def data(self, action: str) -> str:
        """A button's data: this choice and what the button does."""
        mask = sum(1 << position for position in self.goals)
        return f"{PRESS}{self.note_serial}:{self.flags}:{self.count}:{mask:x}:{self.mark}:{action}"

    def toggled(self, action: str, goal_count: int) -> Choice | None:
        """The choice after a toggle or a count, or None for an action that is neither."""
        if action in _TOGGLES:
            return replace(self, flags=self.flags ^ _TOGGLES[action])
        if action.startswith("n") and action[1:] in {str(n) for n in COUNTS}:
            return replace(self, count=int(action[1:]))
        if action.startswith("g") and action[1:].isdecimal() and int(action[1:]) < goal_count:
            return replace(self, goals=self.goals ^ {int(action[1:])})
        return None


def mark_of(note_serial: int, goals: Mapping[int, str]) -> str:
    """What the menu was drawn from, in four characters."""
    drawn = f"{note_serial}:{','.join(str(goal) for goal in sorted(goals))}"
    return f"{zlib.crc32(drawn.encode()) & 0xFFFF:04x}"


def first_choice(note_serial: int, goals: Mapping[int, str]) -> Choice:
    """Everything on, with the last five sessions: the client leaves out what they like."""
    return Choice(
        note_serial,
        NOTE | RATINGS | TREND,
        DEFAULT_COUNT,
        frozenset(range(len(goals))),
        mark_of(note_serial, goals),
    )


def parse(data: str) -> tuple[Choice, str] | None:
    """A button's choice and action, or None if the data isn't one of ours."""
    parts = data.removeprefix(PRESS).split(":")
    if len(parts) != 6:
        return None
    serial, flags, count, mask, mark, action = parts
    if not (serial.isdecimal() and flags.isdecimal() and count.isdecimal()):
        return None
    if int(count) not in COUNTS or int(flags) > 7 or len(mask) > 4 or len(mark) != 4:
        return None
    try:
        bits = int(mask, 16)
    except ValueError:
        return None
    goals = frozenset(position for position in range(16) if bits >> position & 1)
    return Choice(int(serial), int(flags), int(count), goals, mark), action


def pressed(event: Event) -> tuple[Choice, str] | None:
    """The choice and action of a press of the menu's buttons (None for anything else)."""
    if isinstance(event, Press) and event.data.startswith(PRESS):
        return parse(event.data)
    return None
