"""The note for the next session: in the client's first person, what they wanted to raise,
whether sessions felt right, the ratings they agreed to raise, their progress on each goal
(out of 10), what helped, what didn't, and obstacles they noticed. A rating that dropped
goes in only when the client said yes to raising it (a topic): "Not now" is respected.
`/note` and the scheduled note before a session are the same message: a draft whose items
the client can leave out (they stay out of the next note too), then Done.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import date

from features.common.pages import PAGE_LIMIT, pack, size, split_text
from features.common.questions import GOAL, RATINGS
from features.kernel.texts import render
from features.kernel.vocabulary import Arg, Button, Day, Ref, Reply

PRESS = "n:"
DONE = "done"
OPEN = "open"
# Open answers a note takes, and the order of its sections ("how" holds the ratings the
# client agreed to raise, "progress" their goals' ratings and what they wrote about progress).
SECTIONS = ("bring_up", "felt_right", "how", "progress", "helpful", "not_helpful", "obstacles")
NOTED = ("bring_up", "felt_right", "progress", "helpful", "not_helpful", "obstacles")
# Items in the client's words: an answer, or (to any question) words of danger the client
# agreed to bring to their therapist ("shared", under "I'd like to bring up"), or words
# they chose to keep for the note outside a question ("memo", there too).
WORDS = ("answer", "shared", "memo")
BROUGHT_UP = ("shared", "memo")
# More than this and a note stops being something to read out in a session.
MAX_ITEMS = 30
# In the draft, each item is shortened to share one message; the final note is whole.
_DRAFT_CHROME = 700
# The longest part of an answer in one message of the final note (as sent, escaped).
_LONGEST_LINE = PAGE_LIMIT - 600


@dataclass(frozen=True, slots=True)
class NoteItem:
    """One thing the note can hold: an answer in the client's words ("answer"), a rating
    they agreed to raise ("topic"), their latest rating of a goal ("goal"), or (in notes
    kept from before topics were asked for) a rating lower than the time before ("drop")."""

    kind: str
    ref: int
    question: str
    included: bool = True
    text: str | None = None
    rating: int | None = None
    previous: int | None = None
    goal: str | None = None

    @property
    def section(self) -> str:
        """Which part of the note it belongs in."""
        if self.kind in BROUGHT_UP:
            return "bring_up"
        if self.kind == "goal":
            return "progress"
        return self.question if self.kind == "answer" else "how"

    @property
    def words(self) -> bool:
        """Whether it is the client's own words (not a rating)."""
        return self.kind in WORDS


@dataclass(frozen=True, slots=True)
class NoteView:
    """A note as kept (serial > 0), or what a new one would hold (serial 0)."""

    serial: int
    items: tuple[NoteItem, ...]
    final: bool = False
    session_date: date | None = None
    # Sent before a session (not asked for with /note): it may need discreet wording.
    scheduled: bool = False
    # The client's goals as they stand: what a note with nothing else in it can show.
    goals: tuple[str, ...] = ()

    def toggled(self, index: int) -> NoteView:
        """The note with one item left out, or put back."""
        items = list(self.items)
        items[index] = replace(items[index], included=not items[index].included)
        return replace(self, items=tuple(items))


def in_order(items: list[NoteItem]) -> tuple[NoteItem, ...]:
    """Items grouped by section (stable within one), the newest kept when too many."""
    ordered = sorted(items, key=lambda item: SECTIONS.index(item.section))
    if len(ordered) > MAX_ITEMS:
        ordered = sorted(items[-MAX_ITEMS:], key=lambda item: SECTIONS.index(item.section))
    return tuple(ordered)


def draft(note: NoteView, neutral: bool, language: str) -> Reply:
    """The note with a number per item, left-out items struck through, and buttons to
    toggle each and to finish."""
    body = _body(note, draft=True, limit=_item_allowance(note))
    args: dict[str, Arg] = {"opening": _opening(neutral), "title": _title(note), "body": body}
    toggles = [
        Button(
            "button.note_in" if item.included else "button.note_out",
            f"{PRESS}{note.serial}:{index}",
            {"n": str(index + 1)},
        )
        for index, item in enumerate(note.items)
    ]
    rows = [tuple(toggles[i : i + 5]) for i in range(0, len(toggles), 5)]
    rows.append((Button("button.note_done", f"{PRESS}{note.serial}:{DONE}"),))
    return Reply("note.draft", args, tuple(rows))


def closed(note: NoteView) -> Reply:
    """The scheduled note, discreet: nothing of what it holds until the client opens it
    (a lock screen shows a message's start; the note's words would be there)."""
    day = note.session_date
    when: Arg = Day(day) if day is not None else ""
    text = "note.closed_day" if day is not None else "note.closed"
    button = Button("button.note_open", f"{PRESS}{note.serial}:{OPEN}")
    return Reply(text, {"opening": _opening(True), "day": when}, ((button,),))


def nothing_to_raise(note: NoteView, neutral: bool) -> Reply:
    """The scheduled note when the client noted nothing: said kindly, no buttons; before a
    first session, say, their goals are worth having in mind, unless the note must be
    discreet (a goal is in the client's words, which a lock screen would show)."""
    args: dict[str, Arg] = {"opening": _opening(neutral), "title": _title(note)}
    if note.goals and not neutral:
        args["goals"] = _goal_lines(note.goals)
        return Reply("note.empty_goals", args)
    return Reply("note.empty", args)


def nothing_yet(goals: tuple[str, ...]) -> Reply:
    """/note with nothing noted: said kindly, with the client's goals if they have some."""
    if goals:
        return Reply("note.nothing_goals", {"goals": _goal_lines(goals)})
    return Reply("note.nothing")


def _goal_lines(goals: tuple[str, ...]) -> tuple[Ref, ...]:
    return tuple(Ref("note.goal_line", {"goal": goal}) for goal in goals)


def final(note: NoteView, neutral: bool, language: str) -> list[Reply]:
    """The finished note, ready to read out or forward: what the client kept in it, in as
    few messages as fit (one, unless they wrote a great deal)."""
    if not any(item.included for item in note.items):
        return [Reply("note.final_empty")]
    lines = list(_body(note, draft=False, limit=None))
    sizes = [size(render(line.text, language, **line.args)) for line in lines]
    groups = pack(sizes, PAGE_LIMIT - 300)
    first = tuple(lines[i] for i in groups[0])
    replies = [
        Reply("note.final", {"opening": _opening(neutral), "title": _title(note), "body": first})
    ]
    for group in groups[1:]:
        replies.append(Reply("note.final_more", {"body": tuple(lines[i] for i in group)}))
    return replies


def _body(note: NoteView, *, draft: bool, limit: int | None) -> tuple[Ref, ...]:
    lines: list[Ref] = []
    for section in SECTIONS:
        shown = [
            (index, item)
            for index, item in enumerate(note.items)
            if item.section == section and (draft or item.included)
        ]
        if not shown:
            continue
        lines.append(Ref(f"note.section.{section}"))
        for index, item in shown:
            if not draft and item.words and item.text:
                # Whole in the final note; a very long answer goes on over more messages.
                parts = split_text(item.text, _LONGEST_LINE, _sent_size)
                lines.append(Ref("note.line", {"item": Ref("note.words", {"text": parts[0]})}))
                lines.extend(Ref("note.words", {"text": part}) for part in parts[1:])
                continue
            content = _content(item, limit)
            if not draft:
                lines.append(Ref("note.line", {"item": content}))
            elif item.included:
                lines.append(Ref("note.line_draft", {"n": str(index + 1), "item": content}))
            else:
                lines.append(Ref("note.line_left_out", {"n": str(index + 1), "item": content}))
    return tuple(lines)


def _content(item: NoteItem, limit: int | None) -> Ref:
    if item.words:
        text = item.text or ""
        if limit is not None:
            text = _shortened(text, limit)
        return Ref("note.words", {"text": text})
    question = "goal" if item.question.startswith(GOAL) else item.question
    if question not in (*RATINGS, "goal"):
        question = "other"
    args: dict[str, Arg] = {"rating": str(item.rating), "goal": item.goal or ""}
    if item.kind == "goal":
        named = "goal" if item.goal else "goal_gone"
        if item.previous is not None:
            return Ref(f"note.progress.{named}_before", {**args, "previous": str(item.previous)})
        return Ref(f"note.progress.{named}", args)
    if item.kind == "drop" and item.previous is not None:
        args["previous"] = str(item.previous)
        return Ref(f"note.drop.{question}", args)
    return Ref(f"note.low.{question}", args)


def _item_allowance(note: NoteView) -> int:
    """How long each item's words may be in the draft so that it stays one message."""
    count = max(len(note.items), 1)
    return max(60, (PAGE_LIMIT - _DRAFT_CHROME) // count - 40)


def _shortened(text: str, limit: int) -> str:
    """The text within `limit` as sent (escaped), cut after a word, with an ellipsis."""
    if _sent_size(text) <= limit:
        return text
    cut = text
    while _sent_size(cut) > limit - 1:
        cut = cut[: max(len(cut) * 3 // 4, 1)] if _sent_size(cut) > 2 * limit else cut[:-1]
    if " " in cut[len(cut) // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "\u2026"


def _sent_size(text: str) -> int:
    return size(html.escape(text, quote=False))


def _opening(neutral: bool) -> Ref:
    # The first line is what a lock screen shows: it never says "therapy" when neutral.
    return Ref("note.opening_neutral" if neutral else "note.opening")


def _title(note: NoteView) -> Ref:
    day = note.session_date
    if day is None:
        return Ref("note.title")
    return Ref("note.title_day", {"day": Day(day)})
