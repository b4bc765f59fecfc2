"""`/learned`: what the client wrote under "what helped" and what they wanted to bring up,
across all their sessions, newest first, grouped by month, in pages that fit a Telegram
message. Page buttons carry `ln:<newest answer>:<newest memo>:<page>`, so a page turned
later shows the same items even if the client wrote more meanwhile."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from features.common.pages import PAGE_LIMIT, pack, size, split_text
from features.kernel.texts import render
from features.kernel.vocabulary import Arg, Button, Day, Ref, Reply
from features.learned.loaded import MEMO, Learned, Piece

PRESS = "ln:"
# Room on each page for its header, a "(continued)" line and the footer.
_CHROME = 500
# An item up to this long (as sent, escaped) is never split across pages.
LONGEST_WHOLE = PAGE_LIMIT - _CHROME - 100


@dataclass(frozen=True, slots=True)
class Wanted:
    """A page of /learned: the newest answer and memo it counts (None: all, as now)."""

    page: int = 1
    upto_answer: int | None = None
    upto_memo: int | None = None


def wanted(data: str) -> Wanted | None:
    """The page a button's data asks for (None: not a page of /learned, or mangled)."""
    parts = data.removeprefix(PRESS).split(":")
    if len(parts) != 3 or not all(part.isdecimal() for part in parts):
        return None
    answer, memo, page = (int(part) for part in parts)
    return Wanted(page, answer, memo) if page >= 1 else None


def pages(learned: Learned, language: str) -> list[Reply]:
    """Every page, each with buttons to the newer and older pages."""
    pieces = _pieces(learned.pieces)
    sizes = [size(render(p.ref.text, language, **p.ref.args)) for p in pieces]
    groups = pack(sizes, PAGE_LIMIT - _CHROME)
    replies = []
    for number, group in enumerate(groups, start=1):
        body = [pieces[i].ref for i in group]
        first = pieces[group[0]]
        if not first.heading:  # a month carried over from the page before
            body.insert(0, Ref("learned.month_continued", {"month": first.month}))
        footer: Arg = ""
        if len(groups) > 1:
            last = "learned.footer_last" if number == len(groups) else "learned.footer"
            footer = Ref(last, {"page": str(number), "pages": str(len(groups))})
        held_back: Arg = ""
        if number == len(groups) and learned.held_back:
            held_back = Ref("learned.held_back")
        args: dict[str, Arg] = {
            "header": Ref("learned.header"),
            "body": tuple(body),
            "footer": footer,
            "held_back": held_back,
        }
        replies.append(Reply("learned.page", args, _buttons(learned, number, len(groups))))
    return replies


def page(learned: Learned, number: int, language: str) -> Reply | None:
    """One page (None past the last)."""
    every = pages(learned, language) if learned.pieces else []
    return every[number - 1] if 1 <= number <= len(every) else None


@dataclass(frozen=True, slots=True)
class _Part:
    """One unbreakable part of a page: a month's heading, or an item (or one part of an
    item too long for a page)."""

    ref: Ref
    month: str
    heading: bool = False


def _pieces(pieces: tuple[Piece, ...]) -> list[_Part]:
    parts: list[_Part] = []
    month = ""
    for piece in pieces:
        this_month = _month(piece.day)
        if this_month != month:
            month = this_month
            named = Day(piece.day, month=True)
            parts.append(_Part(Ref("learned.month", {"month": named}), month, heading=True))
        label = Ref("learned.label.memo" if piece.kind == MEMO else f"learned.label.{piece.key}")
        words = split_text(piece.text, LONGEST_WHOLE, _escaped_size)
        item = Ref("learned.item", {"label": label, "day": day_label(piece.day), "text": words[0]})
        parts.append(_Part(item, month))
        parts.extend(_Part(Ref("learned.continued", {"text": w}), month) for w in words[1:])
    return parts


def _buttons(learned: Learned, number: int, total: int) -> tuple[tuple[Button, ...], ...]:
    keep = f"{PRESS}{learned.upto_answer}:{learned.upto_memo}"
    row = []
    if number > 1:
        row.append(Button("button.newer", f"{keep}:{number - 1}"))
    if number < total:
        row.append(Button("button.older", f"{keep}:{number + 1}"))
    return (tuple(row),) if row else ()


def _escaped_size(text: str) -> int:
    return size(html.escape(text, quote=False))


def _month(day: date) -> str:
    """The month a piece is grouped under (its heading is written in the client's language)."""
    return f"{day:%Y-%m}"


def day_label(day: date, today: date | None = None) -> Day:
    """A day as a list shows it: "Tue 24 Nov", with the year when it isn't `today`'s
    (never without `today`: a month heading above names it)."""
    return Day(day, short=True, year=today is not None and day.year != today.year)
