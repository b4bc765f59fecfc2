"""What goes on the share page: exactly what the client chose, in their voice.

The page holds the note's items the client kept (those about a goal only when that goal
is chosen too: a goal left out stays off the whole page), the last N rated sessions'
ratings, how I've been over its last N weeks (a table and a small chart), and each chosen
goal with its progress ratings in those sessions. Words that raised a safety check reach
the page only when the client said yes to sharing them (the loader leaves the rest out,
as the note does). Laid out in paper.py, on one page by fitting.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from features.common.questions import GOAL, RATINGS
from features.kernel.vocabulary import Arg, Ref
from features.share.choice import Choice
from features.share.loaded import NoteEntry, PageMaterial, RatedSession, ShareFacts, WellbeingRow

# The note's sections, in the note's order ("how": ratings the client agreed to raise).
SECTIONS = ("bring_up", "felt_right", "how", "progress", "helpful", "not_helpful", "obstacles")


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the note on paper: the client's words (which may be cut short to fit),
    or a sentence about a rating."""

    words: str | None = None
    said: Ref | None = None


@dataclass(frozen=True, slots=True)
class GoalOnPage:
    """A chosen goal in the client's words, with its ratings in the sessions on the page
    (serial, date, rating)."""

    words: str
    ratings: tuple[tuple[int, date, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """The page as chosen: None for a part left out (an empty tuple: chosen, with nothing
    in it yet)."""

    prepared_on: date
    note_day: date | None = None
    note: tuple[tuple[str, tuple[Line, ...]], ...] | None = None
    sessions: tuple[RatedSession, ...] | None = None
    wellbeing: tuple[WellbeingRow, ...] | None = None
    goals: tuple[GoalOnPage, ...] = ()
    # How many sessions the client asked for.
    count: int = 0

    @property
    def filename(self) -> str:
        """Discreet: nothing on a lock screen or in a file list says what it is about."""
        return f"notes-{self.prepared_on:%Y-%m-%d}.pdf"

    def fewer(self, count: int) -> Page:
        """The page over the last `count` sessions only."""
        sessions = self.sessions[-count:] if self.sessions is not None else None
        wellbeing = self.wellbeing[-count:] if self.wellbeing is not None else None
        kept = {s.serial for s in sessions} if sessions is not None else None
        goals = tuple(
            replace(goal, ratings=tuple(r for r in goal.ratings if kept is None or r[0] in kept))
            for goal in self.goals
        )
        return replace(self, sessions=sessions, wellbeing=wellbeing, goals=goals)

    def shown_sessions(self) -> int:
        """How many sessions the page reaches back over."""
        return max(len(self.sessions or ()), len(self.wellbeing or ()))


def chosen_anything(choice: Choice, facts: ShareFacts) -> bool:
    """Whether the choice puts anything at all on the page."""
    return (
        (choice.note and facts.note is not None)
        or (choice.ratings and facts.rated > 0)
        or (choice.trend and facts.wellbeing > 0)
        or bool(chosen_goals(choice, facts))
    )


def chosen_goals(choice: Choice, facts: ShareFacts) -> dict[int, str]:
    """The chosen goals: id -> the client's words, in the order they were set."""
    ordered = sorted(facts.goals.items())
    return {
        goal: words for position, (goal, words) in enumerate(ordered) if position in choice.goals
    }


def page_of(choice: Choice, facts: ShareFacts, material: PageMaterial, today: date) -> Page:
    """The page as the client chose it, from what was read for it."""
    goals = chosen_goals(choice, facts)
    note = None
    if choice.note and facts.note is not None:
        note = _note(material.note_items, goals)
    sessions = material.sessions if choice.ratings and facts.rated else None
    wellbeing = material.wellbeing if choice.trend and facts.wellbeing else None
    on_page = tuple(
        GoalOnPage(
            words,
            tuple(
                (s.serial, s.session_date, s.ratings[f"{GOAL}{goal}"])
                for s in material.sessions
                if f"{GOAL}{goal}" in s.ratings
            ),
        )
        for goal, words in goals.items()
    )
    return Page(
        prepared_on=today,
        note_day=facts.note.session_date if note is not None and facts.note else None,
        note=note,
        sessions=sessions,
        wellbeing=wellbeing,
        goals=on_page,
        count=choice.count,
    )


def _note(
    entries: tuple[NoteEntry, ...], goals: dict[int, str]
) -> tuple[tuple[str, tuple[Line, ...]], ...]:
    sections: dict[str, list[Line]] = {}
    for entry in entries:
        if entry.goal_id is not None and entry.goal_id not in goals:
            continue  # a goal left out stays off the whole page
        sections.setdefault(entry.section, []).append(_line(entry))
    return tuple((section, tuple(sections[section])) for section in SECTIONS if section in sections)


def _line(entry: NoteEntry) -> Line:
    if entry.words is not None:
        return Line(words=entry.words)
    question = "goal" if entry.question.startswith(GOAL) else entry.question
    if question not in (*RATINGS, "goal"):
        question = "other"
    args: dict[str, Arg] = {"rating": str(entry.rating), "goal": entry.goal or ""}
    if entry.kind == "goal":
        if entry.previous is not None:
            return Line(
                said=Ref("share.progress.goal_before", {**args, "previous": str(entry.previous)})
            )
        return Line(said=Ref("share.progress.goal", args))
    if entry.kind == "drop" and entry.previous is not None:
        return Line(said=Ref(f"share.drop.{question}", {**args, "previous": str(entry.previous)}))
    return Line(said=Ref(f"share.low.{question}", args))
