"""`/find WORD`: everything the client wrote that has these words, newest first, each with
where it came from, its date and a short excerpt, the words found in bold; `/find` alone
asks for the words first.

The query is never stored in the clear: while the client can still turn the pages of the
results, it is held sealed in their state (encrypted with it, `SEALED`), and dropped as
soon as they do anything else. Page buttons carry `fd:<search>:<page>`, so a button of an
earlier search does nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from features.common.questions import GOAL, OPEN, OWN, RATINGS
from features.common.timezones import local_time
from features.kernel.vocabulary import (
    SEALED,
    Arg,
    Button,
    Command,
    DangerSeen,
    Event,
    Facts,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.learned import texts
from features.learned.learned import day_label
from features.learned.loaded import ANSWER, MEMO, OWN_QUESTION, PLAN, Piece, Writings
from features.learned.loaded import GOAL as WRITTEN_GOAL
from features.learned.search import Excerpt, Query, excerpt

PRESS = "fd:"
# In the state's data, while the results can be paged: which search the buttons belong to.
SEARCH = "search"
# What a query may be: longer than this is not a word or two.
MAX_QUERY = 100
MAX_WORDS = 5
PER_PAGE = 8
# A goal or question of the client's own names where an answer came from, this short.
_LABEL_LENGTH = 60
_SPACES = re.compile(r"\s+")
_SOURCES = {
    WRITTEN_GOAL: "find.from.goal",
    OWN_QUESTION: "find.from.own_question",
    MEMO: "find.from.memo",
}


def needs_writings(state: State, event: Event) -> bool:
    """Whether the event searches: /find with words, words sent when asked for them, or a
    page of the results still on offer."""
    if isinstance(event, Command):
        return event.name == "find" and bool(event.args.strip())
    if isinstance(event, Text):
        return state.step is Step.FIND_WORD
    if isinstance(event, Press) and state.step is Step.FIND_RESULTS:
        asked = _page_asked(event.data)
        return asked is not None and asked[0] == state.data.get(SEARCH)
    return False


def command(state: State, command: Command, facts: Facts) -> Outcome:
    """/find: the results for the words given, or the question what to look for."""
    if not command.args.strip():
        return Outcome(State(Step.FIND_WORD), (Reply("find.ask"),))
    return _search(command.args, facts, State())


def asked(state: State, event: Event, facts: Facts) -> Outcome:
    """The words to look for, after /find alone."""
    if isinstance(event, Text):
        if facts.get(DangerSeen) is not None:
            # Help came first, and nothing is searched after it: not the moment to show
            # the client their own words back.
            return Outcome(State())
        return _search(event.text, facts, state)
    if isinstance(event, Press):
        return Outcome(state, (Toast("toast.stale_button"),))
    return Outcome(state, (Reply("find.not_text"),))


def ask_again(state: State) -> tuple[Reply, ...]:
    """What to look for, asked again after an interruption."""
    return (Reply("find.ask"),)


def cancel(state: State, facts: Facts) -> Outcome:
    """/cancel while asked what to look for."""
    return Outcome(State(), (Reply("find.cancelled"),))


def turn_page(state: State, event: Event, facts: Facts) -> Outcome | None:
    """A page of the results; anything else lets the offer lapse, and the query with it."""
    if not isinstance(event, Press) or not event.data.startswith(PRESS):
        return None
    asked = _page_asked(event.data)
    query = state.data.get(SEALED)
    writings = facts.get(Writings)  # read only for this search's own buttons
    if asked is None or writings is None or not isinstance(query, str):
        return Outcome(state, (Toast("toast.stale_button"),))
    found = matches(Query.of(query), writings)
    search, number = asked
    if search != state.data.get(SEARCH) or not 1 <= number <= _pages(found):
        return Outcome(state, (Toast("toast.stale_button"),))
    return Outcome(state, (Redraw(_page(query, found, writings, number, search, facts)),))


def matches(query: Query, writings: Writings) -> list[Piece]:
    """What the client wrote that has every word of the query, newest first."""
    return [piece for piece in writings.pieces if query.matches(piece.text)]


def _search(text: str, facts: Facts, asking: State) -> Outcome:
    """The first page of results; `asking` is the state to stay in when the words can't be
    used (asked for them: asked again; after /find WORD: idle)."""
    words = _SPACES.sub(" ", text).strip()
    writings = facts[Writings]
    if not writings.pieces:
        return Outcome(State(), (Reply("find.nothing_written"),))
    query = Query.of(words)
    if len(words) > MAX_QUERY or len(query.words) > MAX_WORDS:
        return Outcome(asking, (Reply("find.too_long"),))
    if not query.words:
        return Outcome(asking, (Reply("find.no_words"),))
    found = matches(query, writings)
    if not found:
        return Outcome(State(), (Reply("find.nothing_found", {"query": words}),))
    search = f"{facts.now:%d%H%M%S%f}"
    first = _page(words, found, writings, 1, search, facts)
    if _pages(found) == 1:
        return Outcome(State(), (first,))
    return Outcome(State(Step.FIND_RESULTS, {SEALED: words, SEARCH: search}), (first,))


def _page(
    query: str, found: list[Piece], writings: Writings, number: int, search: str, facts: Facts
) -> Reply:
    today = _today(facts)
    shown = found[(number - 1) * PER_PAGE : number * PER_PAGE]
    folded = Query.of(query)
    body = tuple(_match(piece, folded, writings, today) for piece in shown)
    count = Ref("find.count", {"n": len(found)})
    pages = _pages(found)
    footer: Arg = ""
    if pages > 1:
        last = "find.footer_last" if number == pages else "find.footer"
        footer = Ref(last, {"page": str(number), "pages": str(pages)})
    args: dict[str, Arg] = {
        "header": Ref("find.header", {"query": query, "count": count}),
        "body": body,
        "footer": footer,
    }
    return Reply("find.page", args, _buttons(search, number, pages))


def _match(piece: Piece, query: Query, writings: Writings, today: date) -> Ref:
    args: dict[str, Arg] = {
        "where": where(piece, writings),
        "excerpt": marked(excerpt(piece.text, query)),
    }
    if not piece.dated:
        return Ref("find.match_undated", args)
    return Ref("find.match", {**args, "day": day_label(piece.day, today)})


def where(piece: Piece, writings: Writings) -> Ref:
    """Where a piece of writing came from, in the client's first person."""
    if piece.kind == ANSWER:
        return _question(piece.key, writings)
    if piece.kind == PLAN:
        named = f"find.plan.{piece.key}" in texts.EN
        part: Arg = Ref(f"find.plan.{piece.key}") if named else piece.key
        return Ref("find.from.plan", {"part": part})
    return Ref(_SOURCES.get(piece.kind, "find.from.other"))


def marked(found: Excerpt) -> Arg:
    """An excerpt as text with its matched words in bold; every piece of it escaped when
    rendered (each one a plain argument of `find.mark`)."""
    rest: Arg = found.parts[-1]
    for before, word in reversed(list(zip(found.parts, found.marked, strict=False))):
        rest = Ref("find.mark", {"before": before, "word": word, "rest": rest})
    return rest


def _question(key: str, writings: Writings) -> Ref:
    if key in RATINGS or key in OPEN:
        return Ref(f"find.from.{key}")
    if key.startswith(GOAL):
        goal = _words(writings.goals, key.removeprefix(GOAL))
        return (
            Ref("find.from.goal_rating", {"goal": goal})
            if goal
            else Ref("find.from.goal_rating_gone")
        )
    if key.startswith(OWN):
        own = _words(writings.own_questions, key.removeprefix(OWN))
        return Ref("find.from.own", {"text": own}) if own else Ref("find.from.own_gone")
    return Ref("find.from.other")


def _words(written: Mapping[int, str], raw_id: str) -> str | None:
    text = written.get(int(raw_id)) if raw_id.isdecimal() else None
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= _LABEL_LENGTH else text[: _LABEL_LENGTH - 1].rstrip() + "\u2026"


def _buttons(search: str, number: int, total: int) -> tuple[tuple[Button, ...], ...]:
    row = []
    if number > 1:
        row.append(Button("button.newer", f"{PRESS}{search}:{number - 1}"))
    if number < total:
        row.append(Button("button.older", f"{PRESS}{search}:{number + 1}"))
    return (tuple(row),) if row else ()


def _page_asked(data: str) -> tuple[str, int] | None:
    search, _, number = data.removeprefix(PRESS).partition(":")
    return (search, int(number)) if search and number.isdecimal() else None


def _pages(found: list[Piece]) -> int:
    return max(1, -(-len(found) // PER_PAGE))


def _today(facts: Facts) -> date:
    zone = facts.client.time_zone
    return local_time(zone, facts.now).date() if zone else facts.now.date()
