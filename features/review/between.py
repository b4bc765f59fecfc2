"""The check-ins between sessions, for /summary: one short message of faces, newest first,
after the reflections (the words of each check-in are in /export)."""

from __future__ import annotations

from datetime import date

from features.common.faces import FACES
from features.kernel.vocabulary import Arg, Ref, Reply

# As many as fit comfortably in a glance (a month of daily check-ins); /export has them all.
SHOWN = 31


def faces(checkins: tuple[tuple[date, int], ...]) -> Reply | None:
    """ "Between sessions: 🙂 Thu 26 Nov · 😐 Tue 24 Nov ...", or None when there are none."""
    if not checkins:
        return None
    shown = " \u00b7 ".join(
        f"{FACES.get(face, '')} {day:%a} {day.day} {day:%b}" for day, face in checkins[:SHOWN]
    )
    more = len(checkins) - SHOWN
    earlier: Arg = Ref("summary.checkins_more", {"n": str(more)}) if more > 0 else ""
    return Reply("summary.checkins", {"faces": shown, "more": earlier})
